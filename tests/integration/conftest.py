import sys

import pytest
from sqlalchemy import text

from nameko.testing.services import worker_factory

from services.intake.service import IntakeService
from services.manage import service_session
from services.matching.service import MatchingService
from services.notifications.service import NotificationsService
from tests.support.credentials import two_coordinators
from tests.support.platform import free_port
from tests.support.processes import ManagedProcess


@pytest.fixture(autouse=True)
def _clean_state(clean):
    """Integration tests start from empty tables and queues."""


@pytest.fixture
def smtp(tmp_path):
    """The mail catcher on a port of its own (not started yet)."""
    port, maildir = free_port(), tmp_path / "mail"
    catcher = ManagedProcess("mail", [sys.executable, "scripts/mailcatcher.py"], tmp_path,
                             {"SMTP_PORT": str(port), "MAILCATCHER_DIR": str(maildir)})
    catcher.port, catcher.maildir = port, maildir
    yield catcher
    catcher.stop()


@pytest.fixture
def intake(start_service, rpc):
    """The intake service running here; its RPC methods."""
    start_service(IntakeService)
    return rpc.intake


@pytest.fixture
def outbox(db):
    """The events intake has recorded, oldest first (their type and data)."""
    def events(event_type=None):
        with db.connect() as connection:
            payloads = connection.execute(text(
                "SELECT payload FROM intake.outbox ORDER BY id")).scalars().all()
        return [p for p in payloads if event_type in (None, p["type"])]
    return events


CONSUMERS = {"intake": IntakeService, "matching": MatchingService,
             "notifications": NotificationsService}


@pytest.fixture
def consumer(config, db):
    """A consumer service in this process on its own session: `consumer(name, **config)`."""
    sessions = []

    def make(name, **overrides):
        session = service_session(config, name)
        sessions.append(session)
        return worker_factory(CONSUMERS[name], db=session, config={**config, **overrides})
    yield make
    for session in sessions:
        session.close()
        session.get_bind().dispose()


@pytest.fixture
def coordinators(config, db):
    """Two coordinators' sign-in ({"email", "password"})."""
    return two_coordinators(config)
