"""The intake interview: plan, move, cancel, record; the audited read of its notes."""
from flask_smorest import Blueprint

from gateway import remote
from gateway.api import BEARER, edge_input, respond
from gateway.auth import coordinator_api
from services.shared.wire.application_views import ApplicationView, InterviewView, NotesView
from services.shared.wire.applications import IntakeRecordInput
from services.shared.wire.interviews import CancelInput, InterviewInput

blp = Blueprint("intake", __name__, url_prefix="/api/v1/applications",
                description="Intake interviews")


@blp.route("/<application_id>/intake", methods=["POST"])
@blp.arguments(InterviewInput)
@blp.response(201, InterviewView)
@blp.alt_response(409, description="Already planned, or the application is decided")
@blp.doc(security=BEARER)
@coordinator_api
def plan(_interview, application_id):
    """Plan the interview; the applicant gets an invitation with a calendar attachment."""
    return respond(remote.call("intake", "schedule_intake", application_id, edge_input()), 201)


@blp.route("/<application_id>/intake", methods=["PUT"])
@blp.arguments(InterviewInput)
@blp.response(200, InterviewView)
@blp.alt_response(409, description="No interview is planned")
@blp.doc(security=BEARER)
@coordinator_api
def move(_interview, application_id):
    """Move the planned interview; the applicant's calendar entry moves with it."""
    return respond(remote.call("intake", "reschedule_intake", application_id, edge_input()))


@blp.route("/<application_id>/intake", methods=["DELETE"])
@blp.arguments(CancelInput)
@blp.response(200, InterviewView)
@blp.alt_response(409, description="No interview is planned")
@blp.doc(security=BEARER)
@coordinator_api
def cancel(_reason, application_id):
    """Cancel the planned interview (a reason is optional); the applicant is told."""
    return respond(remote.call("intake", "cancel_intake", application_id, edge_input()))


@blp.route("/<application_id>/intake/record", methods=["POST"])
@blp.arguments(IntakeRecordInput(partial=True))
@blp.response(200, ApplicationView)
@blp.doc(security=BEARER)
@coordinator_api
def record(_record, application_id):
    """Record the interview: expectations, needs, motivation, private notes, and the profile
    corrected (only the answers given change)."""
    return respond(remote.call("intake", "record_intake", application_id, edge_input()))


@blp.route("/<application_id>/intake/notes", methods=["GET"])
@blp.response(200, NotesView)
@blp.doc(security=BEARER)
@coordinator_api
def notes(application_id):
    """The interview's private notes; this read is written to the audit log."""
    return respond(remote.call("intake", "read_intake_notes", application_id))
