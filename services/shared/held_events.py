"""The events a service holds back until a revision of a subject is applied (see
ordering.py): stored in their wire form in the backbone's `held_event` table."""
from datetime import timedelta

from sqlalchemy import BigInteger, and_, cast, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.shared.contracts import Event, parse_event
from services.shared.due import DueQueue


def due_queue(held) -> DueQueue:
    """Held events as due work, for health: overdue when still held a minute past their bound
    (the service's timer releases them every few seconds)."""
    return DueQueue("held events", held, held.c.release_at, held.c.failed_at.is_(None),
                    grace=timedelta(minutes=1))


def set_aside(session: Session, since) -> list[dict]:
    """Held events that could not be applied after their wait, marked failed since `since`:
    health problems of kind `isolated`."""
    held = session.info["backbone"].held
    count, first, last_error = session.execute(
        select(func.count(), func.min(held.c.failed_at), func.max(held.c.last_error))
        .where(held.c.failed_at > since)).one()
    return [{"kind": "isolated", "what": "held events", "since": first.isoformat(),
             "detail": f"{count} held event(s) could not be applied; last: {last_error}"}] if count else []


def take_waiting(session: Session, subject, revision: int) -> list:
    """Take out the rows held for `revision` (or an earlier one) of `subject`, oldest first
    (read each with `from_wire` where its failure can be isolated)."""
    held = session.info["backbone"].held
    rows = session.execute(delete(held).where(
        held.c.awaits_type == subject.type, held.c.awaits_id == subject.id,
        held.c.awaits_revision <= revision, held.c.failed_at.is_(None))
        .returning(*held.c)).all()
    return sorted(rows, key=lambda row: (row.held_at, row.envelope.get("revision") or 0))


def take_earlier(session: Session, row) -> list:
    """Take out the held events of the same subject as `row` with a lower revision, lowest
    first (whatever they wait for, and however long they still would)."""
    envelope, held = row.envelope, session.info["backbone"].held
    if not (envelope.get("subject_type") and envelope.get("revision")):
        return []
    revision = cast(held.c.envelope["revision"].astext, BigInteger)
    rows = session.execute(delete(held).where(
        held.c.envelope["subject_type"].astext == envelope["subject_type"],
        held.c.envelope["subject_id"].astext == envelope["subject_id"],
        revision < envelope["revision"], held.c.failed_at.is_(None)).returning(*held.c)).all()
    return sorted(rows, key=lambda earlier: earlier.envelope["revision"])


def keep_failed(session: Session, row, reason: str) -> None:
    """Put a released row back, marked failed with `reason` (an operator's to look at)."""
    held = session.info["backbone"].held
    session.execute(insert(held).values({**row._mapping, "failed_at": func.now(),
                                         "last_error": reason[:2000]}).on_conflict_do_nothing())


def wire_form(session: Session, event: Event) -> dict:
    """The event as its envelope again (to be held, and read back by `from_wire`)."""
    contract = session.info["catalogue"].get(event.type, event.version)
    return {"message_id": event.message_id, "type": event.type, "version": event.version,
            "occurred_at": event.occurred_at.isoformat(), "correlation_id": event.correlation_id,
            "subject_type": event.subject_type, "subject_id": event.subject_id,
            "revision": event.revision, "data": contract.serialize(event.data)}


def from_wire(session: Session, envelope: dict) -> Event:
    return parse_event(envelope, session.info["catalogue"])


def overdue(session: Session, limit: int) -> list:
    """Held events whose wait is over, oldest first, locked for this instance only."""
    held = session.info["backbone"].held
    return session.execute(select(held).where(
        and_(held.c.failed_at.is_(None), held.c.release_at <= func.now()))
        .order_by(held.c.release_at).limit(limit).with_for_update(skip_locked=True)).all()


def forget(session: Session, row) -> None:
    held = session.info["backbone"].held
    session.execute(delete(held).where(held.c.message_id == row.message_id,
                                       held.c.handler == row.handler))
