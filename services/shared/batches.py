"""Applying a batch of events in one transaction, each at most once.

One worker, one transaction and one multi-row inbox claim for every event that was waiting,
instead of one of each per event: the commit (an fsync) and the round trips are shared. When
a handler raises, the transaction is rolled back, that event alone is marked failed (so each
try of it is counted once), and the others are applied again without it. A deadlock or
serialization failure is nobody's fault: the whole batch is run again after a short,
jittered pause, a few times, before its events count it as a failed try.
"""
import logging
import time
from dataclasses import dataclass

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.shared import ordering
from services.shared.contracts import Event
from services.shared.backoff import backoff
from services.shared.errors import conflict_of, is_conflict, is_outage
from services.shared.tracing import reset_correlation_id, set_correlation_id

log = logging.getLogger(__name__)
APPLIED, SKIPPED, FAILED = "applied", "skipped", "failed"
CONFLICT_RETRIES = 5  # runs of a batch that lost a deadlock, before its events count a try
CONFLICT_PAUSE_SECONDS, CONFLICT_PAUSE_MAX_SECONDS = 0.05, 1.0


@dataclass
class Outcome:
    """What became of one event of a batch: applied, skipped (applied before) or failed."""

    status: str
    error: BaseException | None = None


def claim_all(session: Session, events: list[Event], handler: str) -> set[str]:
    """Record the events as applied by `handler` in this transaction; the ids that were new.

    A concurrent duplicate waits on the primary key until this transaction ends.
    """
    inbox = session.info["backbone"].inbox
    rows = [{"message_id": e.message_id, "handler": handler, "event_type": e.type} for e in events]
    # executemany with RETURNING: one statement, compiled once whatever the batch size
    inserted = session.execute(insert(inbox).on_conflict_do_nothing().returning(inbox.c.message_id),
                               rows)
    return {str(message_id) for message_id in inserted.scalars()}


def apply_batch(session: Session, handler: str, apply, events: list[Event]) -> list[Outcome]:
    """Apply each event once with `apply(event)`; the outcome of each, in the same order."""
    failed, remaining, conflicts, applied = {}, list(events), 0, set()
    while remaining:
        try:
            applied = _apply_all(session, handler, apply, remaining)
            session.commit()
            break
        except _HandlerFailed as failure:
            session.rollback()
            failed[id(failure.event)] = failure.error
            remaining = [e for e in remaining if e is not failure.event]
        except Exception as exc:  # noqa: BLE001 - the claim or the commit: nothing applied
            session.rollback()
            if is_conflict(exc) and conflicts < CONFLICT_RETRIES:
                conflicts += 1
                _pause_after_conflict(handler, exc, conflicts, len(remaining))
                continue
            failed.update({id(e): exc for e in remaining})
            remaining, applied = [], set()
    return [Outcome(FAILED, failed[id(e)]) if id(e) in failed
            else Outcome(APPLIED if id(e) in applied else SKIPPED) for e in events]


def _pause_after_conflict(handler: str, exc: BaseException, conflicts: int, size: int):
    """Log the conflict as what it is and wait a little, so the other transaction finishes."""
    delay = backoff(conflicts, CONFLICT_PAUSE_SECONDS, CONFLICT_PAUSE_MAX_SECONDS, jitter=0.5)
    log.warning("%s: %s with another transaction; running the batch of %d again in %.2f s "
                "(retry %d of %d)", handler, conflict_of(exc), size, delay, conflicts,
                CONFLICT_RETRIES)
    time.sleep(delay)  # monkey-patched in services and tests: other green threads go on


class _HandlerFailed(Exception):
    def __init__(self, event, error):
        super().__init__(str(error))
        self.event, self.error = event, error


def _apply_all(session, handler, apply, events) -> set[int]:
    """Claim and apply the events not applied before; the (object) ids of those applied."""
    claimed, applied = claim_all(session, events, handler), set()
    ordering.lock_all(session, [ordering.Subject.of(e) for e in events if e.message_id in claimed])
    with ordering.deferred_writes(session):
        _apply_claimed(apply, events, claimed, applied)
    return applied


def _apply_claimed(apply, events, claimed: set, applied: set) -> None:
    """Apply each claimed event in turn; note the (object) id of each in `applied`."""
    for event in events:
        if event.message_id not in claimed:
            continue  # applied before, or a duplicate earlier in this batch
        claimed.discard(event.message_id)
        try:
            _apply_traced(apply, event)
        except Exception as exc:  # noqa: BLE001 - the caller retries the others without it
            if is_outage(exc) or is_conflict(exc):
                raise  # not this event's fault: the whole batch waits or runs again
            raise _HandlerFailed(event, exc) from exc
        applied.add(id(event))


def _apply_traced(apply, event: Event):
    """Run one event's handler under the event's own correlation id."""
    token = set_correlation_id(event.correlation_id)
    try:
        apply(event)
    finally:
        reset_correlation_id(token)
