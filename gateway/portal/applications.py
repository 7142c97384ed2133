"""The application inbox and the screening decision."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import remote
from gateway.auth import coordinator_page
from gateway.forms import problems, service_problems, submitted
from services.shared.errors import Conflict, InvalidInput
from services.shared.wire.applications import ApplicationFilter, ScreeningInput

bp = Blueprint("portal_applications", __name__, url_prefix="/portal/applications")


@bp.route("")
@coordinator_page
def inbox():
    filters = {k: v for k, v in request.args.items() if k in ("role", "status") and v}
    if problems(ApplicationFilter(), filters):
        filters = {}
    found = remote.call("intake", "list_applications", filters)
    return render_template("portal/applications.html", applications=found, filters=filters)


@bp.route("/<application_id>")
@coordinator_page
def show(application_id):
    application = remote.call("intake", "get_application", application_id)
    return render_template("portal/application.html", application=application, errors={}, form={})


@bp.route("/<application_id>/screening", methods=["POST"])
@coordinator_page
def screen(application_id):
    form = submitted(("decision", "reason"))
    errors = problems(ScreeningInput(), form)
    if not errors:
        try:
            remote.call("intake", "record_screening", application_id, form, g.account["id"])
            flash(_("The decision is recorded."))
            return redirect(url_for(".show", application_id=application_id))
        except InvalidInput as exc:
            errors = service_problems(exc)
        except Conflict as exc:
            errors = {"decision": [exc.message]}
    application = remote.call("intake", "get_application", application_id)
    return render_template("portal/application.html", application=application, errors=errors,
                           form=form), 422
