"""Parked messages: what a handler could not apply after its last try.

The service's dead-letter consumer stores each parked message in its own schema, with the
queue it died in and why; an operator lists them (portal page, `make parked`) and replays
one into exactly the queue it came from, where it gets a fresh set of tries.
"""
import json
import logging
from datetime import timedelta, timezone
from functools import partial

import eventlet
from nameko.exceptions import ContainerBeingKilled
from nameko.messaging import Consumer
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert

from services.shared import topology
from services.shared.consumers import SafeQueueConsumer
from services.shared.errors import Conflict, NotFound
from services.shared.models import utcnow
from services.shared.publisher import BatchPublisher, Outgoing

log = logging.getLogger(__name__)
BROKER_HEADERS = ("x-death", "x-first-death-", "x-last-death-", "x-delivery-count")
STORE_RETRY_SECONDS = 5
# a parked message may be replayed while the inbox still remembers what was applied (relay.py
# keeps claims INBOX_RETENTION); after that it is pruned, so replay can never apply it twice
REPLAYABLE_FOR = timedelta(days=60)


def describe(message) -> dict:
    """A dead-lettered AMQP message as a row for the parked_message table."""
    headers = dict(message.headers or {})
    death = (headers.get("x-death") or [{}])[0]
    died_at = death.get("time")
    kept = {k: v for k, v in headers.items() if not k.startswith(BROKER_HEADERS)}
    return {
        "message_id": message.properties.get("message_id") or "(none)",
        "queue": death.get("queue") or headers.get("x-first-death-queue") or "(unknown)",
        # the type property survives a replay, whose routing key is the queue's name
        "event_type": message.properties.get("type")
        or (death.get("routing-keys") or [message.delivery_info.get("routing_key")])[0],
        "reason": death.get("reason") or "unknown",
        "died_at": died_at.replace(tzinfo=timezone.utc) if died_at else None,
        "content_type": message.content_type or "application/octet-stream",
        "headers": json.loads(json.dumps(kept, default=str)),
        "body": message.body.decode("utf-8", "replace") if isinstance(message.body, bytes)
        else str(message.body),
    }


def store(session, parked: dict):
    """Keep a parked message (once, however often it is delivered to us)."""
    table = session.info["backbone"].parked
    values = {**parked, "died_at": parked["died_at"] or func.now()}
    session.execute(insert(table).values(**values).on_conflict_do_nothing())


def list_parked(session, include_replayed=False, limit=200) -> list[dict]:
    """Parked messages, newest first, each with its handler's last error and tries."""
    tables = session.info["backbone"]
    parked, failure = tables.parked, tables.failure
    query = select(parked).order_by(parked.c.id.desc()).limit(limit)
    if not include_replayed:
        query = query.where(parked.c.replayed_at.is_(None))
    rows = [dict(row._mapping) for row in session.execute(query)]
    errors = {(r.message_id, r.handler): (r.last_error, r.attempts) for r in session.execute(
        select(failure).where(failure.c.message_id.in_([row["message_id"] for row in rows])))}
    for row in rows:
        row["handler"] = row["queue"].split("--", 1)[-1]
        row["last_error"], row["attempts"] = errors.get((row["message_id"], row["handler"]), (None, None))
    return rows


def replay(session, parked_id: int, amqp_uri: str) -> dict:
    """Publish a parked message back into the queue it died in, and mark it replayed."""
    table = session.info["backbone"].parked
    row = session.execute(select(table).where(table.c.id == parked_id).with_for_update()).first()
    if row is None:
        raise NotFound(f"There is no parked message {parked_id}.")
    if row.replayed_at is not None:
        raise Conflict(f"Parked message {parked_id} was already replayed at {row.replayed_at}.")
    if row.died_at < utcnow() - REPLAYABLE_FOR:
        raise Conflict(f"Parked message {parked_id} is older than the {REPLAYABLE_FOR.days} days for "
                       "which applied events are remembered: replaying it could apply it twice.")
    publisher = BatchPublisher(amqp_uri)
    try:
        result = publisher.publish([Outgoing(
            message_id=row.message_id, exchange=topology.replay_exchange_name(topology.service_of_queue(row.queue)),
            routing_key=row.queue, type=row.event_type,
            body=row.body.encode("utf-8"), headers=row.headers, content_type=row.content_type)])
    finally:
        publisher.close()
    if row.message_id not in result.confirmed:
        raise Conflict(f"Could not replay {parked_id}: {result.failed.get(row.message_id)}")
    replayed_at = session.execute(update(table).where(table.c.id == parked_id)
                                  .values(replayed_at=func.now()).returning(table.c.replayed_at)).scalar_one()
    session.commit()
    log.info("replayed parked message %s (%s) into %s", parked_id, row.message_id, row.queue)
    return {**dict(row._mapping), "replayed_at": replayed_at, "replayed": True}


class DeadLetterConsumer(Consumer):
    """Consumes the service's parked queue and hands each message, described, to the method."""

    queue_consumer = SafeQueueConsumer()

    def __init__(self, **kwargs):
        super().__init__(queue=None, requeue_on_error=True, **kwargs)

    def setup(self):
        self.queue = topology.parked_queue(self.container.service_name,
                                           own_exchanges=not self.container.config.get("BROKER_USER"))
        super().setup()

    def handle_message(self, body, message):
        try:
            self.container.spawn_worker(self, (describe(message),), {},
                                        handle_result=partial(self.handle_result, message))
        except ContainerBeingKilled:
            self.queue_consumer.requeue_message(message)

    def handle_message_processed(self, message, result=None, exc_info=None):
        if exc_info is None:
            return self.queue_consumer.ack_message(message)
        log.warning("could not store a parked message (%s); trying again in %d s",
                    exc_info[1], STORE_RETRY_SECONDS)
        eventlet.spawn_after(STORE_RETRY_SECONDS, self.queue_consumer.requeue_message, message)


keep_parked = DeadLetterConsumer.decorator
