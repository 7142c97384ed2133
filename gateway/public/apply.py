"""The digital counter: apply as a buddy or as a participant."""
import re

from babel import Locale
from flask import Blueprint, redirect, render_template, request

from gateway import remote
from gateway.forms import problems, request_key, service_problems, submitted
from services.shared.errors import InvalidInput
from services.shared.wire.applications import ApplicationSubmission

bp = Blueprint("apply", __name__)
FIELDS = ("role", "first_name", "last_name", "email", "phone", "language")
# languages most asked for in the programme, then the rest alphabetically by code
COMMON_LANGUAGES = ("nl", "en", "fr", "ar", "uk", "ti", "fa", "ps", "so", "ru", "tr", "es")


def language_choices() -> list[tuple[str, str]]:
    """(code, name in that language) for the language list of the form."""
    return [(code, Locale.parse(code).display_name.capitalize()) for code in COMMON_LANGUAGES]


@bp.route("/apply", methods=["GET"])
def form():
    # one key per form shown: a double click, or a resend after a timeout, applies once
    return render_template("public/apply.html", form={"role": request.args.get("role")},
                           errors={}, languages=language_choices(), key=request_key(None, ""))


@bp.route("/apply", methods=["POST"])
def submit():
    form = submitted(FIELDS, checkboxes=("consent",))
    key = _form_key()
    errors = problems(ApplicationSubmission(), form)
    if not errors:
        try:
            created = remote.call("intake", "submit_application", form, key)
            return redirect(_status_path(created["status_url"]) + "?new=1", 303)
        except InvalidInput as exc:
            errors = service_problems(exc)
    return render_template("public/apply.html", form=form, errors=errors,
                           languages=language_choices(), key=key), 422


def _form_key() -> str:
    given = request.form.get("submission_key", "")
    return given if re.fullmatch(r"[0-9a-f-]{36}", given) else request_key(None, "")


def _status_path(status_url: str) -> str:
    """The path of the status page (the full URL may name the public host, not this one)."""
    return "/status/" + status_url.rstrip("/").rsplit("/", 1)[-1]
