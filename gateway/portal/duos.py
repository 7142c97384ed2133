"""Proposals and duos in the portal: introduction, answers, and the duo's trajectory."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import appointments, remote
from gateway.auth import coordinator_page
from gateway.explain import CRITERIA
from gateway.forms import problems, unconfirmed
from gateway.marking import N_
from gateway.portal.matching import names_for
from gateway.vocabulary import label
from services.shared.dates import local_input
from services.shared.errors import Conflict, InvalidInput
from services.shared.wire.matching import END_REASONS, AnswerInput

bp = Blueprint("portal_duos", __name__, url_prefix="/portal/duos")
END_UNCONFIRMED = N_("Tick the box to confirm: ending tells both people at once.")
DECLINE_UNCONFIRMED = N_("Tick the box to confirm: a no ends the proposal and both people are told at once.")


@bp.route("")
@coordinator_page
def overview():
    proposals = remote.call("matching", "list_proposals", {"status": "open"})
    duos = remote.call("matching", "list_duos", {})
    names = names_for(*[[x["buddy_id"], x["participant_id"]] for x in [*proposals, *duos]])
    return render_template("portal/duos.html", proposals=proposals, duos=duos, names=names)


@bp.route("/proposals/<proposal_id>")
@coordinator_page
def proposal(proposal_id, errors=None):
    found = remote.call("matching", "get_proposal", proposal_id)
    names = names_for([found["buddy_id"], found["participant_id"]])
    return render_template("portal/proposal.html", p=found, names=names, criteria=CRITERIA,
                           errors=errors or {}, form=request.form)


@bp.route("/proposals/<proposal_id>/introduction", methods=["POST"])
@coordinator_page
def introduction(proposal_id):
    data = {"location": request.form.get("location", "").strip()}
    try:
        data["starts_at"] = local_input(request.form.get("starts_at", "")).isoformat()
    except ValueError:
        data["starts_at"] = "not a moment"
    return _act(proposal_id, "plan_introduction", data,
                _("The introduction is planned; both get an invitation with a calendar file."),
                then=appointments.after_introduction)


@bp.route("/proposals/<proposal_id>/answers", methods=["POST"])
@coordinator_page
def answer(proposal_id):
    """A side's answer; a no ends the proposal and tells both at once, so it asks first."""
    data = {key: request.form.get(key, "").strip() or None for key in ("side", "answer", "reason")}
    asked = unconfirmed(DECLINE_UNCONFIRMED) if data["answer"] == "no" else {}
    if asked:  # say everything that is missing at once
        asked.update(problems(AnswerInput(), {k: v for k, v in data.items() if v is not None}))
    return _act(proposal_id, "record_answer", data, _("The answer is recorded."), asked)


def _act(proposal_id, method, data, done, asked=None, then=None):
    """Call matching; its refusal goes back to the form, each message under its field. Once
    done, `then` gets matching's answer (the proposal)."""
    try:
        if asked:
            raise InvalidInput(asked)
        found = remote.call("matching", method, proposal_id, data)
    except InvalidInput as exc:
        return proposal(proposal_id, {method: exc.errors}), 422
    except Conflict as exc:
        return proposal(proposal_id, {method: {exc.field or "_": [exc.message]}}), 409
    flash(done)
    if then:
        then(found)
    return redirect(url_for("portal_duos.proposal", proposal_id=proposal_id), 303)


@bp.route("/<duo_id>", methods=["GET", "POST"])
@coordinator_page
def duo(duo_id):
    errors = {}
    if request.method == "POST":
        action = request.form.get("action", "")
        data = {key: request.form.get(key, "").strip() or None for key in ("reason", "note", "planned_end_on")}
        try:
            if action == "end" and (asked := unconfirmed(END_UNCONFIRMED)):  # it tells both people at once
                raise InvalidInput(asked)
            remote.call("matching", "change_duo", duo_id, action, {k: v for k, v in data.items() if v})
            flash(_("Saved."))
            return redirect(url_for("portal_duos.duo", duo_id=duo_id), 303)
        except InvalidInput as exc:
            errors = {action: exc.errors}
        except Conflict:  # another coordinator (or tab) changed it first: say what it is now
            now = remote.call("matching", "get_duo", duo_id)
            flash(_("This duo changed meanwhile: it is %(status)s now. Nothing was saved.",
                    status=label("duo", now["status"])), "error")
            return redirect(url_for("portal_duos.duo", duo_id=duo_id), 303)
    found = remote.call("matching", "get_duo", duo_id)
    names = names_for([found["buddy_id"], found["participant_id"]])
    return render_template("portal/duo.html", d=found, names=names, errors=errors,
                           reasons=END_REASONS), 422 if errors else 200
