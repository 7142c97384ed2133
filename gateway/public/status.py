"""A personal status page, opened from the link in the confirmation message (no password)."""
from flask import Blueprint, render_template, request
from flask_babel import force_locale

from gateway import remote
from gateway.i18n import PORTAL_LANGUAGES, chosen_language

bp = Blueprint("status", __name__)


@bp.route("/status/<token>")
def show(token):
    status = remote.call("intake", "get_application_status", token)
    language = chosen_language() or (status["language"] if status["language"] in PORTAL_LANGUAGES
                                     else "en")
    with force_locale(language):
        return render_template("public/status.html", status=status, token=token,
                               just_applied=request.args.get("new") == "1", page_language=language)
