"""A standalone RPC proxy whose call timed out is thrown away with its reply queue.

nameko's reply queue outlives the proxy by five minutes (`x-expires`), and an answer that
arrives after the timeout would wait there, unread, with whatever it carries: a fresh link,
a new token. Deleting the queue first means such an answer finds nowhere to go.
"""
import logging
import uuid

from kombu import Queue
from nameko.rpc import RPC_REPLY_QUEUE_TEMPLATE, RPC_REPLY_QUEUE_TTL, get_rpc_exchange
from nameko.standalone.rpc import SingleThreadedReplyListener

log = logging.getLogger(__name__)


def forget_replies(runner) -> None:
    """Delete the reply queue of a started ClusterRpcProxy (`runner`), if it can be reached."""
    consumer = getattr(getattr(runner, "_reply_listener", None), "queue_consumer", None)
    queue = getattr(consumer, "queue", None)
    if queue is None:
        return
    try:
        queue.delete()
    except Exception as exc:  # noqa: BLE001 - a broken connection: the queue expires on its own
        log.info("could not delete an abandoned reply queue: %s", type(exc).__name__)


class OwnReplyListener(SingleThreadedReplyListener):
    """nameko's reply listener, with its replies addressed `<service>-<uuid>` instead of a bare
    UUID: a service's broker user may bind only keys of its own name on the RPC exchange
    (broker_users.py), so another service that sees this reply address in a request's
    `reply_to` cannot bind a queue to it and overhear the answers (a sign-in, an export)."""

    def setup(self):
        reply_id, service = uuid.uuid4(), self.container.service_name
        self.routing_key = f"{service}-{reply_id}"
        self.queue = Queue(RPC_REPLY_QUEUE_TEMPLATE.format(service, reply_id),
                           exchange=get_rpc_exchange(self.container.config), routing_key=self.routing_key,
                           queue_arguments={"x-expires": RPC_REPLY_QUEUE_TTL})
        self.queue_consumer.register_provider(self)


def reply_as_own_user(runner, config: dict):
    """Name a standalone proxy's reply queue and address after the service whose broker user
    it connects as (`rpc.reply-<service>-<uuid>`, replies to `<service>-<uuid>`), not nameko's
    `standalone_rpc_proxy`: that user may declare and bind no other (broker_users.py). Call
    before `start`; returns `runner`."""
    if config.get("BROKER_USER"):
        container = runner._worker_ctx.container  # the object itself (the listener holds a weak proxy)
        container.service_name = config["BROKER_USER"]
        timeout = runner._reply_listener.queue_consumer.timeout
        runner._reply_listener = OwnReplyListener(timeout=timeout).bind(container)
        # the cluster proxy was made with the listener it replaces: made again with this one
        runner._proxy = type(runner._proxy)(runner._worker_ctx, runner._reply_listener)
    return runner
