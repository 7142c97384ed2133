"""A personal status page, opened from the link in the confirmation message (no password),
in the applicant's language with the Dutch text beside it."""
from flask import Blueprint, render_template, request
from flask_babel import force_locale, get_locale
from markupsafe import Markup

from gateway import remote
from gateway.i18n import PUBLIC_LANGUAGES, chosen_language

bp = Blueprint("status", __name__)


@bp.route("/status/<token>")
def show(token):
    status = remote.call("intake", "get_application_status", token)
    language = chosen_language() or (status["language"] if status["language"] in PUBLIC_LANGUAGES
                                     else str(get_locale()))
    steps = _steps_in(language, status)
    dutch = _steps_in("nl", status) if language != "nl" else None
    with force_locale(language):
        return render_template("public/status.html", status=status, steps=steps, dutch=dutch,
                               just_applied=request.args.get("new") == "1", page_language=language)


def _steps_in(language: str, status: dict) -> Markup:
    """The steps of the application in one language, as HTML for the page to embed."""
    with force_locale(language):
        return Markup(render_template("public/_status_steps.html", status=status))
