"""Queues are nameko's names on quorum queues with a delivery limit and dead-lettering."""
from services.shared import topology
from services.shared.wire import PLATFORM


def test_a_handler_queue_is_named_as_nameko_names_it():
    queue = topology.event_queue("intake", "participant_screened", "matching", "pool_it")
    assert queue.name == "evt-intake-participant_screened--matching.pool_it"
    assert queue.exchange.name == "intake.events" and queue.exchange.type == "topic"
    assert queue.routing_key == "participant_screened"
    assert queue.durable and not queue.auto_delete


def test_a_handler_queue_parks_its_messages_after_the_last_try():
    arguments = topology.event_queue("intake", "buddy_screened", "matching", "h").queue_arguments
    assert arguments["x-queue-type"] == "quorum"
    # RabbitMQ counts redeliveries: a limit of N allows N + 1 tries in all
    assert arguments["x-delivery-limit"] == topology.MAX_ATTEMPTS - 1
    assert arguments["x-dead-letter-exchange"] == topology.DEAD_LETTER_EXCHANGE.name
    assert arguments["x-dead-letter-routing-key"] == "matching"
    assert arguments["x-dead-letter-strategy"] == "at-least-once"


def test_parked_messages_reach_their_service_queue():
    queue = topology.parked_queue("matching")
    assert queue.name == "parked--matching"
    assert queue.exchange is topology.DEAD_LETTER_EXCHANGE and queue.routing_key == "matching"


def test_the_topology_has_a_queue_for_every_consumer_of_every_event():
    names = {q.name for q in topology.queues_for(PLATFORM)}
    expected = {f"evt-{c.producer}-{c.type}--{h}" for c in PLATFORM for h in c.consumers}
    assert names == expected
    only_intake = {q.name for q in topology.queues_for(PLATFORM, producer="intake")}
    assert only_intake == {n for n in expected if n.startswith("evt-intake-")}
