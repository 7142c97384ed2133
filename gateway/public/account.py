"""A buddy's password: the first one, set with the link from their invitation, and a new one
when it was forgotten ("Forgot your password?" on the sign-in page sends a link by email).
A link that can no longer be used says so when it is opened, with a way to ask for a new one;
once the password is set, the person is signed in and lands on their own page."""
from flask import Blueprint, current_app, redirect, render_template, request

from gateway import remote
from gateway.auth import sign_in
from gateway.forms import problems, service_problems
from gateway.limits import limiter, password_resets_per_address
from gateway.portal.signin import home
from services.shared.errors import Conflict, Gone, InvalidInput, NotFound
from services.shared.wire.accounts import ResetRequest

bp = Blueprint("account", __name__)
SETUP, RESET = "account_setup", "password_reset"


@bp.route("/account/setup/<token>", methods=["GET", "POST"])
def setup(token):
    return _choose_password(token, SETUP)


@bp.route("/account/reset/<token>", methods=["GET", "POST"])
def reset(token):
    return _choose_password(token, RESET)


@bp.route("/account/forgot", methods=["GET", "POST"])
@limiter.limit(password_resets_per_address, methods=["POST"])
def forgot():
    """Always the same answer once the address is well formed: nobody learns who has an account."""
    if request.method == "GET":
        return render_template("public/account_forgot.html", errors={}, posted={})
    asked = {"email": request.form.get("email", "").strip()}
    errors = problems(ResetRequest(), asked)  # checked here first: a flood of nonsense costs intake nothing
    if not errors:
        try:
            remote.call("intake", "request_password_reset", asked)
        except InvalidInput as exc:
            errors = service_problems(exc)
    if errors:
        return render_template("public/account_forgot.html", errors=errors, posted=asked), 422
    return render_template("public/account_forgot.html", errors={}, posted={}, sent=True)


def _choose_password(token: str, purpose: str):
    page = {"purpose": purpose, "errors": {}}
    if request.method == "GET":
        try:  # a link that can no longer be used says so at once, not after a password
            remote.call("intake", "check_invitation", token, purpose)
        except (NotFound, Conflict, Gone) as exc:
            return render_template("public/account_setup.html", **page, problem=exc.message), 410
        return render_template("public/account_setup.html", **page)
    password, again = request.form.get("password", ""), request.form.get("password_again", "")
    if password != again:
        return render_template("public/account_setup.html", **{**page, "errors": {
            "password_again": ["The two passwords are not the same."]}}), 422
    try:
        ready = remote.call("intake", "accept_invitation", token, {"password": password}, purpose,
                            current_app.config["PERMANENT_SESSION_LIFETIME"] / 3600)
    except InvalidInput as exc:
        return render_template("public/account_setup.html", **{**page, "errors": service_problems(exc)}), 422
    except (NotFound, Conflict, Gone) as exc:
        return render_template("public/account_setup.html", **page, problem=exc.message), 410
    sign_in(ready["session"])  # the person who just chose a password is not asked for it again
    return redirect(home(ready["session"], "/me"), 303)
