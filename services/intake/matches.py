"""What intake keeps of matching's news: where each person stands, for their status page."""
from datetime import date

from sqlalchemy.orm import Session

from services.intake.models import Person


def note(session: Session, data: dict, state: str | None, since: date | None = None) -> None:
    """Both people of the pair are now `state` (None: back to waiting for a match)."""
    for key in ("buddy_id", "participant_id"):
        person = session.get(Person, str(data[key]))
        if person is not None and person.erased_at is None:
            person.match_state = state
            person.matched_on = since if state == "in_duo" else person.matched_on
