"""The digital counter: apply as a buddy or as a participant, in your own language."""
import logging
import re

from flask import Blueprint, redirect, render_template, request

from flask_babel import get_locale

from gateway import remote
from gateway.public import privacy
from gateway.forms import problems, request_key, service_problems
from gateway.limits import APPLICATIONS, applications_per_address, limiter
from gateway.public.application_form import LANGUAGE_ROWS, field_errors, language_options, submission
from services.shared.errors import InvalidInput
from services.shared.wire.applications import ApplicationSubmission
from services.shared.wire.vocabulary import ROLES

bp = Blueprint("apply", __name__)
log = logging.getLogger(__name__)
HONEYPOT = "website"  # hidden from people; a bot fills it in


@bp.route("/apply", methods=["GET"])
def form():
    role = request.args.get("role")
    if role not in ROLES:
        return render_template("public/apply_choose.html")
    return _page(role, {}, request_key(None, ""))


@bp.route("/apply", methods=["POST"])
@limiter.shared_limit(applications_per_address, scope=APPLICATIONS, methods=["POST"])
def submit():
    role, key = request.form.get("role"), _form_key()
    if role not in ROLES:
        return redirect("/apply", 303)
    if request.form.get(HONEYPOT):
        log.info("application refused: the hidden field was filled in")
        return redirect("/apply/received", 303)
    data = submission(request.form, role)
    errors = field_errors(problems(ApplicationSubmission(), data))
    if not errors:
        try:
            created = remote.call("intake", "submit_application", data, key)
            return redirect(_status_path(created["status_url"]) + "?new=1", 303)
        except InvalidInput as exc:
            errors = field_errors(service_problems(exc))
    return _page(role, errors, key), 422


@bp.route("/apply/received")
def received():
    return render_template("public/apply_received.html")


def _page(role, errors, key):
    version = privacy.current_version()  # the one intake records with the consent
    return render_template("public/apply.html", role=role, posted=request.form, errors=errors,
                           key=key, spoken=language_options(), rows=range(1, LANGUAGE_ROWS + 1),
                           privacy_version=version, privacy_link=privacy.link(version, str(get_locale())))


def _form_key() -> str:
    given = request.form.get("submission_key", "")
    return given if re.fullmatch(r"[0-9a-f-]{36}", given) else request_key(None, "")


def _status_path(status_url: str) -> str:
    """The path of the status page (the full URL may name the public host, not this one)."""
    return "/status/" + status_url.rstrip("/").rsplit("/", 1)[-1]
