"""What the matching service takes and gives (RPC and API)."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.shared.wire.common import LongText, Text
from services.shared.wire.vocabulary import ROLES

CRITERIA = ("interests", "availability", "distance", "roles", "age", "waiting")
SIDES = ("buddy", "participant")
ANSWERS = ("yes", "no")
END_REASONS = ("completed", "moved_away", "no_contact", "no_click", "personal_reasons",
               "referred_to_care", "other")


class CandidateFilter(Schema):
    role = fields.String(validate=validate.OneOf(ROLES))
    status = fields.String(load_default="waiting",
                           validate=validate.OneOf(("waiting", "proposed", "in_duo", "all")))


class CandidateView(Schema):
    """Someone in the pool, waiting for a match (matching knows no names: see `name`)."""

    person_id = fields.UUID()
    role = fields.String()
    status = fields.String()
    waiting_since = fields.AwareDateTime()
    waiting_days = fields.Integer()
    capacity = fields.Integer()
    room = fields.Integer()
    profile = fields.Dict()


class CapacityInput(Schema):
    capacity = fields.Integer(required=True, validate=validate.Range(min=0, max=5), metadata={
        "description": "how many duos the buddy takes on at once (0: none for now)"})


class SuggestionQuery(Schema):
    person_id = fields.UUID(required=True)
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))


class Criterion(Schema):
    """One criterion's share of a score: its weight times how well the pair fits (0–1)."""

    name = fields.String(metadata={"enum": list(CRITERIA)})
    contribution = fields.Float()
    value = fields.Float()
    weight = fields.Float()
    facts = fields.Dict(metadata={"description": "what the detail is made of (codes, counts, km)"})
    detail = fields.String(metadata={"description": "the criterion in a few words"})


class Suggestion(Schema):
    person_id = fields.UUID()
    role = fields.String()
    score = fields.Float()
    criteria = fields.List(fields.Nested(Criterion))
    languages = fields.List(fields.String(), metadata={"description": "languages both can use"})
    explanation = fields.String()


class Exclusion(Schema):
    person_id = fields.UUID()
    role = fields.String()
    constraints = fields.List(fields.String(), metadata={"description": "every constraint that excludes the pair"})
    explanation = fields.String()


class Suggestions(Schema):
    person_id = fields.UUID()
    role = fields.String()
    capacity = fields.Integer()
    room = fields.Integer()
    proposable = fields.Boolean(metadata={
        "description": "false while the person cannot be proposed (a participant in an open proposal "
                       "or a duo, a buddy with no room)"})
    suggestions = fields.List(fields.Nested(Suggestion))
    excluded = fields.List(fields.Nested(Exclusion))


class PairInput(Schema):
    buddy_id = fields.UUID(required=True)
    participant_id = fields.UUID(required=True)


class DraftInput(Schema):
    """Re-run the whole-pool proposal, keeping some pairs and ruling others out."""

    locked = fields.List(fields.Nested(PairInput), load_default=list, validate=validate.Length(max=2000))
    forbidden = fields.List(fields.Nested(PairInput), load_default=list, validate=validate.Length(max=10000))


class DraftPair(Schema):
    buddy_id = fields.UUID()
    participant_id = fields.UUID()
    score = fields.Float()
    locked = fields.Boolean()


class Draft(Schema):
    pairs = fields.List(fields.Nested(DraftPair))
    total_score = fields.Float()
    unmatched_buddies = fields.List(fields.UUID())
    unmatched_participants = fields.List(fields.UUID())


class ProposeInput(PairInput):
    reason = LongText(max_length=1000, load_default=None, allow_none=True, metadata={
        "description": "why this pair and not the top suggestion (asked when it is not the top one)"})
    from_draft = fields.Boolean(load_default=False, metadata={
        "description": "the pair was accepted from the whole-pool proposal"})


class IntroductionInput(Schema):
    starts_at = fields.AwareDateTime(required=True, metadata={"example": "2026-12-10T14:00:00+01:00"})
    duration_minutes = fields.Integer(load_default=60, validate=validate.Range(min=15, max=240))
    location = Text(max_length=300, required=True, metadata={"example": "Huis van de Wereld, Sint-Truiden"})


class AnswerInput(Schema):
    side = fields.String(required=True, validate=validate.OneOf(SIDES))
    answer = fields.String(required=True, validate=validate.OneOf(ANSWERS))
    reason = LongText(max_length=1000, load_default=None, allow_none=True)

    @validates_schema
    def reason_for_no(self, data, **kwargs):
        if data.get("answer") == "no" and not data.get("reason"):
            raise ValidationError("Say why, so the next proposal can do better.", "reason")


class ProposalView(Schema):
    id = fields.UUID()
    buddy_id = fields.UUID(allow_none=True)
    participant_id = fields.UUID(allow_none=True)
    score = fields.Float()
    criteria = fields.List(fields.Dict())
    choice_reason = fields.String(allow_none=True)
    status = fields.String()
    buddy_answer = fields.String(allow_none=True)
    participant_answer = fields.String(allow_none=True)
    declined_by = fields.String(allow_none=True)
    decline_reason = fields.String(allow_none=True)
    introduction_starts_at = fields.AwareDateTime(allow_none=True)
    introduction_ends_at = fields.AwareDateTime(allow_none=True)
    introduction_location = fields.String(allow_none=True)
    proposed_at = fields.AwareDateTime()
    decided_at = fields.AwareDateTime(allow_none=True)
    duo_id = fields.UUID(allow_none=True)


class ProposalFilter(Schema):
    status = fields.String(validate=validate.OneOf(("open", "proposed", "introduction_planned",
                                                    "accepted", "declined")))
    person_id = fields.UUID()


class DuoView(Schema):
    id = fields.UUID()
    proposal_id = fields.UUID()
    buddy_id = fields.UUID(allow_none=True)
    participant_id = fields.UUID(allow_none=True)
    status = fields.String()
    started_on = fields.Date()
    planned_end_on = fields.Date()
    ended_on = fields.Date(allow_none=True)
    end_reason = fields.String(allow_none=True)
    history = fields.List(fields.Dict())


class DuoFilter(Schema):
    status = fields.String(validate=validate.OneOf(("active", "paused", "ended", "live")))
    person_id = fields.UUID()


class ExtendInput(Schema):
    planned_end_on = fields.Date(required=True)


class PauseInput(Schema):
    reason = LongText(max_length=1000, load_default=None, allow_none=True)


class EndInput(Schema):
    reason = fields.String(required=True, validate=validate.OneOf(END_REASONS))
    note = LongText(max_length=1000, load_default=None, allow_none=True)


class WeightsInput(Schema):
    """The weight of each criterion (0–100) and the furthest distance in km."""

    weights = fields.Dict(keys=fields.String(validate=validate.OneOf(CRITERIA)),
                          values=fields.Float(validate=validate.Range(min=0, max=100)), load_default=dict)
    max_km = fields.Float(load_default=None, allow_none=True, validate=validate.Range(min=0.5, max=50))


class WeightsView(Schema):
    weights = fields.Dict(keys=fields.String(), values=fields.Float())
    max_km = fields.Float()
    defaults = fields.Dict()
