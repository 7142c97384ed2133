"""Applications: submitted through the digital counter, then screened by the coordinator."""
import re
import secrets
import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.intake.models import Application, Person, ScreeningDecision
from services.shared.errors import Conflict, InvalidInput, NotFound
from services.shared.models import utcnow
from services.shared.outbox import record_event

# Which decisions may follow which status: a waitlisted person can still be approved.
NEXT_DECISIONS = {
    "received": {"approved", "rejected", "waitlisted"},
    "waitlisted": {"approved", "rejected"},
}


def status_url(base_url: str, token: str) -> str:
    """The applicant's personal status page: unguessable, no password."""
    return f"{base_url}/status/{token}"


def submit(session: Session, data: dict, base_url: str, privacy_version: str,
           request_key: str | None = None) -> Application:
    """Store a new application with its consent, and announce it; a request key seen before
    gives back the application it made (a redelivered or repeated submission)."""
    if request_key is not None and not (isinstance(request_key, str) and 0 < len(request_key) <= 200):
        raise InvalidInput({"request_key": ["Use a text of 1 to 200 characters."]})
    if request_key and (earlier := _by_request_key(session, request_key)):
        return earlier
    now = utcnow()
    person = Person(role=data["role"], first_name=data["first_name"], last_name=data["last_name"],
                    email=data["email"], phone=data["phone"], language=data["language"])
    application = Application(person=person, role=data["role"], status="received",
                              status_token=secrets.token_urlsafe(24), consent_version=privacy_version,
                              consented_at=now, submitted_at=now, request_key=request_key)
    session.add(application)
    try:
        session.flush()
    except IntegrityError:  # the same key, submitted at the same moment: that one won
        session.rollback()
        if request_key and (earlier := _by_request_key(session, request_key)):
            return earlier
        raise
    record_event(session, "application_received", {
        "application_id": application.id, "person_id": person.id, "role": person.role,
        "first_name": person.first_name, "language": person.language, "email": person.email,
        "phone": person.phone, "status_url": status_url(base_url, application.status_token),
        "submitted_at": now})
    return application


def _by_request_key(session: Session, request_key: str) -> Application | None:
    return session.scalar(select(Application).where(Application.request_key == request_key))


def find(session: Session, application_id: str, lock: bool = False) -> Application:
    """The application with this id, or NotFound."""
    if not _is_uuid(application_id):
        raise NotFound(f"There is no application {application_id}.")
    query = select(Application).where(Application.id == application_id)
    application = session.scalar(query.with_for_update(of=Application) if lock else query)
    if application is None:
        raise NotFound(f"There is no application {application_id}.")
    return application


def find_by_token(session: Session, token: str) -> Application:
    """The application a status link opens (tokens are URL-safe base64, never anything else)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", str(token)):
        raise NotFound("This status link is not valid.")
    application = session.scalar(select(Application).where(Application.status_token == str(token)))
    if application is None:
        raise NotFound("This status link is not valid.")
    return application


def search(session: Session, role=None, status=None, limit=100, offset=0) -> list[Application]:
    """The application inbox, newest first."""
    query = select(Application).order_by(Application.submitted_at.desc()).limit(limit).offset(offset)
    if role:
        query = query.where(Application.role == role)
    if status:
        query = query.where(Application.status == status)
    return list(session.scalars(query))


def screen(session: Session, application_id: str, decision: str, reason: str,
           decided_by: str | None) -> Application:
    """Record the coordinator's decision and tell the services that need it."""
    application = find(session, application_id, lock=True)
    if decision not in NEXT_DECISIONS.get(application.status, ()):
        raise Conflict(f"This application is {application.status}; it cannot be {decision} now.")
    now = utcnow()
    application.status, application.decided_at = decision, now
    session.add(ScreeningDecision(application_id=application.id, decision=decision, reason=reason,
                                  decided_by=decided_by if _is_uuid(decided_by) else None,
                                  decided_at=now))
    person = application.person
    record_event(session, f"{application.role}_screened", {
        "person_id": person.id, "application_id": application.id, "role": application.role,
        "decision": decision, "decided_at": now, "first_name": person.first_name,
        "last_name": person.last_name, "language": person.language})
    session.flush()
    session.refresh(application)
    return application


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False
