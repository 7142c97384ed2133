"""A personal status page, opened from the link in the confirmation message (no password),
in the applicant's language with the Dutch text beside it: the whole story so far — the
intake interview, the match and its introduction meeting, the duo — and how to reach the
coordinator, with a link to the privacy notice they consented to (that version's text)."""
import logging

from flask import Blueprint, g, render_template, request
from flask_babel import force_locale, get_locale
from markupsafe import Markup

from gateway import credentials, remote
from gateway.i18n import PUBLIC_LANGUAGES, chosen_language
from gateway.public import privacy
from gateway.rpc import BrokerUnavailable, ServiceUnavailable
from services.shared.errors import Unavailable

bp = Blueprint("status", __name__)
log = logging.getLogger(__name__)


@bp.route("/status/<token>")
def show(token):
    status = remote.call("intake", "get_application_status", token)
    language = chosen_language() or (status["language"] if status["language"] in PUBLIC_LANGUAGES
                                     else str(get_locale()))
    story = {**_match_of(status), "coordinator": privacy.coordinator()}
    steps = _steps_in(language, status, story)
    dutch = _steps_in("nl", status, story) if language != "nl" else None
    with force_locale(language):
        return render_template("public/status.html", status=status, steps=steps, dutch=dutch,
                               just_applied=request.args.get("new") == "1", page_language=language,
                               privacy_link=privacy.link(status.get("consent_version"), language))


def _match_of(status: dict) -> dict:
    """{"match": matching's OwnMatchView or None, "partner": their first name or ""}, asked as
    the link's holder, who may read their own match and nothing else. With matching or intake
    not answering, the page still shows the rest (the match without its details)."""
    if not status.get("match_state"):
        return {"match": None, "partner": ""}
    g.actor = credentials.link_holder(status["person_id"])
    try:
        match = remote.call("matching", "get_own_match", status["person_id"])
        partner_id = match and match["partner_id"]
        names = remote.call("intake", "names_of", [partner_id]) if partner_id else {}
    except (ServiceUnavailable, BrokerUnavailable, Unavailable) as exc:
        log.warning("status page without the match's details: %s", exc)
        return {"match": None, "partner": ""}
    return {"match": match, "partner": (names.get(partner_id) or {}).get("first_name", "")}


def _steps_in(language: str, status: dict, story: dict) -> Markup:
    """The steps of the application in one language, as HTML for the page to embed."""
    with force_locale(language):
        return Markup(render_template("public/_status_steps.html", status=status, **story))
