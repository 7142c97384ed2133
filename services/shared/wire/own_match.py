"""A person's own match as matching gives it to them (their status page): who with, the
introduction and the duo, and nothing of how it was chosen (no scores, no reasons)."""
from marshmallow import Schema, fields


class OwnIntroduction(Schema):
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime(allow_none=True)
    location = fields.String(allow_none=True)


class OwnDuo(Schema):
    status = fields.String(metadata={"description": "active, paused or ended"})
    started_on = fields.Date()
    planned_end_on = fields.Date()
    ended_on = fields.Date(allow_none=True)


class OwnMatchView(Schema):
    """A person's own match, as their status page shows it (no scores, no reasons)."""

    partner_id = fields.UUID(allow_none=True, metadata={"description": "None once forgotten"})
    partner_role = fields.String()
    status = fields.String(metadata={"description": "proposed, introduction_planned or accepted"})
    introduction = fields.Nested(OwnIntroduction, allow_none=True)
    duo = fields.Nested(OwnDuo, allow_none=True)
