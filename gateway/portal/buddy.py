"""A buddy's own page: where they stand (applied, approved, proposed, introduction planned,
in a duo, duo ended), their introduction meeting, how to reach the coordinator, and their
availability and interests to keep up to date."""
import functools

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import remote
from gateway.auth import portal_account
from gateway.buddy_journey import journey
from gateway.public.application_form import as_form

bp = Blueprint("buddy", __name__)


def buddy_page(view):
    """Signed-in buddies only; others are sent to the sign-in page."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        account = portal_account()
        if account is None:
            return redirect(url_for("portal_auth.login", next=request.path))
        if account["role"] != "buddy":  # a coordinator has no /me: their portal, not a loop
            return redirect(url_for("portal.dashboard"))
        g.account = account
        return view(*args, **kwargs)
    return guarded


@bp.route("/me", methods=["GET", "POST"])
@buddy_page
def me():
    if request.method == "POST":
        remote.call("intake", "update_own_profile", {
            "availability": request.form.getlist("availability"),
            "interests": request.form.getlist("interests")})
        flash(_("Thank you: your profile is up to date."))
        return redirect(url_for(".me"))
    mine = remote.call("intake", "get_own_profile")
    mine_only = {"person_id": mine["person_id"]}
    duos, proposals = remote.call("matching", "list_duos", mine_only), remote.call("matching", "list_proposals", mine_only)
    where = journey(mine.get("application_status"), duos, proposals)
    names = remote.call("intake", "names_of", [where.partner_id]) if where.partner_id else {}
    return render_template("portal/me.html", mine=mine, posted=as_form(mine["profile"]), errors={},
                           journey=where, partner=names.get(where.partner_id, {}).get("first_name"),
                           coordinator=coordinator_contact())


def coordinator_contact() -> dict:
    """The programme's coordinator as the configuration names them (name, phone, email)."""
    platform = current_app.config["PLATFORM"]
    return {key: platform.get(f"COORDINATOR_{key.upper()}") or "" for key in ("name", "phone", "email")}
