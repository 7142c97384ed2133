"""The outbox relay: publishes committed outbox events to RabbitMQ, in order, in batches.

It wakes on the outbox trigger's NOTIFY (so an event leaves within milliseconds of its
commit) and polls as a fallback. Rows are claimed with FOR UPDATE SKIP LOCKED, so two
instances of a service relay side by side without publishing the same batch twice. An event
the broker cannot route stays pending, with the reason in `last_error`, and is tried again
later; one that was confirmed is marked published in the same transaction that claimed it.
"""
import logging
import time
from datetime import timedelta

from sqlalchemy import func, select, update

from services.shared import topology
from services.shared.config import database_url
from services.shared.database import libpq_url, make_engine
from services.shared.listen import NotifiedLoop, NotifyListener
from services.shared.publisher import BatchPublisher, event_message
from services.shared.tables import backbone

log = logging.getLogger(__name__)
PUBLISHED_RETENTION = timedelta(days=7)
INBOX_RETENTION = timedelta(days=90)
PRUNING_SECONDS = 600


def relay_once(engine, tables, publisher: BatchPublisher, producer: str, batch_size: int,
               catalogue) -> int:
    """Publish up to `batch_size` pending events; returns how many were claimed."""
    outbox = tables.outbox
    with engine.begin() as connection:
        rows = connection.execute(
            select(outbox.c.id, outbox.c.message_id, outbox.c.payload, outbox.c.attempts)
            .where(outbox.c.published_at.is_(None), outbox.c.next_attempt_at <= func.now())
            .order_by(outbox.c.id).limit(batch_size).with_for_update(skip_locked=True)).all()
        if not rows:
            return 0
        exchange = topology.event_exchange(producer).name
        result = publisher.publish([event_message(exchange, row.payload, _has_consumers(
            catalogue, row.payload)) for row in rows])
        _mark_published(connection, outbox, result.confirmed)
        _mark_failed(connection, outbox, rows, result.failed)
    return len(rows)


def _has_consumers(catalogue, payload) -> bool:
    return bool(catalogue.get(payload["type"], payload["version"]).consumers)


def _mark_published(connection, outbox, message_ids):
    if message_ids:
        connection.execute(update(outbox).where(outbox.c.message_id.in_(message_ids))
                           .values(published_at=func.now(), attempts=outbox.c.attempts + 1,
                                   last_error=None))


def _mark_failed(connection, outbox, rows, failures):
    attempts = {str(row.message_id): row.attempts for row in rows}
    for message_id, reason in failures.items():
        log.warning("event %s not published: %s", message_id, reason)
        delay = timedelta(seconds=min(2 ** attempts.get(message_id, 0), 300))
        connection.execute(update(outbox).where(outbox.c.message_id == message_id)
                           .values(attempts=outbox.c.attempts + 1, last_error=reason,
                                   next_attempt_at=func.now() + delay))


def prune(engine, tables):
    """Forget published events and inbox entries older than their retention."""
    with engine.begin() as connection:
        connection.execute(tables.outbox.delete().where(
            tables.outbox.c.published_at < func.now() - PUBLISHED_RETENTION))
        connection.execute(tables.inbox.delete().where(
            tables.inbox.c.applied_at < func.now() - INBOX_RETENTION))


class OutboxRelay(NotifiedLoop):
    """Runs the relay in a background green thread of the service that owns the outbox."""

    identifier = "outbox-relay"

    def __init__(self, metadata):
        self.tables = backbone(metadata)

    def setup(self):
        config, self.producer = self.container.config, self.container.service_name
        catalogue = self.container.service_cls.catalogue
        self.enabled = bool(catalogue.produced_by(self.producer))
        self.batch_size = int(config.get("RELAY_BATCH_SIZE", 500))
        self.poll_seconds = float(config.get("RELAY_POLL_SECONDS", 1))
        url = database_url(config, self.producer)
        self.engine = make_engine(url, f"{self.producer}-relay", pool_size=2)
        self.listener = NotifyListener(libpq_url(url), self.tables.notify_channel)
        self.catalogue = catalogue
        self.publisher = BatchPublisher(config["AMQP_URI"], on_connect=lambda channel: topology.declare(
            channel, catalogue, producer=self.producer))
        self._next_pruning = time.monotonic()

    def run_once(self) -> bool:
        claimed = relay_once(self.engine, self.tables, self.publisher, self.producer,
                             self.batch_size, self.catalogue)
        if time.monotonic() >= self._next_pruning:
            self._next_pruning = time.monotonic() + PRUNING_SECONDS
            prune(self.engine, self.tables)
        return claimed >= self.batch_size

    def release(self):
        super().release()
        self.publisher.close()
        self.engine.dispose()
