"""Matching's events: a pair proposed, introduced, declined; a duo formed, changed, ended.
They carry ids and dates, never names or the reasons people gave."""
from marshmallow import Schema, fields, validate

from services.shared.contracts import Contract
from services.shared.wire.matching import END_REASONS, SIDES


class Pair(Schema):
    buddy_id = fields.UUID(required=True)
    participant_id = fields.UUID(required=True)


class MatchProposed(Pair):
    proposal_id = fields.UUID(required=True)
    proposed_at = fields.AwareDateTime(required=True)


class IntroductionScheduled(Pair):
    """The introduction meeting (kennismaking), planned or moved: what the invitation needs."""

    proposal_id = fields.UUID(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    location = fields.String(required=True)
    sequence = fields.Integer(required=True)


class MatchDeclined(Pair):
    """A no: both are back in the pool. When an introduction was planned, when and where, so
    notifications can withdraw its reminders and cancel its calendar entry."""

    proposal_id = fields.UUID(required=True)
    declined_by = fields.String(required=True, validate=validate.OneOf((*SIDES, "coordinator")))
    declined_at = fields.AwareDateTime(required=True)
    introduction_starts_at = fields.AwareDateTime(load_default=None, allow_none=True)
    introduction_ends_at = fields.AwareDateTime(load_default=None, allow_none=True)
    introduction_location = fields.String(load_default=None, allow_none=True)
    introduction_sequence = fields.Integer(load_default=None, allow_none=True)


class DuoFormed(Pair):
    duo_id = fields.UUID(required=True)
    proposal_id = fields.UUID(required=True)
    started_on = fields.Date(required=True)
    planned_end_on = fields.Date(required=True)


class DuoChanged(Pair):
    """Paused, resumed or extended: follow-up plans its check-ins by it."""

    duo_id = fields.UUID(required=True)
    proposal_id = fields.UUID(load_default=None)  # the subject: a duo continues its proposal
    status = fields.String(required=True, validate=validate.OneOf(("active", "paused")))
    planned_end_on = fields.Date(required=True)
    changed_at = fields.AwareDateTime(required=True)


class DuoEnded(Pair):
    duo_id = fields.UUID(required=True)
    proposal_id = fields.UUID(load_default=None)  # the subject: a duo continues its proposal
    reason = fields.String(required=True, validate=validate.OneOf((*END_REASONS, "erased")))
    ended_on = fields.Date(required=True)


CONTRACTS = [
    Contract("match_proposed", "matching", MatchProposed, "the coordinator proposed a duo",
             consumers=("notifications.tell_match_proposed", "intake.note_match_proposed"), subject="duo"),
    Contract("introduction_scheduled", "matching", IntroductionScheduled,
             "the introduction meeting (kennismaking) was planned or moved",
             consumers=("notifications.invite_to_introduction",), subject="duo"),
    Contract("match_declined", "matching", MatchDeclined,
             "a side (or the coordinator for them) said no; both are back in the pool",
             consumers=("notifications.tell_match_declined", "intake.note_match_declined"), subject="duo"),
    Contract("duo_formed", "matching", DuoFormed, "both said yes: the trajectory starts",
             consumers=("notifications.tell_duo_formed", "intake.note_duo_formed"), subject="duo"),
    Contract("duo_changed", "matching", DuoChanged,
             "a duo was paused, resumed or extended (notifications notes its revision)",
             consumers=("notifications.note_duo_changed",), subject="duo"),
    Contract("duo_ended", "matching", DuoEnded, "a trajectory ended, with its reason code",
             consumers=("notifications.tell_duo_ended", "intake.note_duo_ended"), subject="duo"),
]
