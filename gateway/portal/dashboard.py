"""The coordinator's start page: what needs attention."""
from flask import Blueprint, render_template

from gateway import remote
from gateway.auth import coordinator_page

bp = Blueprint("portal", __name__, url_prefix="/portal")


@bp.route("")
@coordinator_page
def dashboard():
    received = remote.call("intake", "list_applications", {"status": "received", "limit": 500})
    overdue = [a for a in received if a["overdue"]]
    waiting = remote.call("matching", "list_candidates", {})
    failed = remote.call("notifications", "list_deliveries", {"status": "failed", "limit": 500})
    return render_template("portal/dashboard.html", received=received, overdue=overdue,
                           waiting=waiting, failed=failed)
