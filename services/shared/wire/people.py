"""Finding a person, and a person as the coordinator sees them (intake's part; the gateway
adds what matching and notifications hold)."""
from marshmallow import Schema, ValidationError, fields, validate

from services.shared.wire.application_views import ApplicationView
from services.shared.wire.common import visible
from services.shared.wire.vocabulary import ROLES

MOST_RESULTS = 20
QUERY_KINDS = ("name", "email", "phone")


TOO_SHORT = "Type at least two letters or digits of a name, an e-mail address or a phone number."
TOO_FEW_DIGITS = "Type at least four digits of a phone number."


def _long_enough(typed: str) -> None:
    """Two letters or digits at least: one finds half the city, and nobody is helped. Digits
    alone are part of a phone number, which needs four to be told apart ("470", "+32": every
    mobile number in Belgium)."""
    shown = visible(typed)
    if sum(character.isalnum() for character in shown) < 2:
        raise ValidationError(TOO_SHORT)
    if not any(c.isalpha() for c in shown) and sum(c.isdigit() for c in shown) < 4:
        raise ValidationError(TOO_FEW_DIGITS)


class PeopleQuery(Schema):
    """What the coordinator typed: part of a name (first, last or both, in either order), an
    e-mail address (or its beginning), or a phone number written any way."""

    q = fields.String(required=True, validate=[validate.Length(max=200), _long_enough], metadata={
        "example": "0470 12 34 56",
        "description": "a name (case and accents ignored), an e-mail address (case ignored) or a "
                       "phone number in any digits, local or international"})
    limit = fields.Integer(load_default=MOST_RESULTS, validate=validate.Range(min=1, max=MOST_RESULTS))


class PersonMatch(Schema):
    """One person found, with what tells people of the same name apart."""

    person_id = fields.UUID()
    first_name = fields.String()
    last_name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True, metadata={"description": "E.164"})
    role = fields.String(metadata={"enum": list(ROLES)})
    applied_at = fields.AwareDateTime(allow_none=True, metadata={"description": "their first application"})
    status = fields.String(allow_none=True, metadata={"description": "their latest application's status"})


class PeopleFound(Schema):
    """The people found, best known first (by last and first name), at most `limit` of them."""

    kind = fields.String(metadata={"enum": list(QUERY_KINDS),
                                   "description": "what the query was taken for"})
    total = fields.Integer(metadata={"description": "how many match, beyond those listed too"})
    people = fields.List(fields.Nested(PersonMatch))


class PersonView(Schema):
    """A person as intake knows them: contact details and every application, with its intake
    interviews, screening decisions and what the intake found (never the private notes)."""

    person_id = fields.UUID()
    role = fields.String(metadata={"enum": list(ROLES)})
    first_name = fields.String()
    last_name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    language = fields.String()
    channel = fields.String()
    created_at = fields.AwareDateTime()
    applications = fields.List(fields.Nested(ApplicationView), metadata={"description": "oldest first"})
