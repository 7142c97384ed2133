"""The event backbone against the real RabbitMQ and PostgreSQL: outbox → relay → queue → inbox."""
import json
import uuid

import kombu
from sqlalchemy import func, select, text

from services.shared import topology
from services.shared.contracts import Catalogue, Contract
from services.shared.outbox import record_event
from services.shared.publisher import BatchPublisher, event_message
from tests.support import broker
from tests.support.probe import PROBE, Applied, ProbeConsumer, ProbeHappened, ProbeProducer
from tests.support.waiting import eventually

QUEUE = topology.event_queue_name("probe_producer", "probe_happened", "probe_consumer", "apply_probe")


def count(db, statement) -> int:
    with db.connect() as connection:
        return connection.execute(statement).scalar_one()


def applied(db) -> int:
    return count(db, select(func.count()).select_from(Applied))


def test_events_go_from_the_outbox_to_the_handler(start_service, rpc, db):
    start_service(ProbeConsumer)
    start_service(ProbeProducer)
    rpc.probe_producer.emit(0, 20)
    eventually(lambda: applied(db) == 20, message="all 20 events applied")
    assert count(db, text("SELECT count(*) FROM probe_producer.outbox WHERE published_at IS NULL")) == 0
    assert count(db, text("SELECT count(DISTINCT message_id) FROM probe_consumer.inbox")) == 20
    assert count(db, select(func.count(func.distinct(Applied.seq)))) == 20


def test_the_same_message_delivered_twice_is_applied_once(start_service, config, db):
    start_service(ProbeConsumer)
    message = {"message_id": str(uuid.uuid4()), "type": "probe_happened", "version": 1,
               "occurred_at": "2026-11-27T10:00:00+00:00", "correlation_id": "twice",
               "data": {"seq": 1}}
    marker = {**message, "message_id": str(uuid.uuid4()), "data": {"seq": 2}}
    publisher = BatchPublisher(config["AMQP_URI"])
    exchange = topology.event_exchange("probe_producer").name
    result = publisher.publish([event_message(exchange, message), event_message(exchange, message),
                                event_message(exchange, marker)])
    publisher.close()
    assert result.confirmed == {message["message_id"], marker["message_id"]}
    # the queue is applied in order: once the marker behind both copies is in, so are they
    eventually(lambda: count(db, select(func.count()).select_from(Applied).where(
        Applied.message_id == marker["message_id"])) == 1, message="the marker applied")
    eventually(lambda: broker.depth(config, QUEUE) == 0, message="queue drained")
    assert applied(db) == 2, "the message delivered twice is applied once (and the marker once)"


def test_an_event_whose_queue_is_gone_stays_in_the_outbox_with_the_reason(
        start_service, rpc, db, config):
    orphan = Contract("probe_orphaned", "probe_producer", ProbeHappened, "a consumer that left", subject="probe",
                      consumers=("probe_consumer.gone",))

    class LonelyProducer(ProbeProducer):
        catalogue = Catalogue([*PROBE, orphan])

    container = start_service(LonelyProducer)
    rpc.probe_producer.emit(0, 1)  # the relay connects and declares its topology
    eventually(lambda: count(db, text(
        "SELECT count(*) FROM probe_producer.outbox WHERE published_at IS NULL")) == 0)
    gone = topology.event_queue_name("probe_producer", "probe_orphaned", "probe_consumer", "gone")
    with kombu.Connection(config["AMQP_URI"]) as connection:
        connection.channel().queue_delete(gone)  # an operator removed it by hand
    with _session(container) as session:
        record_event(session, "probe_orphaned", {"seq": 1}, subject_id=1)
        session.commit()
    row = eventually(lambda: _outbox_row(db, "probe_orphaned", with_error=True))
    assert row.published_at is None
    assert "unroutable" in row.last_error and "probe_orphaned" in row.last_error
    health = rpc.probe_producer.health()
    assert health["outbox_pending"] == 1 and health["outbox_failing"] == 1
    assert health["outbox_last_error"] == row.last_error, "the operator sees why"


def test_an_event_without_consumers_yet_is_published_and_not_held_back(start_service, rpc, db):
    unheard = Contract("probe_unheard", "probe_producer", ProbeHappened, "no consumer yet", subject="probe")

    class Announcer(ProbeProducer):
        catalogue = Catalogue([*PROBE, unheard])

    container = start_service(Announcer)
    with _session(container) as session:
        record_event(session, "probe_unheard", {"seq": 1}, subject_id=1)
        session.commit()
    eventually(lambda: count(db, text("SELECT count(*) FROM probe_producer.outbox "
                                      "WHERE published_at IS NOT NULL")) == 1)


def test_two_relays_never_publish_the_same_event_twice(start_service, rpc, config, db):
    start_service(ProbeProducer)
    start_service(ProbeProducer)
    rpc.probe_producer.emit(0, 500)
    eventually(lambda: count(db, text(
        "SELECT count(*) FROM probe_producer.outbox WHERE published_at IS NULL")) == 0)
    seen = _drain(config, QUEUE)
    assert len(seen) == 500
    assert len(set(seen)) == 500


def _session(container):
    database = next(d for d in container.dependencies if d.attr_name == "db")
    return database.sessionmaker()


def _outbox_row(db, event_type, with_error=False):
    with db.connect() as connection:
        row = connection.execute(text(
            "SELECT published_at, last_error FROM probe_producer.outbox WHERE event_type = :t"),
            {"t": event_type}).first()
    return row if row and (row.last_error or not with_error) else None


def _drain(config, queue_name) -> list[str]:
    """Take every message out of a queue; their message ids."""
    seen = []
    with kombu.Connection(config["AMQP_URI"]) as connection:
        channel = connection.channel()
        while (message := channel.basic_get(queue_name, no_ack=True)) is not None:
            seen.append(json.loads(message.body)["message_id"])
    return seen
