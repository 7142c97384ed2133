"""A standalone RPC proxy whose call timed out is thrown away with its reply queue.

nameko's reply queue outlives the proxy by five minutes (`x-expires`), and an answer that
arrives after the timeout would wait there, unread, with whatever it carries: a fresh link,
a new token. Deleting the queue first means such an answer finds nowhere to go.
"""
import logging

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


def reply_as_own_user(runner, config: dict):
    """Name a standalone proxy's reply queue after the service whose broker user it connects
    as (`rpc.reply-<service>-<uuid>`, not nameko's `standalone_rpc_proxy`): that user may
    declare no other queue (broker_users.py). Call before `start`; returns `runner`."""
    if config.get("BROKER_USER"):
        runner._reply_listener.container.service_name = config["BROKER_USER"]
    return runner
