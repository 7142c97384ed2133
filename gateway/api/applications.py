"""Applications through the digital counter, and the coordinator's screening decisions."""
from flask import g, request
from flask_smorest import Blueprint

from gateway import remote
from gateway.api import BEARER, edge_input, respond
from gateway.auth import coordinator_api
from gateway.forms import request_key
from services.shared.wire.applications import (
    ApplicationCreated, ApplicationFilter, ApplicationSubmission, ApplicationView, ScreeningInput,
)

blp = Blueprint("applications", __name__, url_prefix="/api/v1/applications",
                description="Applications and screening")


IDEMPOTENCY_KEY = {
    "in": "header", "name": "Idempotency-Key", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": "Send the same key again (after a timeout, say) to get the same "
                   "application back instead of a second one.",
}


@blp.route("", methods=["POST"])
@blp.arguments(ApplicationSubmission)
@blp.response(201, ApplicationCreated)
@blp.alt_response(422, description="Invalid input: an error per field; nothing was stored")
@blp.doc(parameters=[IDEMPOTENCY_KEY])
def submit(_application):
    """Apply as a buddy or a participant (public, no token)."""
    key = request_key(request.headers.get("Idempotency-Key"), "Idempotency-Key")
    return respond(remote.call("intake", "submit_application", edge_input(), key), 201)


@blp.route("", methods=["GET"])
@blp.arguments(ApplicationFilter, location="query")
@blp.response(200, ApplicationView(many=True))
@blp.doc(security=BEARER)
@coordinator_api
def search(_filters):
    """The application inbox, newest first."""
    return respond(remote.call("intake", "list_applications", edge_input()))


@blp.route("/<application_id>", methods=["GET"])
@blp.response(200, ApplicationView)
@blp.alt_response(404, description="No such application")
@blp.doc(security=BEARER)
@coordinator_api
def show(application_id):
    """One application with its decisions."""
    return respond(remote.call("intake", "get_application", application_id))


@blp.route("/<application_id>/screening", methods=["POST"])
@blp.arguments(ScreeningInput)
@blp.response(200, ApplicationView)
@blp.alt_response(404, description="No such application")
@blp.alt_response(409, description="The application cannot take this decision now")
@blp.doc(security=BEARER)
@coordinator_api
def screen(_decision, application_id):
    """Record the screening decision (approved, rejected or waitlisted) with its reason."""
    return respond(remote.call("intake", "record_screening", application_id, edge_input(),
                               g.account["id"]))
