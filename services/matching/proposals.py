"""From a proposed pair to a duo: propose, plan the introduction, record each side's answer."""
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from services.matching import pool, suggest
from services.matching.models import OPEN_PROPOSALS, Candidate, DeclinedPair, Duo, Proposal
from services.shared.errors import Conflict, InvalidInput, NotFound
from services.shared.models import utcnow
from services.shared.outbox import record_event

DRAFT_CHOICE = "accepted from the whole-pool proposal"
PARTICIPANT_TAKEN = "This participant already has a proposal or a duo."
INTRODUCTION_AHEAD = "The introduction meeting has not taken place yet: record a yes after it."


def propose(session: Session, data: dict) -> Proposal:
    """Propose a pair; a choice other than the participant's top suggestion needs a reason."""
    buddy_id, participant_id = str(data["buddy_id"]), str(data["participant_id"])
    _lock_candidates(session, buddy_id, participant_id)
    found = suggest.choice(session, participant_id, buddy_id)
    chosen = found["chosen"]
    if chosen is None:
        raise Conflict(f"This pair cannot be proposed: {', '.join(found['excluded'])}." if found["excluded"]
                       else "This buddy is not in the matching pool.", "buddy_id")
    reason = data.get("reason") or (DRAFT_CHOICE if data.get("from_draft") else None)
    if found["top"] != buddy_id and not reason:
        raise InvalidInput({"reason": ["This is not the top suggestion: say why you chose it."]})
    proposal = Proposal(buddy_id=buddy_id, participant_id=participant_id, score=chosen["score"],
                        criteria=chosen["criteria"], choice_reason=reason, status="proposed",
                        proposed_at=utcnow())
    session.add(proposal)
    pool.refresh(session, buddy_id, participant_id)
    session.flush()  # the proposal's id names the subject
    record_event(session, "match_proposed", {**_pair(proposal), "proposed_at": proposal.proposed_at},
                 subject_id=proposal.id)
    return proposal


def _lock_candidates(session, buddy_id, participant_id):
    for person_id, role in ((buddy_id, "buddy"), (participant_id, "participant")):
        candidate = session.get(Candidate, person_id, with_for_update=True)
        if candidate is None or candidate.role != role:
            raise NotFound(f"No {role} {person_id} in the matching pool.")
        if role == "participant" and candidate.status != "waiting":
            raise Conflict(PARTICIPANT_TAKEN, "participant_id")


def find(session: Session, proposal_id: str, lock: bool = False) -> Proposal:
    proposal = session.get(Proposal, str(proposal_id), with_for_update=lock)
    if proposal is None:
        raise NotFound("No such proposal.")
    return proposal


def listing(session: Session, status: str | None = None, person_id=None) -> list[Proposal]:
    query = select(Proposal).order_by(Proposal.proposed_at.desc())
    if status:
        query = query.where(Proposal.status.in_(OPEN_PROPOSALS if status == "open" else (status,)))
    if person_id:
        query = query.where(or_(Proposal.buddy_id == str(person_id),
                                Proposal.participant_id == str(person_id)))
    return list(session.scalars(query))


def plan_introduction(session: Session, proposal_id: str, data: dict, planned_by: str | None = None) -> Proposal:
    """Plan (or move) the introduction meeting (`planned_by`: the coordinator's account, whose
    it is from now on); both get an invitation with a calendar entry.
    InvalidInput on `starts_at` for a moment in the past; Conflict once the proposal is decided."""
    proposal = _open(session, proposal_id)
    if data["starts_at"] <= utcnow():
        raise InvalidInput({"starts_at": ["Choose a moment in the future."]})
    proposal.introduction_starts_at = data["starts_at"]
    proposal.introduction_ends_at = data["starts_at"] + timedelta(minutes=data["duration_minutes"])
    proposal.introduction_location, proposal.introduction_planned_by = data["location"], planned_by
    proposal.introduction_sequence += 1
    proposal.status = "introduction_planned"
    record_event(session, "introduction_scheduled", {
        **_pair(proposal), "starts_at": proposal.introduction_starts_at,
        "ends_at": proposal.introduction_ends_at, "location": proposal.introduction_location,
        "sequence": proposal.introduction_sequence}, subject_id=proposal.id)
    return proposal


