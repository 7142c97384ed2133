"""`@on_event`: an event handler that applies each event once, retries with back-off, then parks.

nameko's own event handler acks a failed message (it is lost) or, with requeue_on_error,
redelivers it at once, forever. Here a failure is recorded, the message is requeued after an
exponential back-off, and the broker counts deliveries: after the last try the quorum
queue dead-letters it to the service's parked queue, where an operator can see and replay it.
"""
import functools
import logging
import random
import time

import eventlet
from nameko.events import SERVICE_POOL, EventHandler
from nameko.exceptions import ContainerBeingKilled
from nameko.messaging import Consumer

from services.shared import inbox, topology
from services.shared.consumers import SafeQueueConsumer
from services.shared.contracts import ContractViolation, parse_event
from services.shared.database import Database
from services.shared.errors import is_outage

log = logging.getLogger(__name__)
OUTAGE_PATIENCE_SECONDS = 300


class ConfigurationError(Exception):
    """A handler that the event catalogue does not know about."""


def retry_delay(attempt: int, base: float, ceiling: float) -> float:
    """Seconds to wait before try `attempt + 1`: exponential, capped, with 20 % jitter."""
    return min(base * 2 ** (attempt - 1), ceiling) * random.uniform(0.8, 1.2)


def attempt_of(message) -> int:
    """Which try this delivery is (1 for the first), as counted by the quorum queue."""
    return int((message.headers or {}).get("x-delivery-count") or 0) + 1


class ReliableEventHandler(EventHandler):
    """nameko's event handler on a quorum queue from the topology, with bounded retries."""

    queue_consumer = SafeQueueConsumer()

    def __init__(self, source_service, event_type, version=1, **kwargs):
        super().__init__(source_service, event_type, handler_type=SERVICE_POOL,
                         reliable_delivery=True, requeue_on_error=True, **kwargs)
        self.version = version

    @property
    def handler_name(self) -> str:
        return f"{self.container.service_name}.{self.method_name}"

    def setup(self):
        self._check_catalogue()
        self.queue = topology.event_queue(self.source_service, self.event_type,
                                          self.container.service_name, self.method_name)
        config = self.container.config
        self.retry_base = float(config.get("EVENT_RETRY_BASE_SECONDS", 0.5))
        self.retry_max = float(config.get("EVENT_RETRY_MAX_SECONDS", 30))
        Consumer.setup(self)  # not EventHandler.setup: it would declare a classic queue

    def _check_catalogue(self):
        contract = self.container.service_cls.catalogue.get(self.event_type, self.version)
        if contract.producer != self.source_service or self.handler_name not in contract.consumers:
            raise ConfigurationError(
                f"{self.handler_name} handles {self.source_service}.{self.event_type} "
                f"v{self.version}, but the event catalogue does not list it as a consumer")

    def handle_message(self, body, message):
        try:
            event = parse_event(body, self.container.service_cls.catalogue)
        except ContractViolation as exc:
            self._record_failure(message, f"unreadable message: {exc}")
            return self.queue_consumer.reject_message(message)  # no retry makes it readable
        if event.version != self.version:
            return self.queue_consumer.ack_message(message)  # for the other version's handler
        context = self.unpack_message_headers(message)
        context.setdefault("correlation_id", event.correlation_id)
        try:
            self.container.spawn_worker(self, (event,), {}, context_data=context,
                                        handle_result=functools.partial(self.handle_result, message))
        except ContainerBeingKilled:
            self.queue_consumer.requeue_message(message)

    def handle_message_processed(self, message, result=None, exc_info=None):
        if exc_info is None:
            return self.queue_consumer.ack_message(message)
        attempt, error = attempt_of(message), exc_info[1]
        self._record_failure(message, f"{type(error).__name__}: {error}")
        final = attempt >= topology.MAX_ATTEMPTS
        if is_outage(error) and not final:
            log.warning("%s: database unavailable; waiting for it before retrying", self.handler_name)
            return eventlet.spawn(self._requeue_when_database_is_back, message)
        delay = 0 if final else retry_delay(attempt, self.retry_base, self.retry_max)
        log.warning("%s failed on try %d of %d for %s%s", self.handler_name, attempt,
                    topology.MAX_ATTEMPTS, message.properties.get("message_id"),
                    "; parking it" if final else f"; retrying in {delay:.1f} s")
        eventlet.spawn_after(delay, self.queue_consumer.requeue_message, message)

    def _requeue_when_database_is_back(self, message):
        """An outage is not the message's fault: wait for the database (a bounded while),
        then retry, instead of spending the message's tries against a database that is down."""
        deadline, delay = time.monotonic() + OUTAGE_PATIENCE_SECONDS, self.retry_base
        while not self._database().is_up() and time.monotonic() < deadline:
            eventlet.sleep(delay)
            delay = min(delay * 2, 5.0)
        self.queue_consumer.requeue_message(message)

    def _database(self) -> Database:
        return next(d for d in self.container.dependencies if isinstance(d, Database))

    def _record_failure(self, message, error: str):
        database = self._database()
        try:
            inbox.record_failure(database.engine, database.backbone,
                                 message.properties.get("message_id") or "(none)",
                                 self.handler_name, attempt_of(message), error)
        except Exception as exc:  # noqa: BLE001 - the retry must happen even if this fails
            log.warning("could not record the failure of %s: %s", self.handler_name, exc)


def on_event(source_service: str, event_type: str, version: int = 1):
    """Handle `source_service`'s `event_type`: once per event, in one transaction with the inbox.

    The decorated method receives an `Event` and uses `self.db`; it must not commit itself.
    """
    def decorate(method):
        @functools.wraps(method)
        def apply_once(self, event):
            handler = f"{self.name}.{method.__name__}"
            if not inbox.claim(self.db, event, handler):
                self.db.rollback()
                log.info("%s already applied %s %s; skipped", handler, event.type, event.message_id)
                return None
            result = method(self, event)
            self.db.commit()
            return result
        return ReliableEventHandler.decorator(source_service, event_type, version=version)(apply_once)
    return decorate
