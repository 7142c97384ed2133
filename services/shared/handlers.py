"""`@on_event`: an event handler that applies each event once, retries with back-off, then parks.

nameko's own event handler acks a failed message (it is lost) or, with requeue_on_error,
redelivers it at once, forever. Here the messages waiting in the queue are applied in batches
(one worker, one transaction, see batches.py); a failure is recorded, the message is
requeued after an exponential back-off, and the broker counts deliveries: after the last try
the quorum queue dead-letters it to the service's parked queue, where an operator can see and
replay it. An outage of the database is waited out rather than counted against the message.
"""
import functools
import logging
import time

import eventlet
from nameko.events import SERVICE_POOL, EventHandler
from nameko.exceptions import ContainerBeingKilled
from nameko.messaging import Consumer

from services.shared import batches, dispatch, failures, topology
from services.shared.backoff import backoff
from services.shared.consumers import EventQueueConsumer
from services.shared.contracts import ContractViolation, parse_event
from services.shared.database import Database
from services.shared.errors import is_outage
from services.shared.ordering import Order

log = logging.getLogger(__name__)
OUTAGE_PATIENCE_SECONDS = 300
OUTAGE_POLL_MAX_SECONDS = 5.0  # how often, at most, a waiting handler asks the database


class ConfigurationError(Exception):
    """A handler that the event catalogue does not know about."""


def attempt_of(message) -> int:
    """Which try this delivery is (1 for the first), as counted by the quorum queue."""
    return int((message.headers or {}).get("x-delivery-count") or 0) + 1


