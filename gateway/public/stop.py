"""Opting out of messages, from the link at the end of every message, in the person's language."""
from flask import Blueprint, render_template, request
from flask_babel import force_locale

from gateway import remote
from gateway.i18n import PUBLIC_LANGUAGES, chosen_language

bp = Blueprint("stop", __name__)


@bp.route("/stop/<token>", methods=["GET", "POST"])
def choose(token):
    if request.method == "POST":
        state = remote.call("notifications", "opt_out", token, request.form.get("choice") != "resume")
    else:
        state = remote.call("notifications", "opt_out_status", token)
    language = chosen_language() or (state["language"] if state["language"] in PUBLIC_LANGUAGES else "nl")
    with force_locale(language):
        return render_template("public/stop.html", state=state, page_language=language,
                               done=request.method == "POST")
