"""The outbox relay: publishes committed outbox events to RabbitMQ, in order, in batches.

It wakes on the outbox trigger's NOTIFY (so an event leaves within milliseconds of its
commit) and polls as a fallback. It is a due loop (due.py): rows are claimed with FOR UPDATE
SKIP LOCKED, so two instances of a service relay side by side without publishing the same
batch twice. An event the broker cannot route stays pending, with the reason in `last_error`,
and is tried again later with back-off; one that was confirmed is marked published in the
same transaction that claimed it. An event that cannot even be made into a message (its
contract version was retired) is given up on alone (`failed_at`, with the reason) and the
rest of the batch is published.
"""
import logging
import time
from datetime import timedelta
from functools import partial

from sqlalchemy import and_, func, update

from services.shared import topology
from services.shared.contracts import ContractViolation
from services.shared.backoff import backoff
from services.shared.due import DueLoop, DueQueue, isolate
from services.shared.parking import REPLAYABLE_FOR
from services.shared.publisher import BatchPublisher, event_message
from services.shared.tables import backbone

log = logging.getLogger(__name__)
PUBLISHED_RETENTION = timedelta(days=7)
INBOX_RETENTION = timedelta(days=90)
PRUNING_SECONDS = 600
RETRY_BASE_SECONDS, RETRY_MAX_SECONDS = 1.0, 300.0  # an unroutable event: 1 s, 2 s, … 5 min
PUBLISH_GRACE = timedelta(minutes=2)  # an event still unpublished after this is overdue


def outbox_queue(tables) -> DueQueue:
    """The outbox as due work: pending, not given up on; overdue counted from its commit."""
    outbox = tables.outbox
    return DueQueue("events to publish", outbox, outbox.c.next_attempt_at,
                    and_(outbox.c.published_at.is_(None), outbox.c.failed_at.is_(None)),
                    order=(outbox.c.id,), grace=PUBLISH_GRACE, late_from=outbox.c.created_at)


def relay_once(engine, tables, publisher: BatchPublisher, producer: str, batch_size: int,
               catalogue, isolate_row=None) -> int:
    """Publish up to `batch_size` pending events; returns how many were claimed.

    `isolate_row(connection, row, work)` runs `work()` for one row and gives the row up when
    it raises (default: `isolate` with `give_up`, logged only).
    """
    queue = outbox_queue(tables)
    isolate_row = isolate_row or partial(_isolate, tables.outbox)
    with engine.begin() as connection:
        rows = queue.claim(connection, batch_size)
        if not rows:
            return 0
        exchange = topology.event_exchange(producer).name
        messages = [isolate_row(connection, row, partial(_message, catalogue, exchange, row))
                    for row in rows]
        result = publisher.publish([m for m in messages if m is not None])
        _mark_published(connection, tables.outbox, result.confirmed)
        _mark_failed(connection, tables.outbox, rows, result.failed)
    return len(rows)


def _message(catalogue, exchange, row):
    """The row as a message; ContractViolation when its type and version are not (or no
    longer) in the catalogue, or when the stored envelope is not the row's own (its id would
    never be confirmed, and the row published again and again)."""
    payload = row.payload if isinstance(row.payload, dict) else {}
    if (str(payload.get("message_id")), payload.get("type"), payload.get("version")) != \
            (str(row.message_id), row.event_type, row.version):
        raise ContractViolation("the stored envelope does not match its outbox row "
                                "(message id, type or version)")
    consumers = catalogue.get(row.payload["type"], row.payload["version"]).consumers
    return event_message(exchange, row.payload, bool(consumers))


def give_up(connection, outbox, row, reason: str):
    """This event will never be published: say so and why; it is no longer claimed."""
    connection.execute(update(outbox).where(outbox.c.id == row.id)
                       .values(failed_at=func.now(), last_error=reason))


def _isolate(outbox, connection, row, work):
    return isolate(connection, work, partial(give_up, connection, outbox, row),
                   f"outbox event {row.message_id}", savepoint=False)[0]


def _mark_published(connection, outbox, message_ids):
    if message_ids:
        connection.execute(update(outbox).where(outbox.c.message_id.in_(message_ids))
                           .values(published_at=func.now(), attempts=outbox.c.attempts + 1,
                                   last_error=None))


def _mark_failed(connection, outbox, rows, failures):
    attempts = {str(row.message_id): row.attempts for row in rows}
    for message_id, reason in failures.items():
        log.warning("event %s not published: %s", message_id, reason)
        delay = timedelta(seconds=backoff(attempts.get(message_id, 0) + 1, RETRY_BASE_SECONDS,
                                          RETRY_MAX_SECONDS))
        connection.execute(update(outbox).where(outbox.c.message_id == message_id)
                           .values(attempts=outbox.c.attempts + 1, last_error=reason,
                                   next_attempt_at=func.now() + delay))


def prune(engine, tables):
    """Forget published events, inbox claims and parked messages older than their retention
    (parked ones first: a replay must always find the claims that keep it from applying twice)."""
    with engine.begin() as connection:
        connection.execute(tables.outbox.delete().where(
            tables.outbox.c.published_at < func.now() - PUBLISHED_RETENTION))
        connection.execute(tables.inbox.delete().where(
            tables.inbox.c.applied_at < func.now() - INBOX_RETENTION))
        connection.execute(tables.parked.delete().where(  # before its claims are forgotten
            tables.parked.c.died_at < func.now() - REPLAYABLE_FOR))


class OutboxRelay(DueLoop):
    """Runs the relay in a background green thread of the service that owns the outbox."""

    identifier = "outbox-relay"
    settings = "RELAY"  # RELAY_BATCH_SIZE, RELAY_POLL_SECONDS
    batch_size = 500

    def __init__(self, metadata):
        self.metadata, self.tables = metadata, backbone(metadata)
        self.queue, self.channel = outbox_queue(self.tables), self.tables.notify_channel

    def setup(self):
        super().setup()
        self.producer, catalogue = self.container.service_name, self.container.service_cls.catalogue
        self.enabled = bool(catalogue.produced_by(self.producer))
        self.catalogue = catalogue
        self.publisher = BatchPublisher(self.container.config["AMQP_URI"], on_connect=self._declare)
        self._next_pruning = time.monotonic()

    def _declare(self, channel):
        """As the administrator, the exchange and its consumers' queues, so that nothing is
        published before its queue exists; on its own broker user, which may not declare other
        services' queues, the exchange only (`setup` declared the rest)."""
        if self.container.config.get("BROKER_USER"):
            topology.declare_own(channel, self.producer)
        else:
            topology.declare(channel, self.catalogue, producer=self.producer)

    def run_once(self) -> bool:
        self.set_aside = []
        claimed = relay_once(self.engine, self.tables, self.publisher, self.producer,
                             self.batch_size, self.catalogue, self._isolate)
        self.report_set_aside()
        if time.monotonic() >= self._next_pruning:
            self._next_pruning = time.monotonic() + PRUNING_SECONDS
            prune(self.engine, self.tables)
        return claimed >= self.batch_size

    def give_up(self, session, row, reason: str):
        give_up(session, self.tables.outbox, row, reason)

    def _isolate(self, connection, row, work):
        return self.isolate(connection, row, work, savepoint=False)

    def release(self):
        super().release()
        self.publisher.close()
