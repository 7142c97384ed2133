"""Credentials: their kinds, the one scope vocabulary (`area:action`) and what each role may
hold. The gateway checks a credential's scopes; the services check the actor it sends them
(identity issue: partners' keys and buddies' own operations come next)."""
from enum import StrEnum

from marshmallow import Schema, fields


class Kind(StrEnum):
    COORDINATOR_SESSION = "coordinator_session"  # the portal, in a browser
    COORDINATOR_API_TOKEN = "coordinator_api_token"  # an API client, `Authorization: Bearer`
    BUDDY_SESSION = "buddy_session"  # a buddy in the portal
    PARTNER_KEY = "partner_key"  # a partner organisation's API key (to come)


SESSIONS = (Kind.COORDINATOR_SESSION, Kind.BUDDY_SESSION)

# every scope there is: area:action
SCOPES = (
    "applications:read", "applications:write", "screening:write", "intake:read", "intake:write",
    "notes:read", "people:read", "people:export", "people:erase", "matching:read", "matching:write",
    "duos:read", "duos:write", "notifications:read", "notifications:write", "operations:read",
    "operations:write", "tokens:manage", "accounts:manage", "own:read", "own:write",
)
# what a credential of each role holds: a coordinator everything, a buddy their own data only
ROLE_SCOPES = {
    "coordinator": tuple(scope for scope in SCOPES if not scope.startswith("own:")),
    "buddy": ("own:read", "own:write"),
}


class CredentialView(Schema):
    """A credential as its owner sees it listed (never the token itself)."""

    id = fields.UUID()
    kind = fields.String()
    label = fields.String(allow_none=True)
    scopes = fields.List(fields.String())
    created_at = fields.AwareDateTime()
    expires_at = fields.AwareDateTime()
    last_used_at = fields.AwareDateTime(allow_none=True)
    revoked_at = fields.AwareDateTime(allow_none=True)


class Issued(Schema):
    """A new credential, for the gateway to sign: whose, what it may do, until when."""

    id = fields.UUID()
    account_id = fields.UUID()
    kind = fields.String()
    role = fields.String()
    display_name = fields.String()
    email = fields.String()
    scopes = fields.List(fields.String())
    expires_at = fields.AwareDateTime()
    person_id = fields.UUID(allow_none=True)  # a buddy's own person (none for a coordinator)


class Revoked(Schema):
    """A credential that no longer works, and until when that needs saying (its expiry)."""

    id = fields.UUID()
    expires_at = fields.AwareDateTime()
