"""What intake keeps of matching's news: where each person stands, for their status page.

Matching's events arrive through `on_event`'s NEWER mode, so a replayed or late event of a
proposal never undoes a newer one of the same proposal. Across proposals, a person follows
their latest: a late "declined" or "ended" of an earlier proposal changes nothing.
"""
from datetime import date

from sqlalchemy.orm import Session

from services.intake.models import Person
from services.shared.contracts import Event


def note(session: Session, event: Event, state: str | None, since: date | None = None) -> None:
    """Both people of the pair are now `state` (None: back to waiting for a match)."""
    data = event.data
    proposal_id = str(data.get("proposal_id") or event.subject_id)
    for key in ("buddy_id", "participant_id"):
        person = session.get(Person, str(data[key]))
        if person is None or person.erased_at is not None:
            continue
        if state == "proposed" and _later(data["proposed_at"], person.match_proposed_at):
            person.match_proposal_id, person.match_proposed_at = proposal_id, data["proposed_at"]
        elif person.match_proposal_id is None:
            person.match_proposal_id = proposal_id
        elif person.match_proposal_id != proposal_id:
            continue  # news of an earlier proposal: the person has moved on
        person.match_state = state
        person.matched_on = since if state == "in_duo" else person.matched_on


def _later(proposed_at, current) -> bool:
    """Whether a proposal made at `proposed_at` is the person's latest (None: none known)."""
    return current is None or proposed_at >= current
