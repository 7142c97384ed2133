"""Which message each workflow event sends, to whom, in which language."""
from sqlalchemy.orm import Session

from services.notifications import calendar, contacts, deliveries
from services.notifications.models import AppointmentNotice
from services.notifications.templates import render
from services.shared.contracts import Event

def confirm_application(session: Session, event: Event) -> None:
    """Thank the applicant and give them their status link, in their own language."""
    data = event.data
    contact = contacts.remember(session, {**data, "person_id": data["person_id"]})
    send(session, event, contact, "application_received",
          {"role": data["role"], "status_url": data["status_url"]})


def about_interview(session: Session, event: Event, template: str, organizer: str,
                    cancelled: bool = False) -> None:
    """An interview planned, moved or called off: the message with its calendar invitation."""
    data, contact = event.data, reachable(session, event, event.data["person_id"], template)
    if contact is None:
        return
    uid = f"intake-{data['interview_id']}@samenoppad"
    if not newest_revision(session, uid, data["sequence"]):
        deliveries.record_skipped(session, event.message_id, contact.person_id, template,
                                  contact.language, "a later change of this appointment was sent")
        return
    context = {"starts_at": data["starts_at"], "mode": data["mode"], "location": data["location"],
               "minutes": int((data["ends_at"] - data["starts_at"]).total_seconds() // 60),
               "reason": data.get("reason")}
    subject = render(template, contact.language, {**context, "first_name": contact.first_name}).subject
    invitation = calendar.invitation(
        uid, data["sequence"], data["starts_at"],
        data["ends_at"], subject, data["location"], organizer, contact.email, cancelled)
    send(session, event, contact, template, context, invitation)


def newest_revision(session: Session, uid: str, sequence: int) -> bool:
    """Note this revision of an appointment; False if a later one was told already."""
    told = session.get(AppointmentNotice, uid, with_for_update=True)
    if told is not None and told.sequence >= sequence:
        return False
    session.merge(AppointmentNotice(uid=uid, sequence=sequence))
    return True


def tell_decision(session: Session, event: Event) -> None:
    data = event.data
    send(session, event, reachable(session, event, data["person_id"], "screening_decision"), "screening_decision",
         {"decision": data["decision"], "feedback": data.get("feedback"), "role": data["role"]})


def invite_buddy(session: Session, event: Event) -> None:
    data = event.data
    send(session, event, reachable(session, event, data["person_id"], "buddy_invitation"), "buddy_invitation",
         {"invitation_url": data["invitation_url"], "expires_at": data["expires_at"]})


def reachable(session: Session, event: Event, person_id, template: str):
    """The person's contact, or None (the skip noted in the log) if they were erased."""
    contact = contacts.of(session, person_id)
    if contact.erased_at is None:
        return contact
    deliveries.record_skipped(session, event.message_id, contact.person_id, template, "und",
                              "the person's data was erased")
    return None


def send(session, event, contact, template, context, invitation=None):
    """By email in the person's language (participants get the Dutch text below it); nothing
    for nobody (an erased person, see `reachable`)."""
    if contact is None:
        return
    person_id = contact.person_id
    if not contact.email:
        deliveries.record_skipped(session, event.message_id, person_id, template, contact.language,
                                  "no email address to send it to")
        return
    deliveries.queue_email(session, event.message_id, person_id, contact.email, template,
                           contact.language, {**context, "first_name": contact.first_name},
                           with_dutch=contact.role == "participant", calendar=invitation)
