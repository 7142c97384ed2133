"""A buddy's own page: keep availability and interests up to date."""
import functools

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import remote
from gateway.auth import portal_account
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
    duos = remote.call("matching", "list_duos", {"person_id": mine["person_id"], "status": "live"})
    proposals = remote.call("matching", "list_proposals", {"person_id": mine["person_id"], "status": "open"})
    partners = [x["participant_id"] for x in [*duos, *proposals] if x["participant_id"]]
    names = remote.call("intake", "names_of", partners) if partners else {}
    return render_template("portal/me.html", mine=mine, posted=as_form(mine["profile"]), errors={},
                           duos=duos, proposals=proposals, names=names)
