"""Recording the intake interview: what it found, the profile corrected, private notes."""
from sqlalchemy.orm import Session

from services.intake import applications, audit, interviews, profiles
from services.intake.models import Application, IntakeRecord
from services.shared.errors import InvalidInput, NotFound
from services.shared.models import utcnow
from services.shared.outbox import record_event

TEXTS = ("expectations", "needs", "motivation", "notes")
NOT_YET_HELD = "The interview has not started yet: record it once it has been held, or move it first."


def record(session: Session, application_id: str, data: dict, actor_id: str | None) -> Application:
    """Keep what the interview found; the planned interview counts as held (refused, with
    InvalidInput on `interview`, while it has not started yet)."""
    application = applications.find(session, application_id, lock=True)
    now, record_ = utcnow(), application.record or IntakeRecord(application_id=application.id)
    _check_held(interviews.current(application), now)
    for key in TEXTS:
        if key in data:
            setattr(record_, key, data[key])
    record_.recorded_by, record_.recorded_at = actor_id, now
    application.record = record_
    if (planned := interviews.current(application)) is not None:
        planned.status = "held"
    if application.status in ("received", "intake_planned"):
        application.status = "intake_held"
    application.first_contact_at = application.first_contact_at or now
    profiles.correct_profile(session, application.person, data)
    profiles.correct_contact(session, application.person, data.get("contact") or {})
    record_event(session, "intake_completed", {"application_id": application.id,
                                               "person_id": application.person_id,
                                               "completed_at": now},
                 subject_id=application.person_id)
    session.flush()
    return application


def _check_held(planned, now) -> None:
    """An interview is recorded as held only once it has started (its planned start); move it
    if it took place earlier. InvalidInput on `interview`."""
    if planned is not None and planned.starts_at > now:
        raise InvalidInput({"interview": [NOT_YET_HELD]})


def read_notes(session: Session, application_id: str, actor_id: str | None) -> dict:
    """The interview's private notes; each read is written to the audit log."""
    application = applications.find(session, application_id)
    if application.record is None:
        raise NotFound("No intake has been recorded for this application yet.")
    audit.note(session, actor_id, "read_notes", application.person_id,
               f"application {application.id}")
    return {"application_id": application.id, "notes": application.record.notes,
            "recorded_at": application.record.recorded_at}
