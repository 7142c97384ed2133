"""A coordinator's own appointments (intake interviews, introduction meetings) in a window of
time, so that planning one can warn about another at the same time (RPC)."""
from marshmallow import Schema, ValidationError, fields, validates_schema


class AppointmentWindow(Schema):
    """From `starts_at` until `ends_at` (exclusive): an appointment overlaps it when it begins
    before the end and ends after the start."""

    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)

    @validates_schema
    def ends_after_it_starts(self, data, **kwargs):
        if data["ends_at"] <= data["starts_at"]:
            raise ValidationError("The end comes after the start.", "ends_at")


class AppointmentView(Schema):
    kind = fields.String(metadata={"description": "intake_interview or introduction"})
    id = fields.UUID(metadata={"description": "the interview's, or the introduction's proposal"})
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    person_ids = fields.List(fields.UUID(), metadata={
        "description": "the applicant; or the buddy and the participant"})
    names = fields.Dict(metadata={
        "description": "{person_id: {first_name, last_name}} where the service keeps names (intake)"})
