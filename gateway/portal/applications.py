"""The application inbox, an application's page, and the screening decision."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import remote
from gateway.auth import coordinator_page
from gateway.forms import problems, service_problems, submitted, unconfirmed
from gateway.marking import N_
from gateway.public.application_form import LANGUAGE_ROWS, as_form, language_options
from gateway.rpc import ServiceUnavailable
from services.shared.errors import Conflict, InvalidInput
from services.shared.wire.applications import ApplicationFilter, ScreeningInput

bp = Blueprint("portal_applications", __name__, url_prefix="/portal/applications")
FILTERS = ("role", "status", "language", "waiting", "duplicates")
PAGE_SIZE = 25  # rows a coordinator can take in at once; the rest is a click away
REJECT_UNCONFIRMED = N_("Tick the box to confirm: the applicant is told at once that they are not accepted.")


@bp.route("")
@coordinator_page
def inbox():
    """Opens on what needs action (open applications, oldest first); `status=all` shows every
    application, another status only those."""
    filters = {k: v for k, v in request.args.items() if k in FILTERS and v}
    filters.setdefault("status", "open")
    if problems(ApplicationFilter(), {k: v for k, v in filters.items() if v != "all"}):
        filters = {"status": "open"}
    page = min(max(1, request.args.get("page", 1, type=int)), 10_000)
    asked = {k: v for k, v in filters.items() if v != "all"}
    found = remote.call("intake", "list_applications",
                        {**asked, "limit": PAGE_SIZE + 1, "offset": (page - 1) * PAGE_SIZE})
    return render_template("portal/applications.html", applications=found[:PAGE_SIZE], filters=filters,
                           spoken=language_options(), page=page, more=len(found) > PAGE_SIZE)


@bp.route("/<application_id>")
@coordinator_page
def show(application_id):
    return page(application_id)


@bp.route("/<application_id>/screening", methods=["POST"])
@coordinator_page
def screen(application_id):
    form = submitted(("decision", "reason", "feedback"))
    errors = problems(ScreeningInput(), form)
    if form.get("decision") == "rejected":  # the applicant is told at once: ask first
        errors.update(unconfirmed(REJECT_UNCONFIRMED))
    if not errors:
        try:
            remote.call("intake", "record_screening", application_id, form)
            flash(_("The decision is recorded; the applicant is told."))
            return redirect(url_for(".show", application_id=application_id))
        except InvalidInput as exc:
            errors = service_problems(exc)
        except Conflict as exc:
            errors = {"decision": [exc.message]}
    return page(application_id, screening=(form, errors)), 422


def opt_out_of(person_id) -> dict | None:
    """Whether the person opted out of messages (None when notifications does not answer:
    the page is still worth showing)."""
    try:
        return remote.call("notifications", "get_opt_out", person_id)
    except ServiceUnavailable:
        return None


def page(application_id, screening=None, interview=None, record=None):
    """The application's page; a form that was sent with problems is shown with them."""
    application = remote.call("intake", "get_application", application_id)
    profile_form = as_form(application["profile"], {key: application[key] for key in (
        "email", "phone", "channel", "language")})
    return render_template(
        "portal/application.html", application=application, spoken=language_options(),
        opt_out=opt_out_of(application["person_id"]),
        rows=range(1, LANGUAGE_ROWS + 1), screening=screening or ({}, {}),
        interview=interview or ({}, {}), record=record or (profile_form, {}))
