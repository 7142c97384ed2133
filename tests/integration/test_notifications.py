"""The confirmation email, sent once, through a real SMTP server; retried while it is down."""
import email
import email.policy
import sys
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from services.notifications.service import NotificationsService
from services.shared import topology
from services.shared.contracts import envelope
from services.shared.publisher import BatchPublisher, event_message
from services.shared.wire import PLATFORM
from tests.support.platform import free_port
from tests.support.processes import ManagedProcess
from tests.support.waiting import eventually


@pytest.fixture
def smtp(tmp_path):
    """The mail catcher on a port of its own (not started yet)."""
    port, maildir = free_port(), tmp_path / "mail"
    catcher = ManagedProcess("mail", [sys.executable, "scripts/mailcatcher.py"], tmp_path,
                             {"SMTP_PORT": str(port), "MAILCATCHER_DIR": str(maildir)})
    catcher.port, catcher.maildir = port, maildir
    yield catcher
    catcher.stop()


def received(smtp) -> list:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted(smtp.maildir.glob("*.eml"))]


def application_received(**data) -> dict:
    return envelope(PLATFORM.get("application_received"), {
        "application_id": str(uuid.uuid4()), "person_id": str(uuid.uuid4()), "role": "participant",
        "first_name": "Jean-Paul", "language": "fr", "email": "jp@example.org", "phone": None,
        "status_url": "http://127.0.0.1:8000/status/t0k3n", "submitted_at": datetime.now(timezone.utc),
        **data})


def publish(config, *messages):
    publisher = BatchPublisher(config["AMQP_URI"])
    exchange = topology.event_exchange("intake").name
    result = publisher.publish([event_message(exchange, m) for m in messages])
    publisher.close()
    assert len(result.confirmed) == len({m["message_id"] for m in messages})


def deliveries(db):
    with db.connect() as connection:
        return connection.execute(text(
            "SELECT status, attempts, last_error, body_text FROM notifications.delivery")).all()


def test_the_confirmation_is_sent_once_even_when_the_event_comes_twice(start_service, smtp, config, db):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    event = application_received()
    publish(config, event, event)
    mail = eventually(lambda: received(smtp), timeout=15)[0]
    assert mail["To"] == "jp@example.org" and mail["Content-Language"] == "fr, nl"
    assert "Bonjour Jean-Paul" in mail.get_body(("plain",)).get_content()
    eventually(lambda: deliveries(db) and deliveries(db)[0].status == "sent")
    [delivery] = deliveries(db)
    assert delivery.body_text is None, "the body (with its private link) is not kept after sending"
    assert len(received(smtp)) == 1


def test_with_smtp_down_the_email_waits_and_goes_out_once_it_is_back(start_service, smtp, config, db):
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, application_received())
    failed = eventually(lambda: [d for d in deliveries(db) if d.attempts >= 1], timeout=15)[0]
    assert failed.status == "pending" and "SMTP unreachable" in failed.last_error
    smtp.start()
    eventually(lambda: deliveries(db)[0].status == "sent", timeout=20, interval=0.2)
    assert len(received(smtp)) == 1
