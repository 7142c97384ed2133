"""Looking into and clearing the test vhost."""
import kombu
from amqp.exceptions import NotFound

from services import SERVICES
from services.shared import topology


def connection(config) -> kombu.Connection:
    return kombu.Connection(config["AMQP_URI"], connect_timeout=5)


def queue_names(catalogues, services=SERVICES) -> list[str]:
    """Every event, parked and RPC queue the catalogues and services can have."""
    names = {q.name for catalogue in catalogues for q in topology.queues_for(catalogue)}
    names |= {topology.parked_queue_name(name) for name in services}
    names |= {f"rpc-{name}" for name in services}
    return sorted(names)


def depth(config, queue: str) -> int:
    """Messages ready in a queue (0 when it does not exist)."""
    with connection(config) as conn:
        try:
            return conn.channel().queue_declare(queue, passive=True).message_count
        except NotFound:
            return 0


def purge(config, queues):
    with connection(config) as conn:
        channel = conn.channel()
        for name in queues:
            try:
                channel.queue_purge(name)
            except NotFound:
                channel = conn.channel()  # a failed call closes the channel


def peek(config, queues) -> list[str]:
    """The bodies of the messages waiting in `queues`, read without taking them (they go
    back when the channel closes, unacknowledged)."""
    bodies = []
    with connection(config) as conn:
        for name in queues:
            channel = conn.channel()
            try:
                while (message := channel.basic_get(name, no_ack=False)) is not None and len(bodies) < 10_000:
                    bodies.append(message.body.decode("utf-8", "replace")
                                  if isinstance(message.body, bytes) else str(message.body))
            except NotFound:
                pass
            finally:
                try:
                    channel.close()
                except Exception:  # noqa: BLE001 - a channel a failed call closed already
                    pass
    return bodies


def exists(config, queue: str) -> bool:
    with connection(config) as conn:
        try:
            conn.channel().queue_declare(queue, passive=True)
            return True
        except NotFound:
            return False
