"""The delivery log."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from gateway import remote
from gateway.api import BEARER, edge_input, respond
from gateway.api.paging import page_of, paged_query, service_page
from gateway.auth import coordinator_api
from services.shared.wire.notifications import DeliveryFilter, DeliveryView, OptOutInput, PreviewView

blp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications",
                description="Messages sent to people")
TEMPLATES = {"type": "object", "description": "template name → the languages it is written in",
             "additionalProperties": {"type": "array", "items": {"type": "string"}}}


class OptedOut(Schema):
    person_id = fields.UUID(required=True)
    opted_out = fields.Boolean(required=True)


@blp.route("", methods=["GET"])
@blp.arguments(paged_query(DeliveryFilter), location="query")
@blp.response(200, page_of(DeliveryView))
@blp.doc(security=BEARER)
@coordinator_api
def deliveries(filters):
    """Who was sent what, when, on which channel, and how it went (never the body), newest
    first."""
    return respond(service_page("notifications", "list_deliveries", "count_deliveries", filters))


@blp.route("/templates", methods=["GET"])
@blp.response(200, TEMPLATES, description="Each template with the languages it is written in")
@blp.doc(security=BEARER)
@coordinator_api
def templates():
    """Every message template and its languages."""
    return respond(remote.call("notifications", "list_templates"))


@blp.route("/templates/<template>/<language>", methods=["GET"])
@blp.response(200, PreviewView)
@blp.alt_response(404, description="No such template")
@blp.doc(security=BEARER)
@coordinator_api
def preview(template, language):
    """A template rendered with sample data: subject, text and HTML email (with the Dutch text
    below, as participants get it), and the text message. A language without a translation
    shows its fallback (English, then Dutch)."""
    return respond(remote.call("notifications", "preview_template", template, language))


@blp.route("/contacts/<person_id>/opt-out", methods=["PUT"])
@blp.arguments(OptOutInput)
@blp.response(200, OptedOut)
@blp.alt_response(404, description="No contact details for this person")
@blp.doc(security=BEARER)
@coordinator_api
def opt_out(_choice, person_id):
    """Record that a person wants no more messages (`opted_out: true`) or wants them again."""
    return respond(remote.call("notifications", "set_opt_out", person_id, edge_input()))
