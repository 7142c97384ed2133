"""Inputs for the intake interview, and for a buddy's own account (RPC and API)."""
from marshmallow import Schema, fields, validate

from services.shared.wire.common import LongText, Text
from services.shared.wire.profile import choices
from services.shared.wire import vocabulary as v


class InterviewInput(Schema):
    """When and where (or how) the intake interview takes place."""

    starts_at = fields.AwareDateTime(required=True, metadata={"example": "2026-12-03T10:00:00+01:00"})
    duration_minutes = fields.Integer(load_default=60, validate=validate.Range(min=15, max=240))
    mode = fields.String(load_default="in_person", validate=validate.OneOf(v.MODES))
    location = Text(max_length=300, required=True, metadata={
        "description": "an address (Huis van de Wereld, …), the number we call, or a video link"})


class CancelInput(Schema):
    reason = LongText(max_length=1000, load_default=None, allow_none=True)


class PasswordInput(Schema):
    password = fields.String(required=True, load_only=True, validate=validate.Length(
        min=12, max=1000, error="Use at least 12 characters."))


class OwnProfileInput(Schema):
    """What a buddy keeps up to date themselves."""

    availability = choices(v.SLOTS)
    interests = choices(v.INTERESTS)


class OwnProfileView(Schema):
    person_id = fields.UUID(attribute="id")
    first_name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    language = fields.String()
    profile = fields.Dict()
