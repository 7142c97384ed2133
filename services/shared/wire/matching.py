"""What the matching service takes and gives (RPC and API)."""
from marshmallow import Schema, fields, validate

from services.shared.wire.vocabulary import ROLES


class CandidateFilter(Schema):
    role = fields.String(validate=validate.OneOf(ROLES))


class CandidateView(Schema):
    """Someone in the pool, waiting for a match (matching knows no names: see `name`)."""

    person_id = fields.UUID()
    role = fields.String()
    status = fields.String()
    waiting_since = fields.AwareDateTime()
    profile = fields.Dict()
