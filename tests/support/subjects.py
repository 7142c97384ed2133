"""Events of the platform as their consumers receive them, one sample per event type, with the
subject and revision a test chooses; and a snapshot of what a service holds, to show that an
event changed nothing."""
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import text

from services.shared.contracts import Event
from services.shared.wire import PLATFORM
from tests.support.builders import PROFILES

NOW = datetime(2030, 3, 1, 10, 0, tzinfo=timezone.utc)
BOOKKEEPING = ("inbox", "handler_failure", "loop_health", "alembic_version")


@dataclass
class People:
    """The ids one sample event is about."""

    person_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    buddy_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    proposal_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def participant_id(self) -> str:
        return self.person_id


def _pair(p: People) -> dict:
    return {"buddy_id": p.buddy_id, "participant_id": p.participant_id, "proposal_id": p.proposal_id}


def _interview(p: People) -> dict:
    return {"interview_id": str(uuid.uuid4()), "application_id": str(uuid.uuid4()),
            "person_id": p.person_id, "starts_at": NOW + timedelta(days=3),
            "ends_at": NOW + timedelta(days=3, hours=1), "mode": "in_person",
            "location": "Huis van de Wereld", "sequence": 0, "reason": None}


def _screened(p: People) -> dict:
    return {"person_id": p.person_id, "application_id": str(uuid.uuid4()), "role": "participant",
            "decision": "approved", "decided_at": NOW, "feedback": "Welcome!",
            "profile": PROFILES["participant"]}


SAMPLES = {
    "application_received": lambda p: {
        "application_id": str(uuid.uuid4()), "person_id": p.person_id, "role": "participant",
        "first_name": "Amina", "language": "ar", "email": "amina@example.org", "phone": None,
        "channel": "email", "submitted_at": NOW},
    "intake_scheduled": _interview, "intake_rescheduled": _interview, "intake_cancelled": _interview,
    "intake_completed": lambda p: {"application_id": str(uuid.uuid4()), "person_id": p.person_id,
                                   "completed_at": NOW},
    "participant_screened": _screened,
    "buddy_screened": lambda p: {**_screened(p), "role": "buddy", "profile": PROFILES["buddy"]},
    "person_profile_updated": lambda p: {"person_id": p.person_id, "role": "participant",
                                         "profile": PROFILES["participant"]},
    "person_contact_updated": lambda p: {"person_id": p.person_id, "first_name": "Amina",
                                         "email": "amina@example.org", "phone": None,
                                         "language": "ar", "channel": "email"},
    "buddy_invited": lambda p: {"person_id": p.person_id, "expires_at": NOW + timedelta(days=14),
                                "invitation_id": str(uuid.uuid4())},
    "password_reset_requested": lambda p: {"person_id": p.person_id, "reset_id": str(uuid.uuid4()),
                                           "expires_at": NOW + timedelta(hours=2)},
    "person_erased": lambda p: {"person_id": p.person_id, "erased_at": NOW},
    "match_proposed": lambda p: {**_pair(p), "proposed_at": NOW},
    "introduction_scheduled": lambda p: {**_pair(p), "starts_at": NOW + timedelta(days=2),
                                         "ends_at": NOW + timedelta(days=2, hours=1),
                                         "location": "Huis van de Wereld", "sequence": 1},
    "match_declined": lambda p: {**_pair(p), "declined_by": "buddy", "declined_at": NOW},
    "duo_formed": lambda p: {**_pair(p), "duo_id": str(uuid.uuid4()), "started_on": date(2030, 3, 1),
                             "planned_end_on": date(2030, 9, 1)},
    "duo_changed": lambda p: {**_pair(p), "duo_id": str(uuid.uuid4()), "status": "paused",
                              "planned_end_on": date(2030, 9, 1), "changed_at": NOW},
    "duo_ended": lambda p: {**_pair(p), "duo_id": str(uuid.uuid4()), "reason": "completed",
                            "ended_on": date(2030, 9, 1)},
}


def subject_id_of(contract, people: People) -> str:
    return people.person_id if contract.subject == "person" else people.proposal_id


def an_event(event_type: str, people: People, revision: int, version: int | None = None) -> Event:
    """Event `event_type` (its newest version unless `version` is given) about `people`'s
    subject at `revision`, as a consumer reads it."""
    contract = PLATFORM.get(event_type, version) if version else PLATFORM.latest(event_type)
    data = contract.deserialize(contract.serialize(SAMPLES[event_type](people)))
    return Event(message_id=str(uuid.uuid4()), type=event_type, version=contract.version, occurred_at=NOW,
                 correlation_id=None, data=data, subject_type=contract.subject,
                 subject_id=subject_id_of(contract, people), revision=revision)


def snapshot(session, schema: str) -> dict:
    """Every row of every table of `schema` but the backbone's bookkeeping, as text."""
    tables = session.execute(text(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = :schema "
        "AND table_type = 'BASE TABLE' ORDER BY 1"), {"schema": schema}).scalars().all()
    return {table: session.execute(text(
        f'SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text), \'[]\') '
        f'FROM "{schema}"."{table}" t')).scalar_one()
        for table in tables if table not in BOOKKEEPING}
