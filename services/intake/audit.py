"""The audit log: every read of sensitive notes, every export and erasure, by whom, when."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.intake.models import AuditEntry


def note(session: Session, actor_id: str | None, action: str, person_id: str | None,
         detail: str | None = None):
    session.add(AuditEntry(actor_id=actor_id, action=action, person_id=person_id, detail=detail))


def entries(session: Session, person_id: str | None = None, limit: int = 200) -> list[AuditEntry]:
    """Newest first; of one person when given."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc()).limit(limit)
    if person_id:
        query = query.where(AuditEntry.person_id == str(person_id))
    return list(session.scalars(query))
