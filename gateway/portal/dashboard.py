"""The coordinator's start page: what needs attention."""
from flask import Blueprint, render_template

from gateway.auth import coordinator_page
from gateway.overview import overview

bp = Blueprint("portal", __name__, url_prefix="/portal")


@bp.route("")
@coordinator_page
def dashboard():
    found = overview()
    return render_template("portal/dashboard.html", inbox=found["applications"], pool=found["pool"],
                           messages=found["notifications"])
