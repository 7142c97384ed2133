"""Intake's events about one person as notifications receives them, and what notifications
did with them (the delivery log, the mail catcher's inbox)."""
import email
import email.policy
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from tests.support.events import an_event

PERSON = "5b0e2f7a-1111-4000-8000-000000000001"
STARTS = datetime(2030, 3, 4, 9, 0, tzinfo=timezone.utc)


def received(smtp) -> list:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted(smtp.maildir.glob("*.eml"))]


def application_received(role="participant", language="fr", revision=1, **data):
    return an_event("application_received", revision=revision, data={
        "application_id": str(uuid.uuid4()), "person_id": PERSON, "role": role,
        "first_name": "Jean-Paul", "language": language, "email": "jp@example.org", "phone": None,
        "submitted_at": datetime.now(timezone.utc),
        **data})


def interview(event_type, sequence, revision=None, **data):
    return an_event(event_type, revision=revision, data={
        "interview_id": "9c1d2e3f-2222-4000-8000-000000000001", "application_id": str(uuid.uuid4()),
        "person_id": PERSON, "starts_at": STARTS, "ends_at": STARTS + timedelta(hours=1),
        "mode": "in_person", "location": "Huis van de Wereld, Sint-Truiden", "sequence": sequence, **data})


def deliveries(db):
    with db.connect() as connection:
        return connection.execute(text("SELECT template, status, attempts, last_error, body_text, recipient"
                                       " FROM notifications.delivery ORDER BY created_at")).all()
