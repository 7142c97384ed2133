"""RabbitMQ or PostgreSQL restarted in the middle of a stream of 1,000 events: every event is
applied exactly once, and nothing is left behind in the queues."""
import eventlet
import pytest
from sqlalchemy import create_engine

from services.shared.database import session_factory
from services.shared.outbox import record_event
from tests.reliability.conftest import assert_exactly_once
from tests.support.probe import PROBE, ProducerBase
from tests.support.servers import restart_postgres, restart_rabbitmq
from tests.support.waiting import eventually

TOTAL, BATCH = 1000, 50


def feed(config, total=TOTAL, batch=BATCH, pause=0.1):
    """Commit events into the producer's outbox, a batch at a time, as the service would;
    a batch whose commit fails (database down) is committed again afterwards."""
    engine = create_engine(config["DATABASE_URL"], pool_pre_ping=True)
    sessions = session_factory(engine, ProducerBase.metadata, PROBE)
    for first in range(0, total, batch):
        for attempt in range(200):
            try:
                with sessions() as session:
                    for seq in range(first, first + batch):
                        record_event(session, "probe_happened", {"seq": seq}, subject_id=seq)
                    session.commit()
                break
            except Exception:  # noqa: BLE001 - the database is restarting
                eventlet.sleep(0.25)
        else:
            raise AssertionError(f"could not commit batch {first} for 50 s")
        eventlet.sleep(pause)
    engine.dispose()


@pytest.mark.parametrize("restart", [restart_rabbitmq, restart_postgres],
                         ids=["rabbitmq", "postgresql"])
def test_a_restart_mid_stream_loses_nothing_and_doubles_nothing(restart, probes, config, tally):
    consumer, producer = probes

    feeder = eventlet.spawn(feed, config)
    eventually(lambda: tally()["applied"] >= 150, timeout=30, message="stream under way")
    restart()
    feeder.wait()

    eventually(lambda: tally()["distinct_applied"] == TOTAL, timeout=120, interval=0.5,
               message=f"all {TOTAL} applied")
    eventually(lambda: tally()["pending"] == 0, message="outbox emptied")
    assert consumer.running() and producer.running()
    assert_exactly_once(tally, config, TOTAL)
