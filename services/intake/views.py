"""Applications as the coordinator and the applicant see them (dicts for the view schemas)."""
from datetime import datetime

from services.intake import inbox, interviews
from services.intake.models import Application


def application(found: Application, now: datetime, target_days: int) -> dict:
    person, record = found.person, found.record
    return {
        "application_id": found.id, "person_id": person.id, "role": found.role,
        "status": found.status, "first_name": person.first_name, "last_name": person.last_name,
        "email": person.email, "phone": person.phone, "channel": person.channel,
        "language": person.language, "profile": person.profile,
        "message": found.answers.get("message"), "submitted_at": found.submitted_at,
        "decided_at": found.decided_at, "first_contact_at": found.first_contact_at,
        "waiting_working_days": inbox.waiting_days(found, now),
        "overdue": inbox.is_overdue(found, now, target_days), "duplicate_of": found.duplicate_of,
        "decisions": found.decisions, "interviews": found.interviews,
        "intake": record and {"expectations": record.expectations, "needs": record.needs,
                              "motivation": record.motivation, "recorded_at": record.recorded_at,
                              "has_notes": bool(record.notes)},
    }


def status(found: Application) -> dict:
    """Only the applicant's own progress: the interview planned, else the one held; the
    privacy notice's version they consented to; their person id, for the gateway to ask
    matching about their match as them (the link's holder)."""
    held = [i for i in found.interviews if i.status == "held"]
    return {"role": found.role, "status": found.status, "first_name": found.person.first_name,
            "language": found.person.language, "submitted_at": found.submitted_at,
            "decided_at": found.decided_at,
            "interview": interviews.current(found) or max(held, key=lambda i: i.starts_at, default=None),
            "match_state": found.person.match_state, "matched_on": found.person.matched_on,
            "person_id": found.person_id, "consent_version": found.consent_version}
