"""Accounts: the coordinator sees who can sign in, and closes an account (every session and
token of it ends at once; never one's own, never the last active coordinator)."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from gateway import remote
from gateway.api import BEARER, respond
from gateway.api.paging import page, page_of, paged_query
from gateway.auth import coordinator_api
from services.shared.wire.accounts import AccountView

blp = Blueprint("accounts", __name__, url_prefix="/api/v1/accounts", description="Accounts")


class AccountListed(AccountView):
    active = fields.Boolean()


class Deactivated(Schema):
    id = fields.UUID()
    active = fields.Boolean()
    ended = fields.Integer(metadata={"description": "how many sessions and tokens ended"})


@blp.route("", methods=["GET"])
@blp.arguments(paged_query(), location="query")
@blp.response(200, page_of(AccountListed))
@blp.doc(security=BEARER)
@coordinator_api
def accounts(query):
    """Every account, coordinators first."""
    return respond(page(remote.call("intake", "list_accounts"), query))


@blp.route("/<account_id>/deactivate", methods=["POST"])
@blp.response(200, Deactivated)
@blp.alt_response(404, description="No such account")
@blp.alt_response(409, description="Your own account, or the last active coordinator")
@blp.doc(security=BEARER)
@coordinator_api
def deactivate(account_id):
    """Close an account: it cannot sign in any more, and its sessions and tokens end now."""
    ended = remote.call("intake", "deactivate_account", account_id)
    return respond({"id": account_id, "active": False, "ended": len(ended)})
