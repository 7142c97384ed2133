"""Who can sign in: the coordinator closes a colleague's or a buddy's account (after saying
what that does), and sees and ends their own sessions and API tokens."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import remote
from gateway.auth import coordinator_page
from gateway.marking import N_
from services.shared.errors import Conflict, Forbidden, NotFound

bp = Blueprint("portal_accounts", __name__, url_prefix="/portal/accounts")
# what intake says that reaches this page, for the catalogue
SAID = [N_("You cannot deactivate your own account; ask another coordinator."),
        N_("This is the last active coordinator: the platform would have no one left."),
        N_("Only an active coordinator closes an account."), N_("There is no such account."),
        N_("There is no such token of yours.")]


@bp.route("")
@coordinator_page
def overview():
    accounts, mine = remote.call_together(("intake", "list_accounts"), ("intake", "list_credentials"))
    return render_template("portal/accounts.html", accounts=accounts, mine=mine, me=g.account["id"])


@bp.route("/<account_id>/deactivate", methods=["POST"])
@coordinator_page
def deactivate(account_id):
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm: the account is closed at once."), "error")
        return redirect(url_for(".overview"))
    try:
        remote.call("intake", "deactivate_account", account_id)
        flash(_("The account is closed: it cannot sign in, and its sessions and tokens have ended."))
    except (Conflict, Forbidden, NotFound) as exc:
        flash(_(exc.message), "error")
    return redirect(url_for(".overview"))


@bp.route("/mine/<credential_id>/revoke", methods=["POST"])
@coordinator_page
def revoke(credential_id):
    try:
        remote.call("intake", "revoke_credential", credential_id)
        flash(_("Ended: it no longer works anywhere."))
    except NotFound as exc:
        flash(_(exc.message), "error")
    return redirect(url_for(".overview"))
