"""A person's rights in the portal: export, erasure (confirmed first), a new buddy
invitation; and the audit log."""
import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import people, remote
from gateway.auth import coordinator_page
from gateway.forms import unconfirmed
from gateway.marking import N_
from services.shared.errors import Conflict

bp = Blueprint("portal_people", __name__, url_prefix="/portal")
ERASE_UNCONFIRMED = N_("Tick the box to confirm: the erasure cannot be undone.")


@bp.route("/people/<person_id>/export")
@coordinator_page
def export(person_id):
    body = json.dumps(people.export(person_id), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="samenoppad-{person_id}.json"'})


@bp.route("/people/<person_id>/erase", methods=["GET", "POST"])
@coordinator_page
def erase(person_id):
    """Erasure cannot be undone: the box must be ticked (checked here, not only by the browser)."""
    errors = unconfirmed(ERASE_UNCONFIRMED) if request.method == "POST" else {}
    if request.method == "GET" or errors:
        exported = remote.call("intake", "names_of", [person_id])
        return render_template("portal/erase.html", person_id=person_id,
                               name=exported.get(person_id), errors=errors), 422 if errors else 200
    people.erase(person_id)
    flash(_("The person's data is erased here, and every service has been asked to erase it."))
    return redirect(url_for("portal_applications.inbox"))


@bp.route("/people/<person_id>/invitation", methods=["POST"])
@coordinator_page
def invite(person_id):
    try:
        remote.call("intake", "reinvite_buddy", person_id)
        flash(_("A new invitation is on its way; earlier links no longer work."))
    except Conflict as exc:
        flash(_(exc.message), "error")
    return redirect(request.form.get("back") or url_for("portal_applications.inbox"))


@bp.route("/audit")
@coordinator_page
def audit():
    person_id = request.args.get("person_id") or None
    entries = remote.call("intake", "list_audit", person_id)
    names = remote.call("intake", "names_of", sorted({e["person_id"] for e in entries if e["person_id"]}))
    return render_template("portal/audit.html", entries=entries, names=names, person_id=person_id)
