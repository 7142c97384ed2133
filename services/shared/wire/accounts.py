"""Sign-in and tokens (RPC and API)."""
from marshmallow import Schema, fields, validate

from services.shared.wire.common import Text
from services.shared.wire.credentials import ROLE_SCOPES

# said alike for a wrong address, a wrong password or no account at all
WRONG_CREDENTIALS = "The e-mail address or the password is not right."


class Credentials(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1000),
                             load_only=True)


class ResetRequest(Schema):
    """A forgotten password: the account's e-mail address, to send a link to."""

    email = fields.Email(required=True, validate=validate.Length(max=254))


class TokenRequest(Credentials):
    """Signing in for an API token: what to call it, and (least privilege) which of the
    coordinator's scopes it may use — all of them when none are named."""
    label = Text(max_length=100, metadata={"description": "what the token is for, shown in its listing"})
    scopes = fields.List(fields.String(validate=validate.OneOf(ROLE_SCOPES["coordinator"])),
                         validate=validate.Length(min=1),
                         metadata={"description": "a subset of the coordinator's scopes (area:action)"})


class TokenIssued(Schema):
    id = fields.UUID(required=True, metadata={"description": "to list or revoke it"})
    token = fields.String(required=True, metadata={"description": "send as Authorization: Bearer"})
    expires_at = fields.AwareDateTime(required=True)
    scopes = fields.List(fields.String(), required=True)


class AccountView(Schema):
    id = fields.UUID()
    email = fields.String()
    role = fields.String()
    display_name = fields.String()
