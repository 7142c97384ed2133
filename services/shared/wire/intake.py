"""Events produced by the intake service."""
from marshmallow import Schema, fields, validate

from services.shared.contracts import Contract
from services.shared.wire.common import DECISIONS, language, role


class ApplicationReceived(Schema):
    """Someone applied through the digital counter; the contact fields are what the
    confirmation message needs, the status link lets them follow their application."""

    application_id = fields.UUID(required=True)
    person_id = fields.UUID(required=True)
    role = role()
    first_name = fields.String(required=True)
    language = language()
    email = fields.Email(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, load_default=None)
    status_url = fields.Url(required=True, require_tld=False)
    submitted_at = fields.AwareDateTime(required=True)


class PersonScreened(Schema):
    """The coordinator's screening decision, with what matching needs to know of the person."""

    person_id = fields.UUID(required=True)
    application_id = fields.UUID(required=True)
    role = role()
    decision = fields.String(required=True, validate=validate.OneOf(DECISIONS))
    decided_at = fields.AwareDateTime(required=True)
    first_name = fields.String(required=True)
    last_name = fields.String(required=True)
    language = language()


CONTRACTS = [
    Contract("application_received", "intake", ApplicationReceived,
             "someone applied through the digital counter",
             consumers=("notifications.confirm_application",)),
    Contract("participant_screened", "intake", PersonScreened,
             "screening decision on a participant",
             consumers=("matching.pool_screened_participant",)),
    Contract("buddy_screened", "intake", PersonScreened,
             "screening decision on a buddy",
             consumers=("matching.pool_screened_buddy",)),
]
