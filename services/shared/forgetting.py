"""Erasure in the backbone: the copies of a person's data a service keeps besides its own
tables — published events in its outbox (kept a week for operators), parked message bodies,
the handler failures recorded about those, and the events about them held back (ordering.py)
— go too.

An event still waiting to be published stays: it may be the erasure itself, and consumers
forget what it carries when it reaches them.
"""
from sqlalchemy import String, cast, delete
from sqlalchemy.orm import Session


def forget_copies(session: Session, person_id: str) -> None:
    """Delete the backbone copies that name `person_id` (any field, any depth)."""
    tables, needle = session.info["backbone"], f"%{person_id}%"
    outbox, parked, failure, held = tables.outbox, tables.parked, tables.failure, tables.held
    session.execute(delete(outbox).where(outbox.c.published_at.is_not(None),
                                         cast(outbox.c.payload, String).like(needle)))
    gone = session.scalars(delete(parked).where(parked.c.body.like(needle))
                           .returning(parked.c.message_id)).all()
    if gone:
        session.execute(delete(failure).where(failure.c.message_id.in_(gone)))
    session.execute(delete(failure).where(failure.c.last_error.like(needle)))
    # held events about the person themselves (their data); one about a pair that names them
    # is released as usual, finds them erased, and still reaches the other side
    session.execute(delete(held).where(held.c.envelope["subject_id"].astext == str(person_id)))
