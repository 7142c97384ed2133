"""The intake interview in the portal: plan, move, cancel, record; read the private notes."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import appointments, remote
from gateway.auth import coordinator_page
from gateway.forms import problems, service_problems
from gateway.portal.applications import page
from gateway.public.application_form import field_errors, submission
from services.shared.dates import local_input
from services.shared.errors import Conflict, InvalidInput
from services.shared.wire.applications import IntakeRecordInput
from services.shared.wire.interviews import InterviewInput
from services.shared.wire.profile import ProfileFields

bp = Blueprint("portal_intake", __name__, url_prefix="/portal/applications")
TEXTS = ("expectations", "needs", "motivation", "notes")
CONTACT = ("email", "phone", "channel", "language")


@bp.route("/<application_id>/intake", methods=["POST"])
@coordinator_page
def plan(application_id):
    method = "cancel_intake" if request.form.get("action") == "cancel" else (
        "reschedule_intake" if request.form.get("action") == "move" else "schedule_intake")
    data = {"reason": request.form.get("reason") or None} if method == "cancel_intake" else _interview()
    errors = {} if method == "cancel_intake" else problems(InterviewInput(), data)
    if not errors:
        try:
            interview = remote.call("intake", method, application_id, data)
            flash(_("Done; the applicant is told, with a calendar invitation."))
            if method != "cancel_intake":
                appointments.after_interview(interview)
            return redirect(url_for("portal_applications.show", application_id=application_id))
        except (InvalidInput, Conflict) as exc:
            errors = service_problems(exc) if isinstance(exc, InvalidInput) else {"starts_at": [exc.message]}
    return page(application_id, interview=(request.form, errors)), 422


@bp.route("/<application_id>/intake/record", methods=["POST"])
@coordinator_page
def record(application_id):
    data = _record(request.form.get("role", ""))
    errors = field_errors(problems(IntakeRecordInput(partial=True), data))
    if not errors:
        try:
            remote.call("intake", "record_intake", application_id, data)
            flash(_("The intake is recorded."))
            return redirect(url_for("portal_applications.show", application_id=application_id))
        except InvalidInput as exc:
            errors = field_errors(service_problems(exc))
    return page(application_id, record=(request.form, errors)), 422


@bp.route("/<application_id>/intake/notes")
@coordinator_page
def notes(application_id):
    read = remote.call("intake", "read_intake_notes", application_id)
    application = remote.call("intake", "get_application", application_id)
    return render_template("portal/notes.html", notes=read, application=application)


def _interview() -> dict:
    data = {key: request.form.get(key, "").strip() for key in ("duration_minutes", "mode", "location")}
    data = {key: value for key, value in data.items() if value}
    try:
        data["starts_at"] = local_input(request.form.get("starts_at", "")).isoformat()
    except ValueError:
        data["starts_at"] = "not a moment"  # the schema says what it needs
    return data


def _record(role: str) -> dict:
    """The record form as the contract's fields: texts, the whole profile (an empty answer
    clears one), and any corrected contact details."""
    answers = submission(request.form, role)
    data = {key: answers.get(key) for key in ProfileFields().fields if key in answers}
    data.update({key: request.form[key].strip() for key in TEXTS if request.form.get(key, "").strip()})
    data["contact"] = {key: request.form[key].strip() for key in CONTACT
                       if request.form.get(key, "").strip()}
    return data
