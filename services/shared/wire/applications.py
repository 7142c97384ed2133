"""What the intake service takes and gives for applications and screening (RPC and API)."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.shared.wire.common import DECISIONS, ROLES, Language, LongText, Phone, Text


class ApplicationSubmission(Schema):
    """An application through the digital counter (the public form or the API)."""

    role = fields.String(required=True, validate=validate.OneOf(ROLES),
                         metadata={"description": "buddy or participant"})
    first_name = Text(max_length=100, required=True)
    last_name = Text(max_length=100, required=True)
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))
    phone = Phone(load_default=None, allow_none=True)
    language = Language(required=True)
    consent = fields.Boolean(required=True, validate=validate.Equal(
        True, error="Agree to the privacy notice to apply."))

    @validates_schema
    def reachable(self, data, **kwargs):
        if not data.get("email") and not data.get("phone"):
            message = "Give an email address or a phone number, so we can reach you."
            raise ValidationError({"email": [message], "phone": [message]})


class ApplicationCreated(Schema):
    application_id = fields.UUID(required=True)
    person_id = fields.UUID(required=True)
    status_url = fields.Url(required=True, require_tld=False)


class ScreeningInput(Schema):
    """The coordinator's decision on an application."""

    decision = fields.String(required=True, validate=validate.OneOf(DECISIONS))
    reason = LongText(max_length=2000, required=True)


class DecisionView(Schema):
    decision = fields.String()
    reason = fields.String()
    decided_by = fields.UUID(allow_none=True)
    decided_at = fields.AwareDateTime()


class ApplicationView(Schema):
    """An application as the coordinator sees it."""

    application_id = fields.UUID(attribute="id", data_key="application_id")
    person_id = fields.UUID()
    role = fields.String()
    status = fields.String(metadata={"description": "received, approved, rejected or waitlisted"})
    first_name = fields.String(attribute="person.first_name")
    last_name = fields.String(attribute="person.last_name")
    email = fields.String(attribute="person.email", allow_none=True)
    phone = fields.String(attribute="person.phone", allow_none=True)
    language = fields.String(attribute="person.language")
    submitted_at = fields.AwareDateTime()
    decided_at = fields.AwareDateTime(allow_none=True)
    decisions = fields.List(fields.Nested(DecisionView), dump_default=list)


class ApplicationFilter(Schema):
    """Filters for the application inbox."""

    role = fields.String(validate=validate.OneOf(ROLES))
    status = fields.String(validate=validate.OneOf(("received", *DECISIONS)))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


class ApplicationStatus(Schema):
    """What the applicant sees on their status page: nothing more than their own progress."""

    role = fields.String()
    status = fields.String()
    first_name = fields.String(attribute="person.first_name")
    language = fields.String(attribute="person.language")
    submitted_at = fields.AwareDateTime()
    decided_at = fields.AwareDateTime(allow_none=True)
