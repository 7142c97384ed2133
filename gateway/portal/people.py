"""People in the portal: found from the search box on every page and seen whole; their
rights: export, erasure (confirmed first), a new buddy invitation; and the audit log."""
import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import people, remote
from gateway.auth import coordinator_page
from gateway.forms import unconfirmed
from gateway.marking import N_
from gateway.portal.matching import names_for
from services.shared.errors import Conflict, InvalidInput

bp = Blueprint("portal_people", __name__, url_prefix="/portal")
ERASE_UNCONFIRMED = N_("Tick the box to confirm: the erasure cannot be undone.")
SEARCH_REFUSALS = [N_("Type at least two letters or digits of a name, an e-mail address or a phone number."),
                   N_("Type at least four digits of a phone number.")]


@bp.route("/search")
@coordinator_page
def search():
    """The search box's results; a single match opens that person's page at once."""
    if "q" not in request.args:
        return render_template("portal/search.html", q="", found=None, problem=None)
    typed = request.args["q"]
    try:
        found = people.find({"q": typed})
    except InvalidInput as exc:  # intake's reason (too short; too few digits), translated
        problem = _((exc.errors.get("q") or [SEARCH_REFUSALS[0]])[0])
        return render_template("portal/search.html", q=typed, found=None, problem=problem), 422
    if found["total"] == 1:
        return redirect(url_for(".person", person_id=found["people"][0]["person_id"]))
    return render_template("portal/search.html", q=typed, found=found, problem=None)


@bp.route("/people/<person_id>")
@coordinator_page
def person(person_id):
    """Everything the platform holds about a person, each part from the service that owns it."""
    held = people.record(person_id, sparing=True)
    pairs = [*(held["proposals"] or []), *(held["duos"] or [])]  # None: matching did not answer
    names = names_for(*[[x["buddy_id"], x["participant_id"]] for x in pairs])
    return render_template("portal/person.html", names=names, **held)


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
    entries, accounts = remote.call_together(("intake", "list_audit", person_id),
                                             ("intake", "list_accounts"))
    names = remote.call("intake", "names_of", sorted({e["person_id"] for e in entries if e["person_id"]}))
    actors = {a["id"]: a["display_name"] for a in accounts}  # people by name, not by id
    return render_template("portal/audit.html", entries=entries, names=names, actors=actors,
                           person_id=person_id)
