"""nameko's queue consumer, made to survive a broker restart.

nameko 2.14 acks and requeues from the worker's green thread and only guards against amqp's
ConnectionError; when the broker goes away mid-ack the socket raises ConnectionResetError
instead, nameko takes it for a crashed worker and kills the whole service. Here both are
caught: an unacknowledged message goes back to its queue when the connection drops anyway,
and the inbox makes its redelivery harmless. Every entrypoint of ours uses this consumer.
"""
import logging

from amqp.exceptions import ConnectionError as AmqpConnectionError
from nameko.messaging import QueueConsumer
from nameko.rpc import Rpc, RpcConsumer

log = logging.getLogger(__name__)
LOST_CONNECTION = (AmqpConnectionError, OSError)


class SafeQueueConsumer(QueueConsumer):
    def ack_message(self, message):
        try:
            super().ack_message(message)
        except LOST_CONNECTION as exc:
            log.warning("could not ack %s (%s); the broker will deliver it again",
                        message.properties.get("message_id"), exc)

    def requeue_message(self, message):
        try:
            super().requeue_message(message)
        except LOST_CONNECTION as exc:
            log.warning("could not requeue %s (%s); the broker requeues it itself",
                        message.properties.get("message_id"), exc)

    def reject_message(self, message):
        """Dead-letter at once (the queue's dead-letter exchange parks it)."""
        try:
            if message.channel.connection:
                message.reject(requeue=False)
        except LOST_CONNECTION as exc:
            log.warning("could not reject %s (%s); it will be delivered again",
                        message.properties.get("message_id"), exc)


class SafeRpcConsumer(RpcConsumer):
    queue_consumer = SafeQueueConsumer()


class SafeRpc(Rpc):
    rpc_consumer = SafeRpcConsumer()


rpc = SafeRpc.decorator


class EventQueueConsumer(SafeQueueConsumer):
    """The event handlers' own connection, with a deeper prefetch so that batches can form
    (RPC keeps nameko's prefetch of one message per worker)."""

    @property
    def prefetch_count(self):
        return int(self.container.config.get("EVENT_PREFETCH") or 200)
