"""The privacy notice (GDPR art. 13): what the city does with an applicant's data, in the
reader's language with the Dutch text beside it, in the version they consented to.

Each version is a folder of templates, one per language (templates/public/privacy/<version>/
<lang>.html): a new text is a new folder and a new PRIVACY_NOTICE_VERSION, and the old one
stays readable at /privacy/<old version> for those who agreed to it. Facts that change
without a new text (the retention periods, the controller's and coordinator's contact) come
from the configuration, so the notice always says what the platform really does."""
import re

from babel.units import format_unit
from flask import Blueprint, abort, current_app, render_template, url_for
from flask_babel import get_locale
from jinja2 import TemplateNotFound

bp = Blueprint("privacy", __name__)
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,31}")
RETENTION = ("REJECTED_RETENTION_DAYS", "ENDED_DUO_RETENTION_DAYS", "EXPIRED_LINK_RETENTION_DAYS",
             "SIGN_IN_ATTEMPT_RETENTION_DAYS")
CONTACT = ("PRIVACY_CONTROLLER", "PRIVACY_CONTROLLER_ADDRESS", "PRIVACY_DPO_EMAIL")
COORDINATOR = ("COORDINATOR_NAME", "COORDINATOR_PHONE", "COORDINATOR_EMAIL")


def current_version() -> str:
    return str(current_app.config["PLATFORM"]["PRIVACY_NOTICE_VERSION"])


def link(version: str | None = None, language: str | None = None) -> str:
    """The notice's address on this site: `version` (the one a person agreed to), else the current one."""
    return url_for("privacy.notice", version=version or current_version(), lang=language)


@bp.route("/privacy")
def current():
    return notice(current_version())


@bp.route("/privacy/<version>")
def notice(version):
    """The notice of `version` in the page's language (?lang=, the cookie, the browser's),
    with the Dutch text beside it; 404 for a version that never existed."""
    language = str(get_locale())
    if not VERSION.fullmatch(version):
        abort(404)
    facts = facts_from(current_app.config["PLATFORM"])
    try:
        return render_template("public/privacy.html", version=version, current=current_version(),
                               content=f"public/privacy/{version}/{language}.html",
                               dutch=f"public/privacy/{version}/nl.html" if language != "nl" else None,
                               facts=facts, coordinator=coordinator())
    except TemplateNotFound:
        abort(404)


@bp.app_template_filter("days")
def days(count: int, language: str) -> str:
    """"365 days" in `language`, with its plural rules (1 день, 2 дні, 365 днів): each
    notice template names its own language, as its Dutch copy is shown on the same page."""
    return format_unit(count, "duration-day", locale=language, length="long")


def facts_from(platform: dict) -> dict:
    """What the notice states from the configuration: retention periods in days (ints) and
    the controller's and data protection officer's contact ("" when unset)."""
    days = {name.lower(): int(platform.get(name) or 0) for name in RETENTION}
    return {**days, **{name.lower(): str(platform.get(name) or "") for name in CONTACT}}


def coordinator() -> dict:
    """{"name", "phone", "email"} of the programme's coordinator from the configuration ("" when
    unset): the notice's and the status page's contact (templates/public/_coordinator.html)."""
    platform = current_app.config["PLATFORM"]
    return {name.removeprefix("COORDINATOR_").lower(): str(platform.get(name) or "") for name in COORDINATOR}
