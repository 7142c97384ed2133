"""Corrections to a person's profile and contact details, and telling the services that keep
a copy (matching keeps the profile, notifications the contact details)."""
from marshmallow import ValidationError
from sqlalchemy.orm import Session

from services.intake.applications import PROFILE_KEYS
from services.intake.models import Person
from services.shared.errors import InvalidInput
from services.shared.outbox import record_event
from services.shared.wire.profile import check_role

CONTACT_KEYS = ("email", "phone", "channel", "language")


def correct_profile(session: Session, person: Person, data: dict) -> bool:
    """Apply the profile answers given in `data` (others stay; an empty answer clears one);
    True when something changed."""
    changes = {key: data[key] for key in PROFILE_KEYS if key in data}
    merged = {**person.profile, **changes}
    if changes.get("preferences"):
        merged["preferences"] = {**person.profile.get("preferences", {}), **changes["preferences"]}
    merged = {key: value for key, value in merged.items() if value not in (None, [], {})}
    try:
        check_role(merged, person.role)
    except ValidationError as exc:
        raise InvalidInput(exc.messages) from None
    if merged == person.profile:
        return False
    person.profile = merged
    record_event(session, "person_profile_updated",
                 {"person_id": person.id, "role": person.role, "profile": merged},
                 subject_id=person.id)
    return True


def correct_contact(session: Session, person: Person, contact: dict) -> bool:
    """Apply corrected contact details; True when something changed."""
    changed = {key: contact[key] for key in CONTACT_KEYS if key in contact
               and contact[key] != getattr(person, key)}
    if not changed:
        return False
    for key, value in changed.items():
        setattr(person, key, value)
    if not person.email and not person.phone:
        raise InvalidInput({"contact": ["Keep an email address or a phone number."]})
    if person.channel == "email" and not person.email:
        person.channel = "sms"
    announce_contact(session, person)
    return True


def announce_contact(session: Session, person: Person):
    record_event(session, "person_contact_updated", {
        "person_id": person.id, "first_name": person.first_name, "email": person.email,
        "phone": person.phone, "language": person.language, "channel": person.channel},
        subject_id=person.id)
