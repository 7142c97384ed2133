"""Notifications' own contact book, kept from intake's events; forgotten on erasure."""
from sqlalchemy import update
from sqlalchemy.orm import Session

from services.notifications.models import Contact, Delivery
from services.shared.models import utcnow

FIELDS = ("first_name", "email", "phone", "language", "channel")


class ContactUnknown(Exception):
    """No contact details for this person (handlers hold such events first: see held.py)."""


def remember(session: Session, details: dict) -> Contact:
    """Keep (or refresh) how to reach a person; an erased person stays erased."""
    contact = session.get(Contact, str(details["person_id"])) or Contact(person_id=str(details["person_id"]))
    if contact.erased_at is not None:
        return contact
    for key in FIELDS:
        if key in details:
            setattr(contact, key, details[key])
    contact.role = details.get("role", contact.role)
    contact.updated_at = utcnow()
    session.add(contact)
    return contact


def of(session: Session, person_id) -> Contact:
    contact = session.get(Contact, str(person_id))
    if contact is None:
        raise ContactUnknown(f"no contact details for person {person_id} yet")
    return contact


def forget(session: Session, person_id) -> None:
    """Erasure: keep of the contact only that it was erased (so messages about the person are
    skipped, not held), and of each message only that it was sent and how."""
    session.merge(Contact(person_id=str(person_id), **{key: None for key in FIELDS},
                          role=None, erased_at=utcnow(), updated_at=utcnow()))
    session.execute(update(Delivery).where(Delivery.person_id == str(person_id)).values(
        recipient=None, subject=None, body_text=None, body_html=None, calendar=None,
        last_error=None))
