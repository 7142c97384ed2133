"""For the operator: the platform's health and the parked messages, with replay."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from gateway import operations
from gateway.auth import coordinator_page
from services.shared.errors import Conflict, NotFound

bp = Blueprint("portal_operations", __name__, url_prefix="/portal/operations")


@bp.route("")
@coordinator_page
def overview():
    health, answers = operations.platform_health()
    return render_template("portal/operations.html", health=health, answers=answers,
                           **operations.all_parked())


@bp.route("/parked/<service>/<int:parked_id>/replay", methods=["POST"])
@coordinator_page
def replay(service, parked_id):
    try:
        operations.replay(service, parked_id)
        flash(_("Message %(id)s of %(service)s was put back in its queue.", id=parked_id,
                service=service))
    except (Conflict, NotFound) as exc:
        flash(exc.message, "error")
    return redirect(url_for(".overview"))
