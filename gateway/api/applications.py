"""Applications through the digital counter, and the coordinator's screening decisions."""
from flask import request
from flask_smorest import Blueprint

from gateway import remote
from gateway.api import BEARER, edge_input, respond
from gateway.api.paging import page_of, paged_query, service_page
from gateway.auth import coordinator_api
from gateway.forms import request_key
from gateway.limits import APPLICATIONS, applications_per_address, limiter
from services.shared.wire.application_views import ApplicationView
from services.shared.wire.applications import (
    ApplicationCreated, ApplicationFilter, ApplicationSubmission, ScreeningInput,
)

blp = Blueprint("applications", __name__, url_prefix="/api/v1/applications",
                description="Applications and screening")
IDEMPOTENCY_KEY = {
    "in": "header", "name": "Idempotency-Key", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": "Send the same key again (after a timeout, say) to get the same "
                   "application back instead of a second one (with a status link of its own: "
                   "only a hash of each link is kept, so a link cannot be given twice).",
}


@blp.route("", methods=["POST"])
@limiter.shared_limit(applications_per_address, scope=APPLICATIONS)
@blp.arguments(ApplicationSubmission)
@blp.response(201, ApplicationCreated)
@blp.alt_response(409, description="The Idempotency-Key was used for another application")
@blp.alt_response(422, description="Invalid input: an error per field; nothing was stored")
@blp.alt_response(429, description="Too many applications from this address; see Retry-After")
@blp.doc(parameters=[IDEMPOTENCY_KEY])
def submit(_application):
    """Apply as a buddy or a participant (public, no token)."""
    key = request_key(request.headers.get("Idempotency-Key"), "Idempotency-Key")
    return respond(remote.call("intake", "submit_application", edge_input(), key), 201)


@blp.route("", methods=["GET"])
@blp.arguments(paged_query(ApplicationFilter), location="query")
@blp.response(200, page_of(ApplicationView))
@blp.doc(security=BEARER)
@coordinator_api
def search(filters):
    """The application inbox, longest-waiting first, with overdue and duplicate markers."""
    return respond(service_page("intake", "list_applications", "count_applications", filters))


@blp.route("/<application_id>", methods=["GET"])
@blp.response(200, ApplicationView)
@blp.alt_response(404, description="No such application")
@blp.doc(security=BEARER)
@coordinator_api
def show(application_id):
    """One application with its profile, interviews and decisions (not the private notes)."""
    return respond(remote.call("intake", "get_application", application_id))


@blp.route("/<application_id>/screening", methods=["POST"])
@blp.arguments(ScreeningInput)
@blp.response(200, ApplicationView)
@blp.alt_response(404, description="No such application")
@blp.alt_response(409, description="Not now: decided already, or the profile is incomplete")
@blp.doc(security=BEARER)
@coordinator_api
def screen(_decision, application_id):
    """Record the decision (approved, rejected or waitlisted) with its reason; the feedback
    goes to the applicant. Approving a buddy sends them an account invitation."""
    return respond(remote.call("intake", "record_screening", application_id, edge_input()))
