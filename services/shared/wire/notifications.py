"""What the notifications service takes and gives (RPC and API)."""
from marshmallow import Schema, fields, validate

from services.shared.contracts import Contract


STATUSES = ("pending", "sent", "failed", "skipped", "superseded")
CHANNELS = ("email", "sms", "none")  # none: logged as skipped, nothing could be sent


class DeliveryFilter(Schema):
    person_id = fields.UUID()
    status = fields.String(validate=validate.OneOf(STATUSES))
    channel = fields.String(validate=validate.OneOf(CHANNELS))
    template = fields.String(validate=validate.Regexp(r"^[a-z_]{1,60}$"))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


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
    next_attempt_at = fields.AwareDateTime(metadata={"description": "when it goes (out): later for a reminder or after quiet hours"})
    sent_at = fields.AwareDateTime(allow_none=True)
    sms_encoding = fields.String(allow_none=True, metadata={"description": "a text message's alphabet: GSM-7, or UCS-2 (70 characters a segment)"})
    sms_segments = fields.Integer(allow_none=True, metadata={"description": "how many paid parts a text message went as"})


class SummaryFilter(Schema):
    channel = fields.String(validate=validate.OneOf(CHANNELS))


class DeliverySummary(Schema):
    """How many deliveries there are of each status, and when the next waiting one goes out."""

    pending = fields.Integer()
    sent = fields.Integer()
    failed = fields.Integer(metadata={"description": "given up on: reach these people another way"})
    skipped = fields.Integer()
    superseded = fields.Integer()
    next_pending_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "when the next waiting message goes out (quiet hours, a retry, a reminder)"})


class OptOutInput(Schema):
    opted_out = fields.Boolean(required=True)


class PreviewView(Schema):
    template = fields.String()
    language = fields.String()
    subject = fields.String()
    text = fields.String()
    html = fields.String()
    sms = fields.String()
    content_language = fields.String()


class DeliveryOutcome(Schema):
    """A message handed over (delivered) or given up on (failed): ids and facts, no content."""

    delivery_id = fields.UUID(required=True)
    person_id = fields.UUID(required=True)
    template = fields.String(required=True)
    channel = fields.String(required=True, validate=validate.OneOf(("email", "sms")))
    attempts = fields.Integer(required=True)
    at = fields.AwareDateTime(required=True)
    error = fields.String(allow_none=True, load_default=None)


CONTRACTS = [
    Contract("notification_delivered", "notifications", DeliveryOutcome,
             "a message was handed to the SMTP server or SMS provider (no consumer yet)", subject="delivery"),
    Contract("notification_failed", "notifications", DeliveryOutcome,
             "a message could not be delivered, for good: the coordinator should reach the person "
             "another way (no consumer yet)", subject="delivery"),
]
