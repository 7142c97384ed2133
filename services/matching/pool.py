"""The candidate pool: who is approved and waiting for a match, since when, with what profile."""
import logging

from sqlalchemy import delete, func, select, union_all
from sqlalchemy.orm import Session

from services.matching.models import LIVE_DUOS, OPEN_PROPOSALS, Candidate, DeclinedPair, Duo, Proposal
from services.matching.profiles import Person
from services.shared.errors import NotFound
from services.shared.ordering import Subject
from services.shared.models import utcnow
from services.shared.wire.vocabulary import ROLES

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


def missing_candidate(service, event) -> Subject | None:
    """A profile update that overtook the screening waits for it (it would be lost on a
    candidate that does not exist yet, and the screening would then count as older)."""
    if service.db.get(Candidate, str(event.data["person_id"])) is None:
        return Subject("person", str(event.data["person_id"]))
    return None


def update_profile(session: Session, updated: dict) -> Candidate | None:
    """A pooled person's profile changed (at the intake, or by themselves)."""
    candidate = session.get(Candidate, str(updated["person_id"]))
    if candidate is not None:
        candidate.profile, candidate.updated_at = _plain(updated["profile"]), utcnow()
    return candidate


def set_capacity(session: Session, person_id: str, capacity: int) -> Candidate:
    """How many duos a buddy takes on at once; their pool status follows."""
    candidate = session.get(Candidate, str(person_id), with_for_update=True)
    if candidate is None or candidate.role != "buddy":
        raise NotFound("No buddy with this id in the matching pool.")
    candidate.capacity = capacity
    refresh(session, candidate.person_id)
    return candidate


def forget(session: Session, person_id) -> None:
    """Erasure: nothing of the person stays in matching."""
    session.execute(delete(Candidate).where(Candidate.person_id == str(person_id)))


def commitments(session: Session, person_ids=None) -> dict[str, int]:
    """How many open proposals and live duos each person has."""
    parts = []
    for table, states in ((Proposal, OPEN_PROPOSALS), (Duo, LIVE_DUOS)):
        for column in (table.buddy_id, table.participant_id):
            parts.append(select(column.label("person_id")).where(table.status.in_(states),
                                                                 column.is_not(None)))
    taken = union_all(*parts).subquery()
    query = select(taken.c.person_id, func.count()).group_by(taken.c.person_id)
    if person_ids is not None:
        query = query.where(taken.c.person_id.in_(list(person_ids)))
    return {str(person_id): count for person_id, count in session.execute(query)}


def refresh(session: Session, *person_ids) -> None:
    """Set each person's pool status from their proposals and duos (waiting again when free)."""
    session.flush()
    taken = commitments(session, person_ids)
    for candidate in session.scalars(select(Candidate).where(Candidate.person_id.in_(person_ids))):
        busy = taken.get(candidate.person_id, 0)
        open_proposal = session.scalar(select(func.count()).select_from(Proposal).where(
            Proposal.status.in_(OPEN_PROPOSALS),
            (Proposal.buddy_id == candidate.person_id) | (Proposal.participant_id == candidate.person_id)))
        status = "waiting" if busy < candidate.capacity else ("proposed" if open_proposal else "in_duo")
        if status == "waiting" and candidate.status != "waiting":
            candidate.waiting_since = utcnow()
        candidate.status = status


def listing(session: Session, role: str | None = None, status: str | None = "waiting") -> list[Candidate]:
    """Pooled people, longest-waiting first."""
    query = select(Candidate).order_by(Candidate.waiting_since, Candidate.person_id)
    if status:
        query = query.where(Candidate.status == status)
    if role:
        query = query.where(Candidate.role == role)
    return list(session.scalars(query))


def waiting_by_role(session: Session) -> dict:
    """How many buddies and participants wait for a match."""
    counts = dict(session.execute(select(Candidate.role, func.count()).where(
        Candidate.status == "waiting").group_by(Candidate.role)).all())
    return {role: counts.get(role, 0) for role in ROLES}


def waiting(session: Session, role: str | None = None) -> list[Candidate]:
    """Everyone waiting, longest-waiting first."""
    return listing(session, role)


def board(session: Session, role: str | None = None, status: str | None = "waiting") -> list[dict]:
    """The pool board: who waits since when, with room left and the profile at a glance."""
    taken = commitments(session)
    return [on_board(candidate, taken.get(candidate.person_id, 0))
            for candidate in listing(session, role, None if status == "all" else status)]


def on_board(candidate: Candidate, busy: int) -> dict:
    """One line of the board."""
    return {**{c: getattr(candidate, c) for c in ("person_id", "role", "status", "waiting_since",
                                                  "capacity", "profile")},
            "waiting_days": (utcnow() - candidate.waiting_since).days, "room": candidate.capacity - busy}


def as_person(candidate: Candidate, busy: int = 0) -> Person:
    return Person(person_id=candidate.person_id, role=candidate.role, profile=candidate.profile,
                  waiting_since=candidate.waiting_since, room=candidate.capacity - busy,
                  capacity=candidate.capacity)


def people(session: Session, role: str, status: str | None = None) -> list[Person]:
    """The pool (or its people with `status`) of one role, as scoring sees them."""
    taken = commitments(session)
    return [as_person(c, taken.get(c.person_id, 0)) for c in listing(session, role, status)]


def person(session: Session, person_id: str) -> Person | None:
    candidate = session.get(Candidate, str(person_id))
    return candidate and as_person(candidate, commitments(session, [candidate.person_id]).get(
        candidate.person_id, 0))


def declined_pairs(session: Session) -> set[tuple[str, str]]:
    return {(str(b), str(p)) for b, p in session.execute(
        select(DeclinedPair.buddy_id, DeclinedPair.participant_id))}


def _plain(profile: dict) -> dict:
    """The profile as JSON (the contract loaded it into Python values)."""
    return {key: value for key, value in profile.items() if value not in (None, [], {})}
