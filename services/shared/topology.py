"""The bus topology, derived from the event catalogue and declared before anything publishes.

Exchanges are nameko's (`<producer>.events`, topic), so plain nameko handlers can still bind
to them. Every consumer queue is named as nameko names it (`evt-<producer>-<event>--
<service>.<handler>`: handler names are part of the wire contract) and is a quorum queue with
a delivery limit: a handler that keeps failing has its message dead-lettered to
`parked--<service>` instead of looping. Dead-lettering is at-least-once, so no parked
message is lost on the way. A parked message is replayed through its service's
`replay--<service>` exchange (direct, each queue bound by its own name), so that a service
may put a message back into its own queues and no one else's (broker_users.py).

`declare` (as the administrator, in `setup`) declares it all. A service on its own broker user
may not declare other services' exchanges: its queues bind to them without declaring them
(`own_exchanges=False`), and its relay declares only its own exchange (`declare_own`).
"""
from kombu import Exchange, Queue
from nameko.rpc import get_rpc_exchange
from nameko.standalone.events import get_event_exchange

from services.shared.contracts import Catalogue

# Tries in all, including the first. A queue argument: changing it needs new queues.
MAX_ATTEMPTS = 5
DEAD_LETTER_EXCHANGE = Exchange("samenoppad.dead-letters", type="direct", durable=True)
RPC_EXCHANGE = get_rpc_exchange({})  # nameko's, "nameko-rpc": every service's and caller's


def event_exchange(producer: str) -> Exchange:
    """The exchange on which `producer`'s events are published (nameko's own)."""
    return get_event_exchange(producer, {})


def replay_exchange_name(service: str) -> str:
    return f"replay--{service}"


def _bound_only(exchange: Exchange) -> Exchange:
    """The same exchange, which binding a queue to it does not declare (it must exist)."""
    return Exchange(exchange.name, type=exchange.type, durable=exchange.durable, no_declare=True)


def event_queue_name(producer: str, event_type: str, service: str, handler: str) -> str:
    return f"evt-{producer}-{event_type}--{service}.{handler}"


def service_of_queue(queue_name: str) -> str:
    """The consuming service of an event queue's name (`evt-…--<service>.<handler>`)."""
    return queue_name.rsplit("--", 1)[-1].split(".", 1)[0]


def parked_queue_name(service: str) -> str:
    return f"parked--{service}"


def event_queue(producer: str, event_type: str, service: str, handler: str,
                own_exchanges: bool = True) -> Queue:
    """The durable quorum queue feeding one handler (declaring the producer's exchange too
    unless `own_exchanges` is false)."""
    exchange = event_exchange(producer)
    return Queue(
        event_queue_name(producer, event_type, service, handler),
        exchange=exchange if own_exchanges else _bound_only(exchange), routing_key=event_type,
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


def parked_queue(service: str, own_exchanges: bool = True) -> Queue:
    """Where `service`'s messages go after their last try; the service stores them for replay."""
    exchange = DEAD_LETTER_EXCHANGE if own_exchanges else _bound_only(DEAD_LETTER_EXCHANGE)
    return Queue(parked_queue_name(service), exchange=exchange, routing_key=service,
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
    RPC_EXCHANGE.bind(channel).declare()
    producers = {c.producer for c in catalogue if producer in (None, c.producer)}
    for name in sorted(producers):
        event_exchange(name).bind(channel).declare()
    queues = queues_for(catalogue, producer)
    for service in sorted({_consumer_of(q) for q in queues}):
        parked_queue(service).bind(channel).declare()
        Exchange(replay_exchange_name(service), type="direct", durable=True).bind(channel).declare()
    for queue in queues:
        queue.bind(channel).declare()
        channel.queue_bind(queue.name, replay_exchange_name(_consumer_of(queue)), routing_key=queue.name)


def _consumer_of(queue: Queue) -> str:
    return queue.queue_arguments["x-dead-letter-routing-key"]


def declare_own(channel, producer: str):
    """What a producer on its own broker user declares: its events exchange (idempotent)."""
    event_exchange(producer).bind(channel).declare()
