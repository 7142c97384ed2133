"""What a service tells an operator about its parked messages: facts to find the cause and
replay, never the message's body or headers (they can hold personal data or secrets)."""
from marshmallow import Schema, fields


class ParkedView(Schema):
    """One parked message, minimal: which event, where it died, why, and how often it was tried."""

    id = fields.Integer(required=True)
    message_id = fields.String(required=True)
    event_type = fields.String(required=True)
    queue = fields.String(required=True)
    handler = fields.String(required=True, metadata={"description": "service.method that failed"})
    reason = fields.String(required=True, metadata={"description": "delivery_limit, rejected, …"})
    attempts = fields.Integer(required=True, allow_none=True,
                              metadata={"description": "tries by the handler (none recorded: null)"})
    last_error = fields.String(required=True, allow_none=True,
                               metadata={"description": "the handler's last error, without the message"})
    died_at = fields.String(required=True, metadata={"description": "ISO 8601"})
    parked_at = fields.String(required=True, metadata={"description": "ISO 8601"})
    replayed_at = fields.String(required=True, allow_none=True, metadata={"description": "ISO 8601"})
