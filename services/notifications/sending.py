"""One message to one person: the channel they chose (or the one they can be reached on), their
language, the opt-out link; skipped, and logged as such, for someone erased or opted out."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from services.notifications import contacts, deliveries
from services.notifications.links import placeholder
from services.notifications.models import Contact
from services.shared.contracts import Event
from services.shared.config import public_base_url

LINKS = ("invitation_url", "info_pack_url", "status_url")  # what an SMS points to, in this order
STATUS_LINK, STOP_LINK = placeholder("status"), placeholder("stop")  # minted when sent: links.py


@dataclass(frozen=True)
class Sender:
    """What every message needs from the configuration."""

    base_url: str
    organizer: str  # the calendar invitations' organiser address
    quiet_hours: tuple[int, int] = (21, 8)  # no SMS from 21:00 to 08:00, Sint-Truiden time

    @property
    def privacy_url(self) -> str:
        """The privacy notice (gateway/public/privacy.py), linked from every message."""
        return f"{self.base_url}/privacy"

    @classmethod
    def from_config(cls, config: dict) -> "Sender":
        return cls(public_base_url(config), config["SMTP_FROM"], quiet_hours(config.get("SMS_QUIET_HOURS")))


def quiet_hours(setting) -> tuple[int, int]:
    """'21-8' → (21, 8): from 21:00 to 08:00 ('0-0': never quiet)."""
    start, _, end = str(setting or "21-8").partition("-")
    try:
        hours = int(start), int(end)
    except ValueError:
        hours = (-1, -1)
    if not all(0 <= hour <= 23 for hour in hours):
        raise ValueError(f"SMS_QUIET_HOURS is {setting!r}: give two hours from 0 to 23, like 21-8")
    return hours


def reachable(session: Session, event: Event, person_id, template: str) -> Contact | None:
    """The person's contact, or None (the skip noted in the log) if they were erased."""
    contact = contacts.of(session, person_id)
    if contact.erased_at is None:
        return contact
    deliveries.record_skipped(session, event.message_id, contact.person_id, template, "und",
                              "the person's data was erased")
    return None


def send(session: Session, sender: Sender, event: Event, contact: Contact | None, template: str,
         context: dict, invitation: str | None = None, due: datetime | None = None,
         appointment: str | None = None, asked: bool = False) -> None:
    """Queue the message (at `due`, for a reminder) on the person's channel. One the person
    just `asked` for (a link to a new password) goes by email, even after an opt-out: they
    asked for it at their address, and the page told them to look in their mailbox."""
    if contact is None:
        return
    channel = ("email" if contact.email else None) if asked else contacts.channel_for(contact)
    problem = ("the person opted out of messages" if not asked and contacts.opted_out(session, contact)
               else None if channel else "no email address or phone number to send it to")
    if problem:
        deliveries.record_skipped(session, event.message_id, contact.person_id, template,
                                  contact.language, problem)
        return
    full = {**context, "first_name": contact.first_name, "opt_out_url": STOP_LINK,
            "privacy_url": sender.privacy_url}
    message = deliveries.Message(event.message_id, contact.person_id, template, contact.language,
                                 full, due, appointment)
    if channel == "email":
        deliveries.queue_email(session, message, contact.email, with_dutch=contact.role == "participant",
                               calendar=invitation)
    else:
        link = next((full[key] for key in LINKS if full.get(key)), STATUS_LINK)
        deliveries.queue_sms(session, message, contact.phone, link, sender.quiet_hours)
