"""Applications through the digital counter: stored with their consent, duplicates flagged."""
import hashlib
import json

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.intake import links
from services.intake.models import Application, Person
from services.intake.search import name_key
from services.shared.errors import Conflict, InvalidInput, NotFound
from services.shared.models import is_uuid, utcnow
from services.shared.outbox import record_event
from services.shared.wire.profile import ProfileFields

PROFILE_KEYS = tuple(ProfileFields().fields)


def profile_of(data: dict) -> dict:
    """The profile part of an application or a correction (what was answered)."""
    return {key: data[key] for key in PROFILE_KEYS if data.get(key) not in (None, [], {})}


def submit(session: Session, data: dict, privacy_version: str,
           request_key: str | None = None) -> Application:
    """Store a new application with its consent, flag it when the same person applied before,
    and announce it; a request key seen before gives back the application it made."""
    _check_key(request_key)
    fingerprint = _fingerprint(data) if request_key else None
    if request_key and (earlier := _by_request_key(session, request_key, fingerprint)):
        return earlier
    application = _new_application(session, data, privacy_version, request_key)
    application.request_fingerprint = fingerprint
    try:
        session.flush()
    except IntegrityError:  # the same key, submitted at the same moment: that one won
        session.rollback()
        if request_key and (earlier := _by_request_key(session, request_key, fingerprint)):
            return earlier
        raise
    _announce(session, application)
    return application


def status_link(session: Session, application: Application, base_url: str) -> str:
    """A fresh link to the applicant's personal status page (unguessable, no password), for
    the answer to their own submission."""
    token = links.mint(session, application.person_id, links.Purpose.STATUS, application.id)
    return links.url(base_url, links.Purpose.STATUS, token)


def _new_application(session, data, privacy_version, request_key) -> Application:
    now, profile = utcnow(), profile_of(data)
    person = Person(role=data["role"], first_name=data["first_name"], last_name=data["last_name"],
                    search_name=name_key(data["first_name"], data["last_name"]),
                    email=data["email"], phone=data["phone"], language=data["language"],
                    channel=data.get("channel") or ("email" if data["email"] else "sms"),
                    profile=profile)
    earlier = earlier_application(session, data["email"], data["phone"])
    application = Application(
        person=person, role=data["role"], status="received",
        consent_version=privacy_version, consented_at=now, submitted_at=now,
        request_key=request_key, answers={**profile, "message": data.get("message")},
        duplicate_of=earlier.id if earlier else None)
    session.add(application)
    return application


def _announce(session, application: Application):
    person = application.person
    record_event(session, "application_received", {
        "application_id": application.id, "person_id": person.id, "role": person.role,
        "first_name": person.first_name, "language": person.language, "email": person.email,
        "phone": person.phone, "channel": person.channel,
        "submitted_at": application.submitted_at}, subject_id=person.id, version=2)


def earlier_application(session: Session, email, phone) -> Application | None:
    """The first application of someone with this email address (in any case: a person does
    not see Amina@ and amina@ as two addresses) or phone number (E.164: written any way), if any."""
    same = [func.lower(Person.email) == email.lower()] if email else []
    same += [Person.phone == phone] if phone else []
    return session.scalar(select(Application).join(Person).where(
        or_(*same), Person.erased_at.is_(None)).order_by(Application.submitted_at).limit(1))


def find(session: Session, application_id: str, lock: bool = False) -> Application:
    """The application with this id, or NotFound."""
    if not is_uuid(application_id):
        raise NotFound(f"There is no application {application_id}.")
    query = select(Application).where(Application.id == application_id)
    application = session.scalar(query.with_for_update(of=Application) if lock else query)
    if application is None:
        raise NotFound(f"There is no application {application_id}.")
    return application


def find_by_token(session: Session, token: str) -> Application:
    """The application a status link opens: NotFound (no such link, or erased), Gone (expired)."""
    application = session.get(Application, links.open_link(session, token, links.Purpose.STATUS).ref)
    if application is None or application.person.erased_at:
        raise NotFound("This status link is not valid.")
    return application


def _check_key(request_key):
    if request_key is not None and not (isinstance(request_key, str) and 0 < len(request_key) <= 200):
        raise InvalidInput({"request_key": ["Use a text of 1 to 200 characters."]})


def _by_request_key(session: Session, request_key: str, fingerprint: str) -> Application | None:
    """The application this key made, if the same application is sent again; Conflict when
    the key made another (a replay must never open someone else's application)."""
    earlier = session.scalar(select(Application).where(Application.request_key == request_key))
    if earlier is not None and earlier.request_fingerprint != fingerprint:
        raise Conflict("This Idempotency-Key was used for another application; use a new key "
                       "for a new application.")
    return earlier


def _fingerprint(data: dict) -> str:
    """What was sent, as one hash: a replay must send exactly the same."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