class ReliableEventHandler(EventHandler):
    """nameko's event handler on a quorum queue from the topology, in batches, with retries."""

    queue_consumer = EventQueueConsumer()

    def __init__(self, source_service, event_type, version=1, order=Order.NEWER, **kwargs):
        super().__init__(source_service, event_type, handler_type=SERVICE_POOL,
                         reliable_delivery=True, requeue_on_error=True, **kwargs)
        self.version, self.order = version, order
        self._pending, self._flush_timer = [], None

    @property
    def handler_name(self) -> str:
        return f"{self.container.service_name}.{self.method_name}"

    def setup(self):
        self._check_catalogue()
        self.queue = topology.event_queue(self.source_service, self.event_type,
                                          self.container.service_name, self.method_name,
                                          own_exchanges=not self.container.config.get("BROKER_USER"))
        config = self.container.config
        self.retry_base = float(config.get("EVENT_RETRY_BASE_SECONDS") or 0.5)
        self.retry_max = float(config.get("EVENT_RETRY_MAX_SECONDS") or 30)
        self.batch_size = int(config.get("EVENT_BATCH_SIZE") or 50)
        Consumer.setup(self)  # not EventHandler.setup: it would declare a classic queue

    def _check_catalogue(self):
        contract = self.container.service_cls.catalogue.get(self.event_type, self.version)
        if contract.producer != self.source_service or self.handler_name not in contract.consumers:
            raise ConfigurationError(
                f"{self.handler_name} handles {self.source_service}.{self.event_type} "
                f"v{self.version}, but the event catalogue does not list it as a consumer")
        if self.order is Order.IN_ORDER:
            self._check_whole_subject(contract.subject)

    def _check_whole_subject(self, subject: str):
        """An IN_ORDER handler waits for each predecessor: its service must receive them all."""
        catalogue = self.container.service_cls.catalogue
        handled = {entrypoint.event_type for entrypoint in self.container.entrypoints
                   if isinstance(entrypoint, ReliableEventHandler)}
        missing = sorted({c.type for c in catalogue.of_subject(subject)} - handled)
        if missing:
            raise ConfigurationError(
                f"{self.handler_name} applies {subject} events in order, but "
                f"{self.container.service_name} does not consume {', '.join(missing)}")

    def handle_message(self, body, message):
        try:
            event = parse_event(body, self.container.service_cls.catalogue)
        except ContractViolation as exc:
            self._record_failure(message, f"unreadable message: {exc}")
            return self.queue_consumer.reject_message(message)  # no retry makes it readable
        if event.version != self.version:
            return self.queue_consumer.ack_message(message)  # for the other version's handler
        self._pending.append((event, message))
        if len(self._pending) >= self.batch_size:
            self._flush()
        elif self._flush_timer is None:
            # fires once the consumer has taken every message already waiting: no added delay
            self._flush_timer = eventlet.spawn_after(0, self._flush)

    def _flush(self):
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        batch, self._pending = self._pending, []
        if not batch:
            return
        context = self.unpack_message_headers(batch[0][1])
        context.setdefault("correlation_id", batch[0][0].correlation_id)
        try:
            self.container.spawn_worker(self, ([event for event, _ in batch],), {},
                                        context_data=context,
                                        handle_result=functools.partial(self.handle_result, batch))
        except ContainerBeingKilled:
            for _, message in batch:
                self.queue_consumer.requeue_message(message)

    def handle_result(self, batch, worker_ctx, result=None, exc_info=None):
        outcomes = result if exc_info is None else [batches.Outcome(batches.FAILED, exc_info[1])] * len(batch)
        if any(outcome.status == batches.FAILED for outcome in outcomes):
            # its connection back first: recording each failure takes one, and a worker holding
            # one while waiting for another starves the pool when a whole batch fails at once
            self._database().release(worker_ctx)
        for (event, message), outcome in zip(batch, outcomes):
            if outcome.status == batches.FAILED:
                self._retry_later(message, outcome.error)
            else:
                if outcome.status == batches.SKIPPED:
                    log.info("%s already applied %s %s; skipped", self.handler_name, event.type,
                             event.message_id)
                self.queue_consumer.ack_message(message)
        return result, exc_info

    def _retry_later(self, message, error):
        attempt = attempt_of(message)
        self._record_failure(message, f"{type(error).__name__}: {error}")
        final = attempt >= topology.MAX_ATTEMPTS
        if is_outage(error) and not final:
            log.warning("%s: database unavailable; waiting for it before retrying", self.handler_name)
            return eventlet.spawn(self._requeue_when_database_is_back, message)
        delay = 0 if final else backoff(attempt, self.retry_base, self.retry_max)
        log.warning("%s failed on try %d of %d for %s%s", self.handler_name, attempt,
                    topology.MAX_ATTEMPTS, message.properties.get("message_id"),
                    "; parking it" if final else f"; retrying in {delay:.1f} s", exc_info=error)
        eventlet.spawn_after(delay, self.queue_consumer.requeue_message, message)

    def _requeue_when_database_is_back(self, message):
        """An outage is not the message's fault: wait for the database (a bounded while),
        then retry, instead of spending the message's tries against a database that is down."""
        deadline, waits = time.monotonic() + OUTAGE_PATIENCE_SECONDS, 0
        while not self._database().is_up() and time.monotonic() < deadline:
            waits += 1
            eventlet.sleep(backoff(waits, self.retry_base, OUTAGE_POLL_MAX_SECONDS))
        self.queue_consumer.requeue_message(message)

    def _database(self) -> Database:
        return next(d for d in self.container.dependencies if isinstance(d, Database))

    def _record_failure(self, message, error: str):
        database = self._database()
        try:
            failures.record_failure(database.engine, database.backbone,
                                 message.properties.get("message_id") or "(none)",
                                 self.handler_name, attempt_of(message), error)
        except Exception as exc:  # noqa: BLE001 - the retry must happen even if this fails
            log.warning("could not record the failure of %s: %s", self.handler_name, exc)


def on_event(source_service: str, event_type: str, version: int = 1,
             order: Order = Order.NEWER, awaits=None):
    """Handle `source_service`'s `event_type`: each event once, in one transaction with the
    inbox, in `order` per subject (ordering.py: NEWER for projections, IN_ORDER for messages
    to people; `awaits(self, event)` names another subject an IN_ORDER event must wait for).
    The decorated method receives an `Event` and uses `self.db`; it must not commit (several
    events may share the transaction)."""
    def decorate(method):
        dispatch.register(method, order, awaits)

        @functools.wraps(method)
        def apply_events(self, events):
            handler = f"{self.name}.{method.__name__}"
            return batches.apply_batch(self.db, handler, functools.partial(dispatch.run, self, handler),
                                       events)
        return ReliableEventHandler.decorator(source_service, event_type, version=version,
                                              order=order)(apply_events)
    return decorate
