"""The candidate pool: who is approved and waiting for a match, since when, with what profile."""
import logging

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.matching.models import Candidate
from services.shared.models import utcnow

log = logging.getLogger(__name__)


def add_screened(session: Session, screened: dict) -> Candidate | None:
    """Put an approved person in the pool (or refresh their profile if already there)."""
    if screened["decision"] != "approved":
        log.info("%s %s was %s: not pooled", screened["role"], screened["person_id"],
                 screened["decision"])
        return None
    candidate = session.get(Candidate, str(screened["person_id"]))
    if candidate is None:
        candidate = Candidate(person_id=str(screened["person_id"]), status="waiting",
                              waiting_since=screened["decided_at"])
        session.add(candidate)
    candidate.role, candidate.profile = screened["role"], _plain(screened["profile"] or {})
    candidate.updated_at = utcnow()
    return candidate


def update_profile(session: Session, updated: dict) -> Candidate | None:
    """A pooled person's profile changed (at the intake, or by themselves)."""
    candidate = session.get(Candidate, str(updated["person_id"]))
    if candidate is not None:
        candidate.profile, candidate.updated_at = _plain(updated["profile"]), utcnow()
    return candidate


def forget(session: Session, person_id) -> None:
    """Erasure: nothing of the person stays in matching."""
    session.execute(delete(Candidate).where(Candidate.person_id == str(person_id)))


def waiting(session: Session, role: str | None = None) -> list[Candidate]:
    """Everyone waiting, longest-waiting first."""
    query = select(Candidate).where(Candidate.status == "waiting").order_by(Candidate.waiting_since)
    if role:
        query = query.where(Candidate.role == role)
    return list(session.scalars(query))


def _plain(profile: dict) -> dict:
    """The profile as JSON (the contract loaded it into Python values)."""
    return {key: value for key, value in profile.items() if value not in (None, [], {})}
