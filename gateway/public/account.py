"""An approved buddy sets their password with the link from their invitation."""
from flask import Blueprint, render_template, request

from gateway import remote
from gateway.forms import service_problems
from services.shared.errors import Conflict, Gone, InvalidInput, NotFound

bp = Blueprint("account", __name__)


@bp.route("/account/setup/<token>", methods=["GET", "POST"])
def setup(token):
    if request.method == "GET":
        try:  # a link that can no longer be used says so at once, not after a password
            remote.call("intake", "check_invitation", token)
        except (NotFound, Conflict, Gone) as exc:
            return render_template("public/account_setup.html", errors={}, problem=exc.message), 410
        return render_template("public/account_setup.html", errors={})
    password, again = request.form.get("password", ""), request.form.get("password_again", "")
    if password != again:
        return render_template("public/account_setup.html", errors={
            "password_again": ["The two passwords are not the same."]}), 422
    try:
        account = remote.call("intake", "accept_invitation", token, {"password": password})
    except InvalidInput as exc:
        return render_template("public/account_setup.html", errors=service_problems(exc)), 422
    except (NotFound, Conflict, Gone) as exc:
        return render_template("public/account_setup.html", errors={}, problem=exc.message), 410
    return render_template("public/account_ready.html", ready=account)  # not `account`: that is who is signed in
