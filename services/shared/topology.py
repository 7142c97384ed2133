"""The bus topology, derived from the event catalogue and declared before anything publishes.

Exchanges are nameko's (`<producer>.events`, topic), so plain nameko handlers can still bind
to them. Every consumer queue is named as nameko names it (`evt-<producer>-<event>--
<service>.<handler>`: handler names are part of the wire contract) and is a quorum queue with
a delivery limit: a handler that keeps failing has its message dead-lettered to
`parked--<service>` instead of looping. Dead-lettering is at-least-once, so no parked
message is lost on the way.
"""
from kombu import Exchange, Queue
from nameko.standalone.events import get_event_exchange

from services.shared.contracts import Catalogue

# Tries in all, including the first. A queue argument: changing it needs new queues.
MAX_ATTEMPTS = 5
DEAD_LETTER_EXCHANGE = Exchange("samenoppad.dead-letters", type="direct", durable=True)


def event_exchange(producer: str) -> Exchange:
    """The exchange on which `producer`'s events are published (nameko's own)."""
    return get_event_exchange(producer, {})


def event_queue_name(producer: str, event_type: str, service: str, handler: str) -> str:
    return f"evt-{producer}-{event_type}--{service}.{handler}"


def parked_queue_name(service: str) -> str:
    return f"parked--{service}"


def event_queue(producer: str, event_type: str, service: str, handler: str) -> Queue:
    """The durable quorum queue feeding one handler."""
    return Queue(
        event_queue_name(producer, event_type, service, handler),
        exchange=event_exchange(producer), routing_key=event_type,
        durable=True, auto_delete=False,
        queue_arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": MAX_ATTEMPTS - 1,
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE.name,
            "x-dead-letter-routing-key": service,
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        },
    )


def parked_queue(service: str) -> Queue:
    """Where `service`'s messages go after their last try; the service stores them for replay."""
    return Queue(parked_queue_name(service), exchange=DEAD_LETTER_EXCHANGE, routing_key=service,
                 durable=True, auto_delete=False, queue_arguments={"x-queue-type": "quorum"})


def queues_for(catalogue: Catalogue, producer: str | None = None) -> list[Queue]:
    """Every consumer queue of the catalogue's events (of one producer's, if named)."""
    queues = []
    for contract in catalogue:
        if producer is not None and contract.producer != producer:
            continue
        for handler in contract.consumers:
            service, method = handler.split(".", 1)
            queues.append(event_queue(contract.producer, contract.type, service, method))
    return queues


def declare(channel, catalogue: Catalogue, producer: str | None = None):
    """Declare exchanges, consumer queues, bindings and parked queues (idempotent)."""
    DEAD_LETTER_EXCHANGE.bind(channel).declare()
    producers = {c.producer for c in catalogue if producer in (None, c.producer)}
    for name in sorted(producers):
        event_exchange(name).bind(channel).declare()
    queues = queues_for(catalogue, producer)
    for service in sorted({q.queue_arguments["x-dead-letter-routing-key"] for q in queues}):
        parked_queue(service).bind(channel).declare()
    for queue in queues:
        queue.bind(channel).declare()
