"""A handler that keeps failing: tried exactly up to the limit, parked with its id, replayed."""
import json

import pytest

from sqlalchemy import func, insert, select, text

from services.shared import topology
from services.shared.errors import Conflict, NotFound
from services.shared.publisher import BatchPublisher, Outgoing
from tests.support import broker
from tests.support.probe import Applied, Attempt, Poison, ProbeConsumer, ProbeProducer
from tests.support.waiting import eventually

QUEUE = topology.event_queue_name("probe_producer", "probe_happened", "probe_consumer", "apply_probe")


def scalar(db, statement, **params):
    with db.connect() as connection:
        return connection.execute(statement, params).scalar_one()


def message_id_of(db, seq) -> str:
    return scalar(db, text("SELECT message_id::text FROM probe_producer.outbox "
                           "WHERE (payload->'data'->>'seq')::int = :seq"), seq=seq)


def attempts_on(db, message_id) -> int:
    return scalar(db, select(func.count()).select_from(Attempt).where(Attempt.message_id == message_id))


def test_poison_is_tried_up_to_the_limit_parked_then_replayed_while_others_flow(
        start_service, rpc, db, config):
    with db.begin() as connection:
        connection.execute(insert(Poison).values(seq=7))
    start_service(ProbeConsumer)
    start_service(ProbeProducer)
    rpc.probe_producer.emit(0, 20)

    parked = eventually(lambda: rpc.probe_consumer.list_parked(), timeout=20, message="parked")
    poisoned = message_id_of(db, 7)
    assert [p["message_id"] for p in parked] == [poisoned]
    assert parked[0]["reason"] == "delivery_limit"
    assert parked[0]["handler"] == "probe_consumer.apply_probe"
    assert "probe 7 is poisoned" in parked[0]["last_error"]
    assert parked[0]["event_type"] == "probe_happened"
    assert parked[0]["attempts"] == topology.MAX_ATTEMPTS
    assert not {"body", "headers", "content_type"} & set(parked[0]), "never the message itself"
    assert attempts_on(db, poisoned) == topology.MAX_ATTEMPTS
    assert scalar(db, select(func.count()).select_from(Applied)) == 19

    with db.begin() as connection:  # the cause is fixed
        connection.execute(Poison.__table__.delete())
    replayed = rpc.probe_consumer.replay_parked(parked[0]["id"])
    assert replayed["replayed_at"] and "body" not in replayed
    rpc.probe_producer.emit(100, 30)  # the others keep flowing meanwhile
    eventually(lambda: scalar(db, select(func.count()).select_from(Applied)) == 50, timeout=15)
    assert scalar(db, select(func.count()).select_from(Applied).where(Applied.seq == 7)) == 1
    assert attempts_on(db, poisoned) == topology.MAX_ATTEMPTS + 1
    assert rpc.probe_consumer.list_parked() == []
    assert broker.depth(config, QUEUE) == 0
    assert broker.depth(config, topology.parked_queue_name("probe_consumer")) == 0
    with pytest.raises(Conflict):
        rpc.probe_consumer.replay_parked(parked[0]["id"])


def test_an_unreadable_message_is_parked_at_once(start_service, rpc, config, db):
    start_service(ProbeConsumer)
    publisher = BatchPublisher(config["AMQP_URI"])
    publisher.publish([Outgoing(message_id="garbled-1", exchange="probe_producer.events",
                                routing_key="probe_happened",
                                body=json.dumps({"type": "probe_happened", "data": {}}).encode())])
    publisher.close()
    parked = eventually(lambda: rpc.probe_consumer.list_parked(), message="parked")
    assert parked[0]["message_id"] == "garbled-1"
    assert parked[0]["reason"] == "rejected"
    assert "unreadable message" in parked[0]["last_error"]
    assert scalar(db, select(func.count()).select_from(Attempt)) == 0


def test_replaying_an_unknown_parked_message_says_so(start_service, rpc):
    start_service(ProbeConsumer)
    with pytest.raises(NotFound) as raised:
        rpc.probe_consumer.replay_parked(424242)
    assert "no parked message 424242" in str(raised.value)


def test_a_message_parked_longer_than_applied_events_are_remembered_is_not_replayed(start_service, rpc, db):
    start_service(ProbeConsumer)
    with db.begin() as connection:
        parked_id = connection.execute(text(
            "INSERT INTO probe_consumer.parked_message (message_id, queue, event_type, reason, died_at,"
            " content_type, headers, body) VALUES ('m-1', :queue, 'probe_happened', 'delivery_limit',"
            " now() - interval '61 days', 'application/json', '{}', '{}') RETURNING id"),
            {"queue": QUEUE}).scalar_one()
    with pytest.raises(Conflict, match="could apply it twice"):
        rpc.probe_consumer.replay_parked(parked_id)
