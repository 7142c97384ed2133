"""The individual intake interview: planned, moved or cancelled (the applicant is told each
time, with a calendar invitation), then recorded."""
from datetime import timedelta

from sqlalchemy import Interval, func, select
from sqlalchemy.orm import Session

from services.intake import applications
from services.intake.models import Application, IntakeInterview, Person
from services.shared.errors import Conflict, InvalidInput
from services.shared.models import utcnow
from services.shared.outbox import record_event

PLANNABLE = ("received", "intake_planned", "intake_held", "waitlisted")


def current(application: Application) -> IntakeInterview | None:
    """The interview that is planned and not yet held, if any."""
    return next((i for i in application.interviews if i.status == "scheduled"), None)


def schedule(session: Session, application_id: str, data: dict, planned_by: str | None = None) -> IntakeInterview:
    """Plan the interview (`planned_by`: the coordinator's account); the applicant gets an invitation."""
    application = applications.find(session, application_id, lock=True)
    if application.status not in PLANNABLE:
        raise Conflict(f"This application is {application.status}; no interview can be planned.")
    if current(application):
        raise Conflict("An interview is already planned: move it or cancel it instead.")
    _check_future(data["starts_at"])
    interview = IntakeInterview(application_id=application.id, starts_at=data["starts_at"],
                                duration_minutes=data["duration_minutes"], mode=data["mode"],
                                location=data["location"], status="scheduled", sequence=0,
                                planned_by=planned_by)
    application.interviews.append(interview)
    application.status = "intake_planned" if application.status == "received" else application.status
    application.first_contact_at = application.first_contact_at or utcnow()
    session.flush()
    _announce(session, "intake_scheduled", application, interview)
    return interview


def reschedule(session: Session, application_id: str, data: dict, planned_by: str | None = None) -> IntakeInterview:
    """Move the planned interview (`planned_by`: who moves it, whose it is from now on); the
    applicant gets the updated invitation."""
    application = applications.find(session, application_id, lock=True)
    interview = _planned(application)
    _check_future(data["starts_at"])
    interview.starts_at, interview.location = data["starts_at"], data["location"]
    interview.duration_minutes, interview.mode = data["duration_minutes"], data["mode"]
    interview.sequence, interview.planned_by = interview.sequence + 1, planned_by
    session.flush()
    _announce(session, "intake_rescheduled", application, interview)
    return interview


def cancel(session: Session, application_id: str, reason: str | None) -> IntakeInterview:
    """Call the planned interview off; the applicant is told (and their calendar too)."""
    application = applications.find(session, application_id, lock=True)
    interview = _planned(application)
    interview.status, interview.sequence = "cancelled", interview.sequence + 1
    if application.status == "intake_planned":
        application.status = "received"
    session.flush()
    _announce(session, "intake_cancelled", application, interview, reason=reason)
    return interview


def own_appointments(session: Session, account_id: str, starts_at, ends_at) -> list[dict]:
    """The interviews `account_id` planned that are still to be held and overlap the window
    [starts_at, ends_at), earliest first, as appointments (wire/appointments.py) naming the applicant."""
    ends = IntakeInterview.starts_at + func.make_interval(0, 0, 0, 0, 0, IntakeInterview.duration_minutes,
                                                          type_=Interval)
    found = session.execute(
        select(IntakeInterview, ends.label("ends_at"), Person).select_from(IntakeInterview)
        .join(Application, Application.id == IntakeInterview.application_id)
        .join(Person, Person.id == Application.person_id)
        .where(IntakeInterview.planned_by == str(account_id), IntakeInterview.status == "scheduled",
               IntakeInterview.starts_at < ends_at, ends > starts_at)
        .order_by(IntakeInterview.starts_at))
    return [{"kind": "intake_interview", "id": interview.id, "starts_at": interview.starts_at,
             "ends_at": interview_ends, "person_ids": [person.id],
             "names": {person.id: {"first_name": person.first_name, "last_name": person.last_name}}}
            for interview, interview_ends, person in found]


def _planned(application: Application) -> IntakeInterview:
    interview = current(application)
    if interview is None:
        raise Conflict("No interview is planned for this application.")
    return interview


def _check_future(starts_at):
    if starts_at <= utcnow() + timedelta(minutes=5):
        raise InvalidInput({"starts_at": ["Choose a moment in the future."]})


def _announce(session, event_type, application, interview, reason=None):
    record_event(session, event_type, {
        "interview_id": interview.id, "application_id": application.id,
        "person_id": application.person_id, "starts_at": interview.starts_at,
        "ends_at": interview.starts_at + timedelta(minutes=interview.duration_minutes),
        "mode": interview.mode, "location": interview.location, "sequence": interview.sequence,
        "reason": reason}, subject_id=application.person_id)
