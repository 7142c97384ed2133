"""What the notifications service takes and gives (RPC and API)."""
from marshmallow import Schema, fields, validate


class DeliveryFilter(Schema):
    person_id = fields.UUID()
    status = fields.String(validate=validate.OneOf(("pending", "sent", "failed", "skipped")))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))


class DeliveryView(Schema):
    """One entry of the delivery log (never the message body)."""

    id = fields.UUID()
    person_id = fields.UUID(allow_none=True)
    channel = fields.String()
    recipient = fields.String(allow_none=True)
    template = fields.String()
    language = fields.String()
    subject = fields.String(allow_none=True)
    status = fields.String()
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    sent_at = fields.AwareDateTime(allow_none=True)
