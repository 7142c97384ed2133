"""The inbox: each (message, handler) is applied at most once, recorded in the same
transaction as the handler's effect; and the record of handler failures for operators."""
from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.shared.contracts import Event


def claim(session: Session, event: Event, handler: str) -> bool:
    """Mark `event` as applied by `handler` in this transaction; False if it already was.

    A concurrent duplicate waits on the primary key until this transaction ends, then finds
    the row (if we committed) or takes over (if we rolled back).
    """
    inbox = session.info["backbone"].inbox
    inserted = session.execute(
        insert(inbox).values(message_id=event.message_id, handler=handler, event_type=event.type)
        .on_conflict_do_nothing().returning(inbox.c.message_id))
    return inserted.first() is not None


def record_failure(engine, tables, message_id: str, handler: str, attempt: int, error: str):
    """Remember the latest failure of `handler` on a message (shown beside parked messages)."""
    failure = tables.failure
    statement = insert(failure).values(message_id=message_id, handler=handler, attempts=attempt,
                                       last_error=error[:2000])
    with engine.begin() as connection:
        connection.execute(statement.on_conflict_do_update(
            index_elements=[failure.c.message_id, failure.c.handler],
            set_={"attempts": attempt, "last_error": error[:2000], "failed_at": func.now()}))
