"""What the intake service takes and gives for applications and screening (RPC and API)."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.shared.wire import vocabulary as v
from services.shared.wire.common import Language, LongText, Phone, Text, can_receive_texts
from services.shared.wire.profile import Profile, ProfileFields, check_role

STATUSES = (*v.OPEN_STATUSES, *v.DECISIONS)


class ApplicationSubmission(ProfileFields):
    """An application through the digital counter (the public form or the API). Only who and
    how to reach them is required; the rest of the profile can wait for the intake."""

    role = fields.String(required=True, validate=validate.OneOf(v.ROLES),
                         metadata={"description": "buddy or participant"})
    first_name = Text(max_length=100, required=True)
    last_name = Text(max_length=100, required=True)
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))
    phone = Phone(load_default=None, allow_none=True)
    channel = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(v.CHANNELS),
                            metadata={"description": "email or sms; by default email when given"})
    language = Language(required=True, metadata={"description": "the language we write in"})
    message = LongText(max_length=1000, load_default=None, allow_none=True)
    consent = fields.Boolean(required=True, validate=validate.Equal(
        True, error="Agree to the privacy notice to apply."))

    @validates_schema(skip_on_field_errors=False, pass_original=True)  # all problems at once
    def reachable(self, data, original, **kwargs):
        sent = original if isinstance(original, dict) else {}
        if not sent.get("email") and not sent.get("phone"):
            message = "Give an email address or a phone number, so we can reach you."
            raise ValidationError({"email": [message], "phone": [message]})
        if data.get("channel") == "email" and not data.get("email"):
            raise ValidationError("Give an email address to receive email.", "email")
        if data.get("channel") == "sms" and not data.get("phone"):
            raise ValidationError("Give a phone number to receive text messages.", "phone")
        if data.get("channel") == "sms" and not can_receive_texts(data["phone"]):
            raise ValidationError("This number cannot receive text messages: give a mobile number, "
                                  "or choose email.", "phone")

    @validates_schema(skip_on_field_errors=False)
    def fits_the_role(self, data, **kwargs):
        if data.get("role"):
            check_role(data, data["role"])


class ApplicationCreated(Schema):
    application_id = fields.UUID(required=True)
    person_id = fields.UUID(required=True)
    status_url = fields.Url(required=True, require_tld=False)


class ScreeningInput(Schema):
    """The coordinator's decision: the reason stays inside; the feedback goes to the applicant
    (a standard text in their language when left out)."""

    decision = fields.String(required=True, validate=validate.OneOf(v.DECISIONS))
    reason = LongText(max_length=2000, required=True)
    feedback = LongText(max_length=2000, load_default=None, allow_none=True)


class ContactFields(Schema):
    """Contact details the intake may correct."""

    email = fields.Email(validate=validate.Length(max=254), allow_none=True)
    phone = Phone(allow_none=True)
    channel = fields.String(validate=validate.OneOf(v.CHANNELS))
    language = Language()


class IntakeRecordInput(Profile):
    """What the intake interview found: the profile corrected (only what is given changes),
    contact details corrected, and the coordinator's texts. Notes are sensitive."""

    expectations = LongText(max_length=4000, load_default=None, allow_none=True)
    needs = LongText(max_length=4000, load_default=None, allow_none=True)
    motivation = LongText(max_length=4000, load_default=None, allow_none=True)
    notes = LongText(max_length=8000, load_default=None, allow_none=True,
                     metadata={"description": "sensitive: coordinators only, every read audited"})
    contact = fields.Nested(ContactFields, load_default=dict)


class ApplicationFilter(Schema):
    """Filters for the application inbox."""

    role = fields.String(validate=validate.OneOf(v.ROLES))
    status = fields.String(validate=validate.OneOf(("open", *STATUSES)), metadata={
        "description": "open: waiting for a first contact or a decision (received, intake_planned, "
                       "intake_held)"})
    language = Language()
    waiting = fields.String(validate=validate.OneOf(("overdue", "in_time")),
                            metadata={"description": "overdue: no first contact within the target"})
    duplicates = fields.Boolean(metadata={"description": "only applications flagged as duplicates"})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))
