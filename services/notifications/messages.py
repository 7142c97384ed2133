"""Which message each workflow event of the first stage sends, to whom, in which language."""
from datetime import timedelta

from sqlalchemy.orm import Session

from services.notifications import calendar, contacts, deliveries
from services.notifications.links import placeholder
from services.notifications.sending import STATUS_LINK, Sender, reachable, send
from services.notifications.templates import render
from services.shared.contracts import Event
from services.shared.models import utcnow

REMIND_BEFORE = timedelta(days=1)


def confirm_application(session: Session, sender: Sender, event: Event) -> None:
    """Thank the applicant and give them their status link, in their own language."""
    data = event.data
    contact = contacts.remember(session, {**data, "person_id": data["person_id"]})
    send(session, sender, event, contact, "application_received",
         {"role": data["role"], "status_url": STATUS_LINK})


def about_interview(session: Session, sender: Sender, event: Event, template: str,
                    cancelled: bool = False) -> None:
    """An interview planned, moved or called off: the message with its calendar invitation,
    and a reminder the day before (withdrawn when the interview moves again). The person's
    events arrive in order (ordering.py), so an older change never follows a newer one."""
    data, contact = event.data, reachable(session, event, event.data["person_id"], template)
    if contact is None:
        return
    uid = f"intake-{data['interview_id']}@samenoppad"  # an older change never comes after
    context = {"starts_at": data["starts_at"], "mode": data["mode"], "location": data["location"],
               "minutes": int((data["ends_at"] - data["starts_at"]).total_seconds() // 60),
               "reason": data.get("reason")}
    subject = render(template, contact.language, {**context, "first_name": contact.first_name}).subject
    invitation = calendar.invitation(
        uid, data["sequence"], data["starts_at"],
        data["ends_at"], subject, data["location"], sender.organizer, contact.email, cancelled)
    send(session, sender, event, contact, template, context, invitation)
    remind(session, sender, event, contact, "intake_reminder", context, uid, cancelled)


def remind(session, sender, event, contact, template, context, uid, cancelled) -> None:
    """Replace the reminder of an appointment: none once it is off or less than a day away."""
    deliveries.cancel_reminders(session, uid)
    due = context["starts_at"] - REMIND_BEFORE
    if not cancelled and due > utcnow():
        send(session, sender, event, contact, template, context, due=due, appointment=uid)


def tell_decision(session: Session, sender: Sender, event: Event) -> None:
    data = event.data
    send(session, sender, event, reachable(session, event, data["person_id"], "screening_decision"),
         "screening_decision", {"decision": data["decision"], "feedback": data.get("feedback"),
                                "role": data["role"]})


def invite_buddy(session: Session, sender: Sender, event: Event) -> None:
    data = event.data
    send(session, sender, event, reachable(session, event, data["person_id"], "buddy_invitation"),
         "buddy_invitation", {"invitation_url": placeholder("account_setup", str(data["invitation_id"])),
                              "expires_at": data["expires_at"]})


def send_password_reset(session: Session, sender: Sender, event: Event) -> None:
    """The link to choose a new password the person asked for, by email in their language."""
    data = event.data
    contact = reachable(session, event, data["person_id"], "password_reset")
    send(session, sender, event, contact, "password_reset", {
        "reset_url": placeholder("password_reset", str(data["reset_id"])), "expires_at": data["expires_at"],
        # where to ask again: no secret, in their language
        "forgot_url": f"{sender.base_url}/account/forgot?lang={contact.language if contact else 'nl'}"},
        asked=True)
