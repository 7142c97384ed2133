"""The candidate pool board."""
from flask import Blueprint, render_template, request

from gateway import remote
from gateway.auth import coordinator_page

bp = Blueprint("portal_pool", __name__, url_prefix="/portal/pool")


@bp.route("")
@coordinator_page
def board():
    role = request.args.get("role") if request.args.get("role") in ("buddy", "participant") else None
    candidates = remote.call("matching", "list_candidates", {"role": role} if role else {})
    # matching keeps no names: intake lends them for this page
    names = remote.call("intake", "names_of", [c["person_id"] for c in candidates])
    return render_template("portal/pool.html", candidates=candidates, role=role, names=names)
