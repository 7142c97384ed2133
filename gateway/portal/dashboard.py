"""The coordinator's start page: what needs attention."""
from flask import Blueprint, render_template

from gateway import remote
from gateway.auth import coordinator_page

bp = Blueprint("portal", __name__, url_prefix="/portal")


@bp.route("")
@coordinator_page
def dashboard():
    inbox, pool, messages = remote.call_together(
        ("intake", "get_inbox_summary"), ("matching", "get_pool_summary"),
        ("notifications", "get_delivery_summary"))
    return render_template("portal/dashboard.html", inbox=inbox, pool=pool, messages=messages)
