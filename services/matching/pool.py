"""The candidate pool: who is approved and waiting for a match, and since when."""
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.matching.models import Candidate
from services.shared.models import utcnow

log = logging.getLogger(__name__)


def add_screened(session: Session, screened: dict) -> Candidate | None:
    """Put an approved person in the pool (or refresh their details if already there)."""
    if screened["decision"] != "approved":
        log.info("%s %s was %s: not pooled", screened["role"], screened["person_id"],
                 screened["decision"])
        return None
    person_id = str(screened["person_id"])
    candidate = session.get(Candidate, person_id)
    if candidate is None:
        candidate = Candidate(person_id=person_id, status="waiting",
                              waiting_since=screened["decided_at"])
        session.add(candidate)
    candidate.role, candidate.language = screened["role"], screened["language"]
    candidate.first_name, candidate.last_name = screened["first_name"], screened["last_name"]
    candidate.updated_at = utcnow()
    return candidate


def waiting(session: Session, role: str | None = None) -> list[Candidate]:
    """Everyone waiting, longest-waiting first."""
    query = select(Candidate).where(Candidate.status == "waiting").order_by(Candidate.waiting_since)
    if role:
        query = query.where(Candidate.role == role)
    return list(session.scalars(query))
