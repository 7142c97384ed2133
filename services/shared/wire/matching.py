"""What the matching service takes and gives (RPC and API)."""
from marshmallow import Schema, fields, validate

from services.shared.wire.common import ROLES


class CandidateFilter(Schema):
    role = fields.String(validate=validate.OneOf(ROLES))


class CandidateView(Schema):
    """Someone in the pool, waiting for a match."""

    person_id = fields.UUID()
    role = fields.String()
    first_name = fields.String()
    last_name = fields.String()
    language = fields.String()
    status = fields.String()
    waiting_since = fields.AwareDateTime()
