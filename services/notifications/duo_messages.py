"""The messages of matching: a proposal, the introduction meeting, a no, a duo formed or ended.
Each goes to both people, each in their own language, naming the other by first name."""
from sqlalchemy.orm import Session

from services.notifications import calendar, deliveries
from services.notifications.messages import remind
from services.notifications.models import Contact
from services.notifications.sending import Sender, reachable, send
from services.notifications.templates import render
from services.shared.contracts import Event

SIDES = (("buddy", "participant"), ("participant", "buddy"))


def tell_both(session: Session, sender: Sender, event: Event, template: str,
              cancels_introduction: str | None = None, **context) -> None:
    """Send `template` to the buddy and to the participant, each about the other. With
    `cancels_introduction` (why), the introduction's reminders are withdrawn and, where it
    was planned, its calendar entry cancelled in the same message."""
    for side, other in SIDES:
        uid = introduction_uid(event.data, side)
        if cancels_introduction:
            deliveries.cancel_reminders(session, uid, cancels_introduction)
        contact = reachable(session, event, event.data[f"{side}_id"], template)
        if contact is not None:
            send(session, sender, event, contact, template, {
                **context, "role": side, "partner_first_name": _first_name(session, event.data[f"{other}_id"]),
                "info_pack_url": info_pack_url(sender.base_url, contact.language)},
                 _cancellation(sender, event.data, uid, contact) if cancels_introduction else None)


def withdraw_introduction(session: Session, data: dict, why: str) -> None:
    """The introduction's reminders no longer hold (the duo formed or ended)."""
    for side, _ in SIDES:
        deliveries.cancel_reminders(session, introduction_uid(data, side), why)


def introduction_uid(data: dict, side: str) -> str:
    """The calendar UID of one side's introduction meeting (the same for every revision)."""
    return f"introduction-{data['proposal_id']}-{side}@samenoppad"


def _cancellation(sender: Sender, data: dict, uid: str, contact) -> str | None:
    """The introduction's calendar cancellation, when one was planned (the event says when)."""
    if not data.get("introduction_starts_at"):
        return None
    subject = render("introduction_invitation", contact.language, {
        "starts_at": data["introduction_starts_at"], "location": data["introduction_location"],
        "first_name": contact.first_name, "partner_first_name": "", "role": contact.role,
        "info_pack_url": ""}).subject
    return calendar.invitation(uid, data["introduction_sequence"] + 1, data["introduction_starts_at"],
                               data["introduction_ends_at"], subject, data["introduction_location"],
                               sender.organizer, contact.email, cancelled=True)


def invite_both(session: Session, sender: Sender, event: Event) -> None:
    """The introduction meeting, with a calendar entry that moves when the meeting does, and a
    reminder the day before."""
    data = event.data
    for side, other in SIDES:
        contact = reachable(session, event, data[f"{side}_id"], "introduction_invitation")
        uid = introduction_uid(data, side)
        if contact is None:
            continue
        context = {"starts_at": data["starts_at"], "location": data["location"], "role": side,
                   "partner_first_name": _first_name(session, data[f"{other}_id"]),
                   "info_pack_url": info_pack_url(sender.base_url, contact.language)}
        subject = render("introduction_invitation", contact.language,
                         {**context, "first_name": contact.first_name}).subject
        invitation = calendar.invitation(uid, data["sequence"], data["starts_at"], data["ends_at"],
                                         subject, data["location"], sender.organizer, contact.email)
        send(session, sender, event, contact, "introduction_invitation", context, invitation)
        remind(session, sender, event, contact, "introduction_reminder", context, uid, cancelled=False)


def info_pack_url(base_url: str, language: str) -> str:
    return f"{base_url}/info?lang={language}"


def _first_name(session: Session, person_id) -> str:
    partner = session.get(Contact, str(person_id))
    return (partner and partner.first_name) or ""
