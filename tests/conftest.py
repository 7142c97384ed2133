"""Test set-up. Order matters: the test environment, then eventlet's monkey patching, then
everything else. Integration tests get their own vhost and database (never the ones `make
run` uses, whatever is exported), with every service's migrations applied (not create_all)
and the whole topology declared."""
import os
import uuid

TEST_ENVIRONMENT = {
    "AMQP_URI": os.environ.get("TEST_AMQP_URI",
                               "amqp://guest:guest@127.0.0.1:5672/samenoppad_test"),
    "DATABASE_URL": os.environ.get("TEST_DATABASE_URL",
                                   "postgresql+psycopg://postgres@127.0.0.1:5432/samenoppad_test"),
    "SECRET_KEY": "tests-only-secret-key",
    "EVENT_RETRY_BASE_SECONDS": "0.05",
    "EVENT_RETRY_MAX_SECONDS": "0.2",
    "RELAY_POLL_SECONDS": "0.5",
    "NOTIFY_RETRY_BASE_SECONDS": "0.2",
    "LOG_LEVEL": "WARNING",
    "PUBLIC_BASE_URL": "http://127.0.0.1:8000",
    # this run's own list of revoked credentials in the shared Redis
    "REVOCATION_PREFIX": f"test-revoked-{uuid.uuid4().hex}",
}
os.environ.update(TEST_ENVIRONMENT)
for _service in ("INTAKE", "MATCHING", "FOLLOWUP", "EVENTS", "NOTIFICATIONS"):
    os.environ.pop(f"{_service}_DATABASE_URL", None)

from services.shared import boot  # noqa: E402,F401 - monkey patching before anything else

pytest_plugins = ["tests.support.fixtures", "tests.support.platform_fixtures"]
