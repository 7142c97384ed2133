"""API tokens: a coordinator exchanges their e-mail address and password for one, lists their
own with their last use, and revokes one (from the next request, on every gateway)."""
from flask import request
from flask_smorest import Blueprint

from gateway import credentials, remote
from gateway.api import BEARER, edge_input, respond
from gateway.api.paging import page, page_of, paged_query
from gateway.auth import coordinator_api
from services.shared.wire.accounts import TokenIssued, TokenRequest
from services.shared.wire.credentials import CredentialView

blp = Blueprint("tokens", __name__, url_prefix="/api/v1/tokens",
                description="Bearer tokens for API clients")


@blp.route("", methods=["POST"])
@blp.arguments(TokenRequest)
@blp.response(201, TokenIssued)
@blp.alt_response(401, description="Wrong e-mail address or password")
@blp.alt_response(403, description="The account is a buddy's: buddies use the portal")
@blp.alt_response(429, description="Too many failed attempts; see Retry-After")
def issue(_credentials):
    """Get a bearer token (valid for 12 hours; shown once), with a label and, for least
    privilege, only the scopes named (all of the coordinator's when none are)."""
    issued = remote.call("intake", "issue_token", edge_input(), request.remote_addr)
    return respond({"id": issued["id"], "token": credentials.sign(issued),
                    "expires_at": issued["expires_at"], "scopes": issued["scopes"]}, 201)


@blp.route("", methods=["GET"])
@blp.arguments(paged_query(), location="query")
@blp.response(200, page_of(CredentialView))
@blp.doc(security=BEARER)
@coordinator_api
def listed(query):
    """Your working tokens and portal sessions, newest first, with their last use (noted at
    most once a minute)."""
    return respond(page(remote.call("intake", "list_credentials"), query))


@blp.route("/<credential_id>", methods=["DELETE"])
@blp.response(204)
@blp.alt_response(404, description="No such token of yours")
@blp.doc(security=BEARER)
@coordinator_api
def revoke(credential_id):
    """Revoke one of your tokens or sessions: refused from the next request on."""
    remote.call("intake", "revoke_credential", credential_id)
    return "", 204
