"""Notifications' own contact book, kept from intake's events; forgotten on erasure."""
import hashlib

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from services.notifications import deliveries
from services.notifications.models import Contact, Delivery
from services.shared.errors import NotFound
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


def opted_out(session: Session, contact: Contact) -> bool:
    """Whether the person opted out — or whoever has their address or number did (someone who
    applied twice is two people here; "no more messages" is said by the person, not the record)."""
    if contact.opted_out_at is not None:
        return True
    same = [func.lower(Contact.email) == contact.email.lower()] if contact.email else []  # Amina@ is amina@
    same += [Contact.phone == contact.phone] if contact.phone else []
    return bool(same) and session.scalar(select(func.count()).select_from(Contact).where(
        or_(*same), Contact.opted_out_at.is_not(None), Contact.erased_at.is_(None))) > 0


def channel_for(contact: Contact) -> str | None:
    """The channel the person chose, else the other one they can be reached on, else None."""
    reachable = {"email": bool(contact.email), "sms": bool(contact.phone)}
    preferred = contact.channel if contact.channel in reachable else "email"
    other = "sms" if preferred == "email" else "email"
    return next((channel for channel in (preferred, other) if reachable[channel]), None)


def by_legacy_link(session: Session, token: str) -> Contact:
    """The contact a stop link of a message sent before intake minted the links opens (only
    its hash is kept); NotFound for any other token."""
    contact = session.scalar(select(Contact).where(
        Contact.legacy_stop_hash == hashlib.sha256(str(token).encode()).hexdigest(),
        Contact.erased_at.is_(None)))
    if contact is None:
        raise NotFound("This link is not valid.")
    return contact


def opt_out(session: Session, token: str, opted_out: bool = True) -> Contact:
    """The person's own opt-out (or back in), from the stop link of an older message."""
    return _choose(session, by_legacy_link(session, token), opted_out)


def set_opt_out(session: Session, person_id: str, opted_out: bool) -> Contact:
    """The coordinator records that a person wants no more messages (or wants them again)."""
    contact = session.get(Contact, str(person_id))
    if contact is None or contact.erased_at is not None:
        raise NotFound("No contact details for this person.")
    return _choose(session, contact, opted_out)


def _choose(session: Session, contact: Contact, opted_out: bool) -> Contact:
    """Opting out also withdraws what was already queued (a reminder, a retry, a text held
    for the morning): "no more messages" starts now."""
    contact.opted_out_at = utcnow() if opted_out else None
    if opted_out:
        deliveries.withdraw_all(session, contact.person_id, "the person opted out of messages")
    return contact


def of(session: Session, person_id) -> Contact:
    contact = session.get(Contact, str(person_id))
    if contact is None:
        raise ContactUnknown(f"no contact details for person {person_id} yet")
    return contact


def first_names(session: Session, person_ids) -> dict[str, str]:
    """{person id: first name} of the people among `person_ids` we may still name (an erased
    contact has none): the name an email is addressed to, beside the address."""
    ids = {str(i) for i in person_ids if i}
    found = select(Contact.person_id, Contact.first_name).where(
        Contact.person_id.in_(ids), Contact.erased_at.is_(None), Contact.first_name.is_not(None))
    return {str(person_id): name for person_id, name in session.execute(found)} if ids else {}


def forget(session: Session, person_id) -> None:
    """Erasure: keep of the contact only that it was erased (so messages about the person are
    skipped, not held), and of each message only that it was sent and how; the subjects of
    the messages their partner got about the same events no longer name them."""
    known = session.get(Contact, str(person_id))
    if known is not None and known.first_name:
        _unname_in_partners_messages(session, str(person_id), known.first_name)
    session.merge(Contact(person_id=str(person_id), **{key: None for key in FIELDS}, role=None,
                          legacy_stop_hash=None, erased_at=utcnow(), updated_at=utcnow()))
    session.execute(update(Delivery).where(Delivery.person_id == str(person_id)).values(
        recipient=None, subject=None, body_text=None, body_html=None, calendar=None,
        last_error=None))
    deliveries.withdraw_all(session, person_id, "the person's data was erased")


def _unname_in_partners_messages(session: Session, person_id: str, first_name: str) -> None:
    """A pair's messages (proposal, introduction, duo) name the partner in their subject."""
    events = select(func.split_part(Delivery.idempotency_key, ":", 1)).where(
        Delivery.person_id == person_id)
    session.execute(update(Delivery).where(
        func.split_part(Delivery.idempotency_key, ":", 1).in_(events),
        Delivery.person_id != person_id, Delivery.subject.contains(first_name, autoescape=True))
        .values(subject=func.replace(Delivery.subject, first_name, "…")))
