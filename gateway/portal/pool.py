"""The candidate pool board: who waits, since when, with the constraints at a glance."""
from flask import Blueprint, render_template, request

from gateway import remote
from gateway.auth import coordinator_page
from gateway.portal.matching import names_for

bp = Blueprint("portal_pool", __name__, url_prefix="/portal/pool")
STATUSES = ("waiting", "proposed", "in_duo", "all")


@bp.route("")
@coordinator_page
def board():
    role = request.args.get("role") if request.args.get("role") in ("buddy", "participant") else None
    status = request.args.get("status") if request.args.get("status") in STATUSES else "waiting"
    candidates = remote.call("matching", "list_candidates", {"status": status, **({"role": role} if role else {})})
    names = names_for([c["person_id"] for c in candidates])
    return render_template("portal/pool.html", candidates=candidates, role=role, status=status,
                           names=names, statuses=STATUSES)
