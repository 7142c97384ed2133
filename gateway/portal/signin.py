"""Signing in and out of the portal."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import remote
from gateway.auth import portal_account, safe_next, sign_in, sign_out
from services.shared.errors import InvalidInput, NotAuthenticated, TooManyAttempts
from services.shared.wire.accounts import WRONG_CREDENTIALS

bp = Blueprint("portal_auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = safe_next(request.values.get("next"), url_for("portal.dashboard"))
    if request.method == "GET":
        if portal_account():
            return redirect(home(portal_account(), target))
        return render_template("portal/login.html", next=target)
    credentials = {"email": request.form.get("email", ""), "password": request.form.get("password", "")}
    try:
        account = remote.call("intake", "start_session", credentials, request.remote_addr,
                              current_app.config["PERMANENT_SESSION_LIFETIME"] / 3600)
    except (NotAuthenticated, TooManyAttempts, InvalidInput) as exc:
        message = WRONG_CREDENTIALS if isinstance(exc, InvalidInput) else exc.message
        return render_template("portal/login.html", next=target, error=_(message),
                               email=credentials["email"]), exc_status(exc)
    sign_in(account)
    return redirect(home(account, target))


def home(account: dict, target: str) -> str:
    """Where someone goes after signing in: buddies to their own page, a coordinator to
    `target` (their portal when that is a buddy's page)."""
    if account["role"] == "buddy" and not target.startswith("/me"):
        return url_for("buddy.me")
    if account["role"] != "buddy" and target.startswith("/me"):
        return url_for("portal.dashboard")
    return target


@bp.route("/logout", methods=["POST"])
def logout():
    sign_out()
    flash(_("You are signed out."))
    return redirect(url_for("portal_auth.login"))


def exc_status(exc) -> int:
    return 429 if isinstance(exc, TooManyAttempts) else 401
