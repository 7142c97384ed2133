"""Opting out of messages, from the link at the end of every message, in the person's language.

The link is intake's (a `stop` link: intake.open_link says whose it is); links in messages
sent before intake minted every link are notifications' own, and still work."""
from flask import Blueprint, g, render_template, request
from flask_babel import force_locale

from gateway import credentials, remote
from gateway.i18n import PUBLIC_LANGUAGES, chosen_language
from services.shared.errors import NotFound

bp = Blueprint("stop", __name__)


@bp.route("/stop/<token>", methods=["GET", "POST"])
def choose(token):
    wants = request.form.get("choice") != "resume" if request.method == "POST" else None
    try:
        holder = remote.call("intake", "open_link", token, "stop")
    except NotFound:
        state = _legacy(token, wants)
    else:
        state = _choose(holder, wants)
    language = chosen_language() or (state["language"] if state["language"] in PUBLIC_LANGUAGES else "nl")
    with force_locale(language):
        return render_template("public/stop.html", state=state, page_language=language,
                               done=request.method == "POST")


def _choose(holder: dict, wants: bool | None) -> dict:
    person_id = holder["person_id"]
    g.actor = credentials.link_holder(person_id)  # their own choice, and nobody else's
    if wants is None:
        opted_out = remote.call("notifications", "get_opt_out", person_id)["opted_out"]
    else:
        opted_out = remote.call("notifications", "set_opt_out", person_id, {"opted_out": wants})["opted_out"]
    return {"language": holder["language"], "opted_out": opted_out}


def _legacy(token: str, wants: bool | None) -> dict:
    if wants is None:
        return remote.call("notifications", "opt_out_status", token)
    return remote.call("notifications", "opt_out", token, wants)
