"""What a person may see of their own match: for their status page, opened from their link.

Only their latest proposal counts (a declined one means they wait again: nothing to show);
what the coordinator weighed (scores, reasons) is not theirs to read, only the facts of the
introduction meeting and the duo, and who their partner is (by id: intake has the name)."""
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from services.matching import duos
from services.matching.models import Proposal


def own_match(session: Session, person_id: str) -> dict | None:
    """{"partner_id", "partner_role", "status", "introduction": {"starts_at", "ends_at",
    "location"} | None, "duo": {"status", "started_on", "planned_end_on", "ended_on"} | None}
    of the person's latest proposal, or None (never proposed, or declined)."""
    latest = session.scalar(select(Proposal).where(or_(
        Proposal.buddy_id == person_id, Proposal.participant_id == person_id))
        .order_by(Proposal.proposed_at.desc()).limit(1))
    if latest is None or latest.status == "declined":
        return None
    is_buddy = latest.buddy_id == person_id
    duo = next(iter(duos.by_proposal(session, latest.id)), None)
    planned = latest.introduction_starts_at is not None
    return {
        "partner_id": latest.participant_id if is_buddy else latest.buddy_id,
        "partner_role": "participant" if is_buddy else "buddy", "status": latest.status,
        "introduction": {"starts_at": latest.introduction_starts_at, "ends_at": latest.introduction_ends_at,
                         "location": latest.introduction_location} if planned else None,
        "duo": duo and {"status": duo.status, "started_on": duo.started_on,
                        "planned_end_on": duo.planned_end_on, "ended_on": duo.ended_on},
    }
