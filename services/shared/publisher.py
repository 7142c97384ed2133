"""Publishing a batch of messages with mandatory routing and publisher confirms.

The whole batch is sent, then the broker's confirms are awaited together: one round trip per
batch instead of one per message. A message the broker returns as unroutable (no queue bound)
or negatively acknowledges is reported as not published, so it stays in the outbox.
"""
import json
import logging
import socket
import time
from dataclasses import dataclass, field
from itertools import takewhile

import amqp
import kombu

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outgoing:
    """One message to publish."""

    message_id: str
    exchange: str
    routing_key: str
    body: bytes
    headers: dict = field(default_factory=dict)
    content_type: str = "application/json"
    type: str = ""
    mandatory: bool = True  # the broker must route it to a queue, or return it


@dataclass
class BatchResult:
    """What the broker said about each message of a batch, by message id."""

    confirmed: set = field(default_factory=set)
    failed: dict = field(default_factory=dict)


def event_message(exchange: str, payload: dict, mandatory: bool = True) -> Outgoing:
    """An outbox envelope as an AMQP message that nameko event handlers understand; an event
    the catalogue gives no consumer yet is not `mandatory` (nobody is meant to be listening)."""
    headers = {}
    if payload.get("correlation_id"):
        headers["nameko.correlation_id"] = payload["correlation_id"]
    return Outgoing(message_id=payload["message_id"], exchange=exchange,
                    routing_key=payload["type"], type=payload["type"], headers=headers,
                    body=json.dumps(payload, separators=(",", ":")).encode(), mandatory=mandatory)


class BatchPublisher:
    """A confirm-mode channel of its own; reconnects (and re-declares) after any failure."""

    def __init__(self, amqp_uri: str, on_connect=None, confirm_timeout: float = 10.0):
        self.amqp_uri = amqp_uri
        self.on_connect = on_connect  # declares the topology on every new channel
        self.confirm_timeout = confirm_timeout
        self.connection = self.channel = None

    def publish(self, messages: list[Outgoing]) -> BatchResult:
        """Publish `messages`; raise on connection trouble (the caller retries later)."""
        try:
            return self._publish(messages)
        except Exception:
            self.close()
            raise

    def close(self):
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                pass
        self.connection = self.channel = None

    def _connect(self):
        self.connection = kombu.Connection(self.amqp_uri, connect_timeout=5, heartbeat=0)
        self.connection.ensure_connection(max_retries=1)
        self.channel = self.connection.channel()
        self.channel.confirm_select()
        self._sequence = 0
        self._outstanding, self._result = {}, BatchResult()
        self.channel.events["basic_ack"].add(self._on_ack)
        self.channel.events["basic_nack"].add(self._on_nack)
        self.channel.events["basic_return"].add(self._on_return)
        if self.on_connect:
            self.on_connect(self.channel)

    def _publish(self, messages):
        if self.channel is None:
            self._connect()
        self._result = BatchResult()
        for message in messages:
            self._sequence += 1
            self._outstanding[self._sequence] = message.message_id
            self.channel.basic_publish(_to_amqp(message), exchange=message.exchange,
                                       routing_key=message.routing_key, mandatory=message.mandatory)
        self._await_confirms()
        return self._result

    def _await_confirms(self):
        deadline = time.monotonic() + self.confirm_timeout
        while self._outstanding:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout(f"{len(self._outstanding)} confirms still outstanding")
            self.connection.drain_events(timeout=remaining)

    def _settle(self, delivery_tag, multiple, outcome):
        # tags are issued in ascending order and the dict keeps that order
        tags = list(takewhile(lambda t: t <= delivery_tag, self._outstanding)) if multiple \
            else [delivery_tag]
        for tag in tags:
            message_id = self._outstanding.pop(tag, None)
            if message_id is None:
                continue
            if outcome is None and message_id not in self._result.failed:
                self._result.confirmed.add(message_id)
            elif outcome is not None:
                self._result.failed.setdefault(message_id, outcome)

    def _on_ack(self, delivery_tag, multiple):
        self._settle(delivery_tag, multiple, None)

    def _on_nack(self, delivery_tag, multiple):
        self._settle(delivery_tag, multiple, "refused by the broker (nack)")

    def _on_return(self, error, exchange, routing_key, message):
        message_id = message.properties.get("message_id")
        log.warning("broker returned %s (%s): no queue bound for %s on %s",
                    message_id, error, routing_key, exchange)
        self._result.failed[message_id] = f"unroutable: no queue bound for {routing_key!r} on {exchange!r}"


def _to_amqp(message: Outgoing) -> amqp.Message:
    return amqp.Message(message.body, content_type=message.content_type,
                        content_encoding="utf-8", delivery_mode=2, message_id=message.message_id,
                        type=message.type, timestamp=int(time.time()),
                        application_headers=message.headers)
