"""A person's rights over their data: a copy of everything intake holds (subject access), and
erasure, which intake does here and asks every other service to do (`person_erased`)."""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.intake import audit, links
from services.intake.models import (
    Account, AccountInvitation, Application, Credential, IntakeInterview, IntakeRecord, LoginAttempt,
    Person,
)
from services.shared.errors import NotFound
from services.shared.forgetting import forget_copies
from services.shared.models import is_uuid, utcnow
from services.shared.outbox import record_event

ERASED = "(erased)"


def person(session: Session, person_id: str) -> Person:
    found = session.get(Person, str(person_id)) if is_uuid(person_id) else None
    if found is None or found.erased_at:
        raise NotFound(f"There is no person {person_id}.")
    return found


def export(session: Session, person_id: str, actor_id: str | None) -> dict:
    """Everything intake holds about a person, notes included; the export is audited."""
    someone = person(session, person_id)
    found = session.scalars(select(Application).where(Application.person_id == someone.id)).all()
    audit.note(session, actor_id, "export", someone.id)
    return {
        "person": {key: getattr(someone, key) for key in (
            "id", "role", "first_name", "last_name", "email", "phone", "language", "channel",
            "profile", "created_at")},
        "applications": [_application(a) for a in found],
        "account": _account(session, someone.id),
    }


def _application(application: Application) -> dict:
    record = application.record
    return {
        "id": application.id, "status": application.status, "submitted_at": application.submitted_at,
        "consent_version": application.consent_version, "consented_at": application.consented_at,
        "answers": application.answers,
        "decisions": [{"decision": d.decision, "reason": d.reason, "feedback": d.feedback,
                       "decided_at": d.decided_at} for d in application.decisions],
        "interviews": [{"starts_at": i.starts_at, "mode": i.mode, "location": i.location,
                        "status": i.status} for i in application.interviews],
        "intake": record and {key: getattr(record, key) for key in (
            "expectations", "needs", "motivation", "notes", "recorded_at")},
    }


def _account(session, person_id) -> dict | None:
    account = session.scalar(select(Account).where(Account.person_id == person_id))
    return account and {"email": account.email, "role": account.role, "created_at": account.created_at}


def erase(session: Session, person_id: str, actor_id: str | None, why: str | None = None) -> None:
    """Wipe the person's data here, keep only that an erasure happened, and tell the others."""
    someone = person(session, person_id)
    found = session.scalars(select(Application).where(Application.person_id == someone.id)).all()
    for application in found:
        _wipe_application(session, application)
    _wipe_account(session, someone)
    someone.first_name = someone.last_name = ERASED
    someone.email = someone.phone = someone.search_name = None
    someone.profile, someone.erased_at = {}, utcnow()
    audit.note(session, actor_id, "erase", someone.id, why)
    links.forget(session, someone.id)  # every link issued to them stops working
    forget_copies(session, someone.id)
    record_event(session, "person_erased", {"person_id": someone.id, "erased_at": someone.erased_at},
                 subject_id=someone.id)
    session.flush()


def _wipe_application(session, application: Application):
    application.answers, application.request_key = {}, None
    for decision in application.decisions:
        decision.reason, decision.feedback = ERASED, None
    session.execute(delete(IntakeRecord).where(IntakeRecord.application_id == application.id))
    session.execute(delete(IntakeInterview).where(IntakeInterview.application_id == application.id))


def _wipe_account(session, someone: Person):
    account = session.scalar(select(Account).where(Account.person_id == someone.id))
    if someone.email:
        session.execute(delete(LoginAttempt).where(LoginAttempt.email == someone.email.lower()))
    if account is None:
        return
    session.execute(delete(AccountInvitation).where(AccountInvitation.account_id == account.id))
    session.execute(delete(Credential).where(Credential.account_id == account.id))
    account.email, account.password_hash = f"erased-{account.id}@invalid", None
    account.display_name, account.active = ERASED, False
