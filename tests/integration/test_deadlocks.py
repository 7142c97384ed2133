"""A deadlock is a lost race, not an outage: PostgreSQL rolls one transaction back, and the
batch of events it was applying runs again at once and is applied, logged as a deadlock."""
import logging
import uuid
from datetime import datetime, timezone

import eventlet
from sqlalchemy import func, select, text

from services.shared import batches
from services.shared.contracts import Event
from services.shared.database import session_factory
from tests.support.probe import PROBE, Applied, ConsumerBase

SETUP = ("CREATE TABLE IF NOT EXISTS probe_consumer.lock_row (id int PRIMARY KEY, n int NOT NULL);"
         " INSERT INTO probe_consumer.lock_row VALUES (1, 0), (2, 0)")


def an_event(seq: int) -> Event:
    return Event(message_id=str(uuid.uuid4()), type="probe_happened", version=1,
                 occurred_at=datetime.now(timezone.utc), correlation_id=f"deadlock-{seq}",
                 data={"seq": seq})


def bump(connection, row: int):
    connection.execute(text("UPDATE probe_consumer.lock_row SET n = n + 1 WHERE id = :id"),
                       {"id": row})


def test_a_batch_that_loses_a_deadlock_runs_again_and_is_applied(db, caplog):
    with db.begin() as connection:
        connection.execute(text(SETUP))
    other_holds_2, batch_holds_1 = eventlet.Event(), eventlet.Event()

    def other_transaction():  # locks row 2, then wants row 1: the opposite order
        with db.begin() as connection:
            connection.execute(text("SET LOCAL deadlock_timeout = '10s'"))  # the batch detects it
            bump(connection, 2)
            other_holds_2.send()
            batch_holds_1.wait()
            bump(connection, 1)

    def apply(event):  # locks row 1, then wants row 2
        other_holds_2.wait()
        bump(session, 1)
        if not batch_holds_1.ready():
            batch_holds_1.send()
        bump(session, 2)
        session.add(Applied(message_id=event.message_id, seq=event.data["seq"]))

    other = eventlet.spawn(other_transaction)
    session = session_factory(db, ConsumerBase.metadata, PROBE)()
    with caplog.at_level(logging.WARNING, logger="services.shared.batches"):
        outcomes = batches.apply_batch(session, "probe_consumer.apply_probe", apply,
                                       [an_event(1), an_event(2)])
    other.wait()
    session.close()
    assert [o.status for o in outcomes] == ["applied", "applied"]
    with db.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Applied)) == 2
        assert connection.execute(text("SELECT n FROM probe_consumer.lock_row ORDER BY id")
                                  ).scalars().all() == [3, 3], "the other's change and both events'"
    assert any("deadlock" in r.getMessage() for r in caplog.records)
    assert not any("unavailable" in r.getMessage() for r in caplog.records)
