"""The screening decision: approved, rejected or waitlisted, with the reason kept inside and
feedback for the applicant; approving needs a profile matching can work with."""
from sqlalchemy.orm import Session

from services.intake import applications, invitations
from services.intake.models import Application, ScreeningDecision
from services.shared.errors import Conflict
from services.shared.models import utcnow
from services.shared.outbox import record_event
from services.shared.wire.profile import missing_for_matching
from services.shared.wire.vocabulary import DECISIONS

# which decisions may follow which status: a waitlisted person can still be approved
NEXT_DECISIONS = {
    "received": set(DECISIONS), "intake_planned": set(DECISIONS), "intake_held": set(DECISIONS),
    "waitlisted": {"approved", "rejected"},
}


def screen(session: Session, application_id: str, data: dict, decided_by: str | None) -> Application:
    """Record the decision, tell matching and the applicant, and invite an approved buddy."""
    application = applications.find(session, application_id, lock=True)
    decision, person = data["decision"], application.person
    if decision not in NEXT_DECISIONS.get(application.status, ()):
        raise Conflict(f"This application is {application.status}; it cannot be {decision} now.")
    if decision == "approved" and (missing := missing_for_matching(person.profile, application.role)):
        raise Conflict("Before approving, complete the profile at the intake: "
                       f"{', '.join(missing)} missing.")
    now = utcnow()
    application.status, application.decided_at = decision, now
    application.first_contact_at = application.first_contact_at or now
    session.add(ScreeningDecision(application_id=application.id, decision=decision,
                                  reason=data["reason"], feedback=data.get("feedback"),
                                  decided_by=decided_by, decided_at=now))
    _announce(session, application, decision, data.get("feedback"), now)
    if decision == "approved" and application.role == "buddy":
        invitations.invite(session, person)
    session.flush()
    session.refresh(application)
    return application


def _announce(session, application, decision, feedback, now):
    """Matching gets the profile of an approved person, and nobody gets more than that."""
    person = application.person
    record_event(session, f"{application.role}_screened", {
        "person_id": person.id, "application_id": application.id, "role": application.role,
        "decision": decision, "decided_at": now, "feedback": feedback,
        "profile": person.profile if decision == "approved" else None},
        subject_id=person.id, version=2)
