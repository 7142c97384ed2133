"""The messages of matching: a proposal, the introduction meeting, a no, a duo formed or ended.
Each goes to both people, each in their own language, naming the other by first name."""
from sqlalchemy.orm import Session

from services.notifications import calendar
from services.notifications.messages import remind
from services.notifications.models import Contact
from services.notifications.sending import Sender, reachable, send
from services.notifications.templates import render
from services.shared.contracts import Event

SIDES = (("buddy", "participant"), ("participant", "buddy"))


def tell_both(session: Session, sender: Sender, event: Event, template: str, **context) -> None:
    """Send `template` to the buddy and to the participant, each about the other."""
    for side, other in SIDES:
        contact = reachable(session, event, event.data[f"{side}_id"], template)
        if contact is not None:
            send(session, sender, event, contact, template, {
                **context, "role": side, "partner_first_name": _first_name(session, event.data[f"{other}_id"]),
                "info_pack_url": info_pack_url(sender.base_url, contact.language)})


def invite_both(session: Session, sender: Sender, event: Event) -> None:
    """The introduction meeting, with a calendar entry that moves when the meeting does, and a
    reminder the day before."""
    data = event.data
    for side, other in SIDES:
        contact = reachable(session, event, data[f"{side}_id"], "introduction_invitation")
        uid = f"introduction-{data['proposal_id']}-{side}@samenoppad"
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
