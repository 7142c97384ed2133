"""The transactional outbox: an event is stored in the same transaction as the change it
reports, and the relay publishes it after commit. Nothing is published on a request path."""
from sqlalchemy.orm import Session

from services.shared.contracts import envelope
from services.shared.tracing import current_correlation_id


def record_event(session: Session, event_type: str, source, version: int = 1) -> dict:
    """Add an event to the session's outbox; it is published only if the session commits.

    `source` is a dict or object; only the fields the contract names are taken from it.
    """
    contract = session.info["catalogue"].get(event_type, version)
    message = envelope(contract, source, correlation_id=current_correlation_id())
    outbox = session.info["backbone"].outbox
    session.execute(outbox.insert().values(
        message_id=message["message_id"], event_type=event_type, version=version,
        payload=message, correlation_id=message["correlation_id"]))
    return message
