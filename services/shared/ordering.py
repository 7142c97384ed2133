"""Order per record: the consumer's half of subjects and revisions (outbox.py numbers them).

Every event is about one subject (`person` 3f2…, `duo` 9ab…) and carries that subject's
revision. Queues, retries, parking and replay all reorder events, so every consumer applies
them through this module, in one of two modes:

- `NEWER`, for projections: an event not newer than the revision this service has applied
  for its subject changes nothing (a replayed "proposed" cannot undo "formed").
- `IN_ORDER`, for what people receive: besides, an event whose predecessor has not been
  applied yet is held (in `held_event`) and applied the moment its predecessor is.

In either mode a handler may also wait for another record (`awaits`): a message needs the
person's contact details first; a profile update needs the candidate its screening creates.
Every wait is bounded: after `EVENT_HOLD_SECONDS` the event goes ahead and the gap is logged.

A service's revision of a subject is one row of `subject_applied` (subject_locks.py), locked
until commit while an event of that subject is applied: holding and releasing cannot miss
each other. An
`IN_ORDER` handler's service must consume every event type of the subject (checked when the
service starts), or it would wait for revisions it never receives.
"""
import enum
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.shared import held_events
from services.shared.subject_locks import (  # noqa: F401 - part of this module's interface
    Subject, applied_revision, deferred_writes, lock_all, locked, note_applied, write_revisions,
)
from services.shared.contracts import Event
from services.shared.errors import is_conflict, is_outage

log = logging.getLogger(__name__)
WORKLIST = "ordering.released"  # session.info key: released events not yet applied
DEADLINE = "ordering.deadline"  # session.info key: the bound of an event held once already


class Order(enum.Enum):
    NEWER = "newer"
    IN_ORDER = "in_order"


class Outcome(enum.Enum):
    APPLIED = "applied"
    STALE = "stale"  # not newer than what this service holds: nothing changed
    HELD = "held"


@dataclass(frozen=True)
class Ordered:
    """One handler's way of applying an event: its name, mode, effect, and optionally
    `awaits(event)`, another subject the event must wait for (None when it need not)."""

    handler: str
    order: Order
    apply: Callable[[Event], None]
    awaits: Callable[[Event], "Subject | None"] | None = None


Release = Callable[[str, Event], None]  # (handler name, event): apply a released event


def apply(session: Session, event: Event, ordered: Ordered, release: Release,
          hold_seconds: float, overdue: bool = False) -> Outcome:
    """Apply `event` by `ordered` unless it is stale, or (IN_ORDER) hold it for what it
    waits for; `overdue`: its wait is over, it goes ahead. Then apply what it released."""
    subject = Subject.of(event)  # None: written before subjects existed, taken as it comes
    current = applied_revision(session, subject) if subject else 0
    if subject and event.revision <= current:
        log.info("%s: %s %s is revision %d of %s %s, which holds %d already; nothing to do",
                 ordered.handler, event.type, event.message_id, event.revision, subject.type,
                 subject.id, current)
        return Outcome.STALE
    if not overdue and _waits(session, event, ordered, current, hold_seconds):
        return Outcome.HELD
    if subject and overdue and event.revision > current + 1:
        log.warning("%s: %s %s goes ahead without revisions %d-%d of %s %s, which never arrived",
                    ordered.handler, event.type, event.message_id, current + 1,
                    event.revision - 1, subject.type, subject.id)
    ordered.apply(event)
    if subject:
        advance(session, subject, event.revision, release)
    return Outcome.APPLIED


def _waits(session, event: Event, ordered: Ordered, current: int, seconds: float) -> bool:
    """Hold the event if (IN_ORDER) its predecessor, or (either mode) the other subject it
    needs, is not there yet."""
    subject = Subject.of(event)
    if ordered.order is Order.IN_ORDER and subject and event.revision > current + 1:
        hold(session, event, ordered.handler, subject, event.revision - 1, seconds)
        return True
    other = ordered.awaits(event) if ordered.awaits else None
    if other is not None:
        hold(session, event, ordered.handler, other, applied_revision(session, other) + 1, seconds)
        return True
    return False


def hold(session: Session, event: Event, handler: str, awaits: Subject, revision: int,
         seconds: float) -> None:
    """Keep `event` for `handler` until this service has applied `revision` of `awaits`, or
    for `seconds` at most."""
    table, envelope = session.info["backbone"].held, held_events.wire_form(session, event)
    session.execute(insert(table).values(
        message_id=event.message_id, handler=handler, awaits_type=awaits.type,
        awaits_id=awaits.id, awaits_revision=revision, envelope=envelope,
        release_at=session.info.get(DEADLINE) or func.now() + timedelta(seconds=seconds))
        .on_conflict_do_nothing())
    locked(session).waited.add(awaits)
    log.info("%s: holding %s %s until revision %d of %s %s", handler, event.type,
             event.message_id, revision, awaits.type, awaits.id)


def advance(session: Session, subject: Subject, revision: int, release: Release) -> None:
    """Note that `revision` of `subject` is applied, then apply the events that waited for it.
    Within `deferred_writes` the row is written with the others of the batch."""
    note_applied(session, subject, revision)
    if subject in locked(session).waited:
        _apply_released(session, held_events.take_waiting(session, subject, revision), release)


def _apply_released(session, released, release: Release) -> None:
    """Apply released rows one after another, not nested (a long chain stays flat), each in a
    savepoint: one that fails is put back, marked failed, and the rest go on."""
    worklist = session.info.get(WORKLIST)
    if worklist is not None:  # an outer call is draining already
        worklist.extend(released)
        return
    session.info[WORKLIST] = worklist = list(released)
    try:
        while worklist:
            _apply_one_released(session, worklist.pop(0), release)
    finally:
        session.info.pop(WORKLIST, None)


def _apply_one_released(session, row, release: Release) -> None:
    write_revisions(session)  # a savepoint rolled back forgets what was noted inside it only
    session.info[DEADLINE] = row.release_at  # held again, it keeps the wait it began with
    try:
        with session.begin_nested():
            release(row.handler, held_events.from_wire(session, row.envelope))
    except Exception as exc:
        if is_outage(exc) or is_conflict(exc):
            raise  # not the event's fault: the whole transaction runs again
        log.warning("%s: released %s failed: %s", row.handler, row.message_id, exc)
        with session.begin_nested():
            held_events.keep_failed(session, row, f"{type(exc).__name__}: {exc}")
    finally:
        session.info.pop(DEADLINE, None)
