import pytest
from sqlalchemy import text

from services.shared import topology
from tests.support import broker
from tests.support.processes import ServiceProcess, wait_healthy

PROBE_QUEUE = topology.event_queue_name("probe_producer", "probe_happened", "probe_consumer",
                                        "apply_probe")


@pytest.fixture(autouse=True)
def _clean_state(clean):
    """Reliability tests start from empty tables and queues."""


@pytest.fixture
def spawn(tmp_path):
    """Start services as processes; every one is stopped after the test, its log printed."""
    started = []

    def start(spec, **env):
        process = ServiceProcess(spec, tmp_path, {k: str(v) for k, v in env.items()}).start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
        print(f"--- {process.name} (last lines) ---\n{process.log_tail(15)}")


PRODUCER = "tests.support.probe:ProbeProducer"
CONSUMER = "tests.support.probe:ProbeConsumer"


@pytest.fixture
def probes(spawn, config):
    """The probe consumer and producer as processes, both answering; (consumer, producer)."""
    consumer, producer = spawn(CONSUMER), spawn(PRODUCER)
    wait_healthy(config, "probe_consumer", process=consumer)
    wait_healthy(config, "probe_producer", process=producer)
    return consumer, producer


@pytest.fixture
def tally(db, config):
    """What happened, counted from the database and the broker."""
    def count():
        with db.connect() as connection:
            row = connection.execute(text(
                "SELECT (SELECT count(*) FROM probe_producer.outbox) AS published_or_pending,"
                " (SELECT count(*) FROM probe_producer.outbox WHERE published_at IS NULL) AS pending,"
                " (SELECT count(*) FROM probe_consumer.applied) AS applied,"
                " (SELECT count(DISTINCT message_id) FROM probe_consumer.applied) AS distinct_applied,"
                " (SELECT count(*) FROM probe_consumer.applied a WHERE NOT EXISTS (SELECT 1 FROM"
                "   probe_producer.outbox o WHERE o.message_id::text = a.message_id)) AS unexpected,"
                " (SELECT count(*) FROM probe_consumer.parked_message) AS parked")).mappings().one()
        return dict(row)
    return count


def assert_exactly_once(tally, config, expected: int):
    """lost = 0, doubled = 0, unexpected = 0, queues empty."""
    counts = tally()
    assert counts["published_or_pending"] == expected
    assert counts["pending"] == 0, "events still in the outbox"
    assert counts["distinct_applied"] == expected, "lost events"
    assert counts["applied"] == counts["distinct_applied"], "events applied twice"
    assert counts["unexpected"] == 0, "effects of events nobody published"
    assert counts["parked"] == 0
    assert broker.depth(config, PROBE_QUEUE) == 0
    assert broker.depth(config, topology.parked_queue_name("probe_consumer")) == 0
