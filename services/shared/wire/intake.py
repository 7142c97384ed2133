"""Events produced by the intake service."""
from marshmallow import Schema, fields, validate

from services.shared.contracts import Contract
from services.shared.wire.common import language, role
from services.shared.wire.profile import Profile
from services.shared.wire.vocabulary import CHANNELS, DECISIONS, MODES

# the profile as matching receives it: what it matches on, not why someone came to Belgium
MATCHED = Profile(exclude=("background",))


class ApplicationReceived(Schema):
    """Someone applied through the digital counter; the contact fields are what the
    confirmation message needs. Version 2 carries no status link: notifications asks intake
    for a fresh one when it sends the confirmation (intake/links.py)."""

    application_id = fields.UUID(required=True)
    person_id = fields.UUID(required=True)
    role = role()
    first_name = fields.String(required=True)
    language = language()
    email = fields.Email(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, load_default=None)
    channel = fields.String(load_default="email", validate=validate.OneOf(CHANNELS))
    submitted_at = fields.AwareDateTime(required=True)


class InterviewEvent(Schema):
    """An intake interview planned, moved or called off: what the invitation needs."""

    interview_id = fields.UUID(required=True)
    application_id = fields.UUID(required=True)
    person_id = fields.UUID(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    mode = fields.String(required=True, validate=validate.OneOf(MODES))
    location = fields.String(required=True)
    sequence = fields.Integer(required=True)
    reason = fields.String(allow_none=True, load_default=None)


class IntakeCompleted(Schema):
    application_id = fields.UUID(required=True)
    person_id = fields.UUID(required=True)
    completed_at = fields.AwareDateTime(required=True)


class PersonScreened(Schema):
    """The screening decision; an approved person's profile (what matching needs, no name,
    no contact details), and the feedback for the applicant."""

    person_id = fields.UUID(required=True)
    application_id = fields.UUID(required=True)
    role = role()
    decision = fields.String(required=True, validate=validate.OneOf(DECISIONS))
    decided_at = fields.AwareDateTime(required=True)
    feedback = fields.String(allow_none=True, load_default=None)
    profile = fields.Nested(MATCHED, allow_none=True, load_default=None)


class ProfileUpdated(Schema):
    person_id = fields.UUID(required=True)
    role = role()
    profile = fields.Nested(MATCHED, required=True)


class ContactUpdated(Schema):
    person_id = fields.UUID(required=True)
    first_name = fields.String(required=True)
    email = fields.Email(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, load_default=None)
    language = language()
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))


class BuddyInvited(Schema):
    """An approved buddy was invited to set a password (single use, expires). Version 2
    names the invitation instead of carrying its link, which is minted when the message
    goes out (intake/links.py)."""

    person_id = fields.UUID(required=True)
    invitation_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)


class PasswordResetRequested(Schema):
    """A buddy asked for a link to choose a new password (single use, two hours). Names the
    reset; its link is minted when the message goes out (intake/links.py)."""

    person_id = fields.UUID(required=True)
    reset_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)


class PersonErased(Schema):
    person_id = fields.UUID(required=True)
    erased_at = fields.AwareDateTime(required=True)


CONTRACTS = [
    Contract("application_received", "intake", ApplicationReceived,
             "someone applied through the digital counter", version=2,
             consumers=("notifications.confirm_application",), subject="person"),
    Contract("intake_scheduled", "intake", InterviewEvent, "an intake interview was planned",
             consumers=("notifications.invite_to_intake",), subject="person"),
    Contract("intake_rescheduled", "intake", InterviewEvent, "an intake interview was moved",
             consumers=("notifications.move_intake",), subject="person"),
    Contract("intake_cancelled", "intake", InterviewEvent, "an intake interview was called off",
             consumers=("notifications.cancel_intake",), subject="person"),
    Contract("intake_completed", "intake", IntakeCompleted,
             "an intake interview was held and recorded (notifications notes its revision)",
             consumers=("notifications.note_intake_completed",), subject="person"),
    Contract("participant_screened", "intake", PersonScreened, "screening decision on a participant",
             version=2, consumers=("matching.pool_screened_participant",
                                   "notifications.tell_participant_decision"), subject="person"),
    Contract("buddy_screened", "intake", PersonScreened, "screening decision on a buddy",
             version=2, consumers=("matching.pool_screened_buddy", "notifications.tell_buddy_decision"), subject="person"),
    Contract("person_profile_updated", "intake", ProfileUpdated,
             "a person's profile changed after the form (intake, or the buddy themselves)",
             consumers=("matching.update_candidate_profile", "notifications.note_profile_updated"),
             subject="person"),
    Contract("person_contact_updated", "intake", ContactUpdated, "a person's contact details changed",
             consumers=("notifications.update_contact",), subject="person"),
    Contract("buddy_invited", "intake", BuddyInvited, "an approved buddy was invited to an account",
             version=2, consumers=("notifications.send_buddy_invitation",), subject="person"),
    Contract("password_reset_requested", "intake", PasswordResetRequested,
             "a buddy asked for a link to choose a new password",
             consumers=("notifications.send_password_reset",), subject="person"),
    Contract("person_erased", "intake", PersonErased,
             "a person's data must be erased everywhere, on their request",
             consumers=("matching.forget_person", "notifications.forget_person"), subject="person"),
]
