"""The record of handler failures, shown to operators beside parked messages. (The inbox
claim, in the same transaction as the handler's effect, is in batches.py.)"""
from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert


def record_failure(engine, tables, message_id: str, handler: str, attempt: int, error: str):
    """Remember the latest failure of `handler` on a message (shown beside parked messages)."""
    failure = tables.failure
    statement = insert(failure).values(message_id=message_id, handler=handler, attempts=attempt,
                                       last_error=error[:2000])
    with engine.begin() as connection:
        connection.execute(statement.on_conflict_do_update(
            index_elements=[failure.c.message_id, failure.c.handler],
            set_={"attempts": attempt, "last_error": error[:2000], "failed_at": func.now()}))
