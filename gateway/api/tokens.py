"""POST /api/v1/tokens: exchange a coordinator's credentials for a bearer token."""
from flask import request
from flask_smorest import Blueprint

from gateway import remote
from gateway.api import edge_input, respond
from services.shared.wire.accounts import Credentials, TokenIssued

blp = Blueprint("tokens", __name__, url_prefix="/api/v1/tokens",
                description="Bearer tokens for API clients")


@blp.route("", methods=["POST"])
@blp.arguments(Credentials)
@blp.response(201, TokenIssued)
@blp.alt_response(401, description="Wrong e-mail address or password")
@blp.alt_response(429, description="Too many failed attempts; see Retry-After")
def issue(_credentials):
    """Get a bearer token (valid for 12 hours)."""
    return respond(remote.call("intake", "issue_token", edge_input(), request.remote_addr), 201)
