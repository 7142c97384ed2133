"""Matching in the portal: a person's suggestions, the whole-pool draft, the weights."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from gateway import remote
from gateway.auth import coordinator_page
from gateway.explain import CRITERIA, worded
from gateway.marking import N_
from services.shared.errors import Conflict, InvalidInput

bp = Blueprint("portal_matching", __name__, url_prefix="/portal/matching")
PAIR_EXCLUDED = N_("This pair cannot be proposed any more: the page shows why under “Left out”.")


def names_for(*groups) -> dict:
    """Matching keeps no names: intake lends them for the page."""
    ids = sorted({person_id for group in groups for person_id in group if person_id})
    return remote.call("intake", "names_of", ids) if ids else {}


@bp.route("/people/<person_id>")
@coordinator_page
def suggestions(person_id, problem=None):
    found = worded(remote.call("matching", "suggest", {"person_id": person_id}))
    names = names_for([person_id], [s["person_id"] for s in found["suggestions"]],
                      [e["person_id"] for e in found["excluded"]])
    return render_template("portal/suggestions.html", found=found, names=names,
                           criteria=CRITERIA, problem=problem or {})


@bp.route("/people/<person_id>/capacity", methods=["POST"])
@coordinator_page
def capacity(person_id):
    try:
        remote.call("matching", "set_capacity", person_id, {"capacity": request.form.get("capacity", "")})
        flash(_("Saved."))
    except InvalidInput:
        flash(_("Give a number of duos from 0 to 5."), "error")
    return redirect(url_for("portal_matching.suggestions", person_id=person_id), 303)


@bp.route("/proposals", methods=["POST"])
@coordinator_page
def propose():
    pair = {key: request.form.get(key, "") for key in ("buddy_id", "participant_id")}
    data = {**pair, "reason": request.form.get("reason", "").strip() or None,
            "from_draft": request.form.get("from_draft") == "1"}
    try:
        proposal = remote.call("matching", "propose", data)
    except (InvalidInput, Conflict) as exc:
        message = _(refusal(exc))
        if data["from_draft"]:
            flash(message, "error")
            return redirect(url_for("portal_matching.draft"), 303)
        chosen = pair["buddy_id"] if request.form.get("for") == pair["participant_id"] else pair["participant_id"]
        return suggestions(request.form.get("for", pair["participant_id"]), {chosen: message}), 422
    flash(_("Proposed. Both are told in their own language; plan the introduction next."))
    return redirect(url_for("portal_duos.proposal", proposal_id=proposal["id"]), 303)


def refusal(exc) -> str:
    """Matching's refusal of a proposal, as a message the portal's catalogue holds: its reason
    for the choice, the participant already taken, or (a pair excluded meanwhile, whose codes
    the page lists under "left out") that the pair cannot be proposed any more."""
    if isinstance(exc, InvalidInput):
        return (exc.errors.get("reason") or [exc.message])[0]
    return exc.message if exc.field == "participant_id" else PAIR_EXCLUDED


def _pairs(key: str) -> list[dict]:
    """Pairs kept in the draft's address, as buddy:participant."""
    pairs = [value.split(":", 1) for value in request.args.getlist(key) if value.count(":") == 1]
    return [{"buddy_id": buddy, "participant_id": participant} for buddy, participant in pairs]


@bp.route("/proposal")
@coordinator_page
def draft():
    locked, forbidden = _pairs("lock"), _pairs("forbid")
    try:
        found = remote.call("matching", "draft_proposal", {"locked": locked, "forbidden": forbidden})
    except (InvalidInput, Conflict) as exc:
        flash(exc.message, "error")
        return redirect(url_for("portal_matching.draft"), 303)
    names = names_for([p["buddy_id"] for p in found["pairs"]], [p["participant_id"] for p in found["pairs"]],
                      found["unmatched_buddies"], found["unmatched_participants"])
    return render_template("portal/draft.html", found=found, names=names,
                           lock=request.args.getlist("lock"), forbid=request.args.getlist("forbid"))


@bp.route("/weights", methods=["GET", "POST"])
@coordinator_page
def weights():
    errors = {}
    if request.method == "POST":
        try:
            if request.form.get("action") == "reset":
                remote.call("matching", "reset_weights")
            else:
                remote.call("matching", "tune_weights", _weights_form())
            flash(_("The weights are saved; suggestions use them from now on."))
            return redirect(url_for("portal_matching.weights"), 303)
        except InvalidInput as exc:
            errors = exc.errors
    current = remote.call("matching", "get_weights")
    return render_template("portal/weights.html", current=current, criteria=CRITERIA,
                           errors=errors, form=request.form), 422 if errors else 200


def _weights_form() -> dict:
    def number(value):
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return value  # the service says what it needs
    given = {name: request.form.get(name, "").strip() for name in (*CRITERIA, "max_km")}
    return {"weights": {name: number(given[name]) for name in CRITERIA if given[name]},
            "max_km": number(given["max_km"]) if given["max_km"] else None}
