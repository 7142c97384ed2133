"""The transactional outbox: an event is stored in the same transaction as the change it
reports, and the relay publishes it after commit. Nothing is published on a request path.

Each event is about one subject (its contract's `subject`, and the id the producer names) and
carries that subject's next revision: 1 for its first event, then 2, 3, … The counter is a row
of `subject_revision` updated in the same transaction, so its lock is held until commit: two
changes of one record cannot interleave, and revisions follow the order of commits.
"""
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.shared.contracts import envelope
from services.shared.tracing import current_correlation_id


def record_event(session: Session, event_type: str, source, subject_id, version: int = 1) -> dict:
    """Add an event about `subject_id` to the session's outbox; it is published only if the
    session commits. `source` is a dict or object; only the fields the contract names are
    taken from it. Returns the envelope (with its `revision`)."""
    contract = session.info["catalogue"].get(event_type, version)
    revision = next_revision(session, contract.subject, str(subject_id))
    message = envelope(contract, source, correlation_id=current_correlation_id(),
                       subject_id=subject_id, revision=revision)
    outbox = session.info["backbone"].outbox
    session.execute(outbox.insert().values(
        message_id=message["message_id"], event_type=event_type, version=version,
        payload=message, correlation_id=message["correlation_id"]))
    return message


def next_revision(session: Session, subject_type: str, subject_id: str) -> int:
    """The subject's next revision, counted in this transaction (its row stays locked)."""
    table = session.info["backbone"].revision
    statement = insert(table).values(subject_type=subject_type, subject_id=subject_id, revision=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.subject_type, table.c.subject_id],
        set_={"revision": table.c.revision + 1, "updated_at": statement.excluded.updated_at})
    return session.execute(statement.returning(table.c.revision)).scalar_one()
