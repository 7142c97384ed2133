"""A duo on its trajectory: paused, resumed, extended, and ended with a reason."""
from datetime import date

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from services.matching import pool, proposals
from services.matching.models import LIVE_DUOS, OPEN_PROPOSALS, DeclinedPair, Duo, Proposal
from services.shared.errors import Conflict, NotFound
from services.shared.models import utcnow
from services.shared.outbox import record_event


def find(session: Session, duo_id: str, lock: bool = False) -> Duo:
    duo = session.get(Duo, str(duo_id), with_for_update=lock)
    if duo is None:
        raise NotFound("No such duo.")
    return duo


def by_proposal(session: Session, proposal_id: str) -> list[Duo]:
    return list(session.scalars(select(Duo).where(Duo.proposal_id == str(proposal_id))))


def listing(session: Session, status: str | None = None, person_id=None) -> list[Duo]:
    query = select(Duo).order_by(Duo.started_on.desc(), Duo.id)
    if status:
        query = query.where(Duo.status.in_(LIVE_DUOS if status == "live" else (status,)))
    if person_id:
        query = query.where(or_(Duo.buddy_id == str(person_id), Duo.participant_id == str(person_id)))
    return list(session.scalars(query))


def pause(session: Session, duo_id: str, reason: str | None) -> Duo:
    return _change(session, duo_id, "paused", "paused", reason, allowed=("active",))


def resume(session: Session, duo_id: str) -> Duo:
    return _change(session, duo_id, "active", "resumed", None, allowed=("paused",))


def extend(session: Session, duo_id: str, planned_end_on: date) -> Duo:
    duo = find(session, duo_id, lock=True)
    if planned_end_on <= duo.planned_end_on:
        raise Conflict(f"An extension ends after the planned end ({duo.planned_end_on.isoformat()}).")
    duo.planned_end_on = planned_end_on
    return _change(session, duo_id, duo.status, "extended", planned_end_on.isoformat(), allowed=LIVE_DUOS)


def _change(session, duo_id, status, action, detail, allowed) -> Duo:
    duo = find(session, duo_id, lock=True)
    if duo.status not in allowed:
        raise Conflict(f"This duo is {duo.status}: it cannot be {action}.")
    duo.status = status
    _note(duo, action, detail)
    record_event(session, "duo_changed", {
        "duo_id": duo.id, "proposal_id": duo.proposal_id, "buddy_id": duo.buddy_id,
        "participant_id": duo.participant_id, "status": status,
        "planned_end_on": duo.planned_end_on, "changed_at": utcnow()},
        subject_id=duo.proposal_id)  # a duo continues its proposal's revisions
    return duo


def _note(duo: Duo, action: str, detail) -> None:
    duo.history = [*duo.history, {"at": utcnow().isoformat(), "action": action, "detail": detail}]


def end(session: Session, duo_id: str, reason: str, note: str | None = None) -> Duo:
    """End the trajectory: both people can be matched again."""
    duo = find(session, duo_id, lock=True)
    if duo.status not in LIVE_DUOS:
        raise Conflict("This duo has ended already.")
    duo.status, duo.ended_on, duo.end_reason = "ended", date.today(), reason
    _note(duo, "ended", note)
    pool.refresh(session, *[x for x in (duo.buddy_id, duo.participant_id) if x])
    if duo.buddy_id and duo.participant_id:
        record_event(session, "duo_ended", {"duo_id": duo.id, "proposal_id": duo.proposal_id,
                                            "buddy_id": duo.buddy_id,
                                            "participant_id": duo.participant_id,
                                            "reason": reason, "ended_on": duo.ended_on},
                     subject_id=duo.proposal_id)
    return duo


def forget(session: Session, person_id: str) -> None:
    """Erasure: open proposals and live duos of the person end, and their id leaves every row."""
    person_id, partners = str(person_id), set()
    for proposal in list(session.scalars(select(Proposal).where(
            Proposal.status.in_(OPEN_PROPOSALS),
            or_(Proposal.buddy_id == person_id, Proposal.participant_id == person_id)))):
        proposal.status, proposal.declined_by, proposal.decided_at = "declined", "coordinator", utcnow()
        partners |= {proposal.buddy_id, proposal.participant_id}
        proposals.announce_decline(session, proposal)  # the other side is told, reminders go
    for duo in listing(session, "live", person_id):
        end(session, duo.id, "erased")
    _forget_words(session, person_id)
    for table in (Proposal, Duo):
        for column in ("buddy_id", "participant_id"):
            session.execute(update(table).where(getattr(table, column) == person_id).values({column: None}))
    session.execute(DeclinedPair.__table__.delete().where(
        or_(DeclinedPair.buddy_id == person_id, DeclinedPair.participant_id == person_id)))
    pool.refresh(session, *(partners - {person_id, None}))


def _forget_words(session: Session, person_id: str) -> None:
    """What people wrote about the pairs the person was in may name them: it goes too."""
    mine = or_(Proposal.buddy_id == person_id, Proposal.participant_id == person_id)
    session.execute(update(Proposal).where(mine).values(decline_reason=None, choice_reason=None))
    for duo in session.scalars(select(Duo).where(
            or_(Duo.buddy_id == person_id, Duo.participant_id == person_id))):
        duo.history = [{**entry, "detail": None} for entry in duo.history]