def own_introductions(session: Session, account_id: str, starts_at, ends_at) -> list[dict]:
    """The introduction meetings `account_id` planned on proposals still open that overlap the
    window [starts_at, ends_at), earliest first, as appointments (wire/appointments.py)."""
    found = session.scalars(select(Proposal).where(
        Proposal.introduction_planned_by == str(account_id), Proposal.status == "introduction_planned",
        Proposal.introduction_starts_at < ends_at, Proposal.introduction_ends_at > starts_at)
        .order_by(Proposal.introduction_starts_at))
    return [{"kind": "introduction", "id": p.id, "starts_at": p.introduction_starts_at,
             "ends_at": p.introduction_ends_at, "person_ids": [p.buddy_id, p.participant_id], "names": {}}
            for p in found]


def answer(session: Session, proposal_id: str, data: dict, duo_days: int) -> Proposal:
    """One side's yes or no: two yeses form the duo, one no ends the proposal. A yes says how
    the introduction went, so it is refused (InvalidInput on `answer`) while the planned
    introduction has not taken place; a no may come at any time."""
    proposal = _open(session, proposal_id)
    starts = proposal.introduction_starts_at
    if data["answer"] == "yes" and starts is not None and starts > utcnow():
        raise InvalidInput({"answer": [INTRODUCTION_AHEAD]})
    setattr(proposal, f"{data['side']}_answer", data["answer"])
    if data["answer"] == "no":
        _decline(session, proposal, data["side"], data.get("reason"))
    elif proposal.buddy_answer == "yes" and proposal.participant_answer == "yes":
        _form_duo(session, proposal, duo_days)
    return proposal


def _open(session, proposal_id) -> Proposal:
    proposal = find(session, proposal_id, lock=True)
    if proposal.status not in OPEN_PROPOSALS:
        raise Conflict(f"This proposal is {proposal.status} already.")
    return proposal


def _decline(session, proposal, side, reason):
    proposal.status, proposal.declined_by, proposal.decline_reason = "declined", side, reason
    proposal.decided_at = utcnow()
    session.merge(DeclinedPair(buddy_id=proposal.buddy_id, participant_id=proposal.participant_id,
                               proposal_id=proposal.id, reason=reason, declined_at=proposal.decided_at))
    pool.refresh(session, proposal.buddy_id, proposal.participant_id)
    announce_decline(session, proposal)


def announce_decline(session, proposal) -> None:
    """match_declined, with the planned introduction (if any) so its entry can be cancelled."""
    record_event(session, "match_declined", {
        **_pair(proposal), "declined_by": proposal.declined_by, "declined_at": proposal.decided_at,
        "introduction_starts_at": proposal.introduction_starts_at,
        "introduction_ends_at": proposal.introduction_ends_at,
        "introduction_location": proposal.introduction_location,
        "introduction_sequence": proposal.introduction_sequence
        if proposal.introduction_starts_at else None}, subject_id=proposal.id)


def _form_duo(session, proposal, duo_days):
    proposal.status, proposal.decided_at = "accepted", utcnow()
    today = date.today()
    duo = Duo(proposal_id=proposal.id, buddy_id=proposal.buddy_id, participant_id=proposal.participant_id,
              status="active", started_on=today, planned_end_on=today + timedelta(days=duo_days),
              history=[{"at": proposal.decided_at.isoformat(), "action": "formed", "detail": None}])
    session.add(duo)
    session.flush()
    pool.refresh(session, proposal.buddy_id, proposal.participant_id)
    record_event(session, "duo_formed", {**_pair(proposal), "duo_id": duo.id, "proposal_id": proposal.id,
                                         "started_on": duo.started_on, "planned_end_on": duo.planned_end_on},
                 subject_id=proposal.id)


def _pair(proposal) -> dict:
    return {"proposal_id": proposal.id, "buddy_id": proposal.buddy_id,
            "participant_id": proposal.participant_id}
