"""The delivery log."""
from flask_smorest import Blueprint

from gateway import remote
from gateway.api import BEARER, edge_input, respond
from gateway.auth import coordinator_api
from services.shared.wire.notifications import DeliveryFilter, DeliveryView

blp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications",
                description="Messages sent to people")


@blp.route("", methods=["GET"])
@blp.arguments(DeliveryFilter, location="query")
@blp.response(200, DeliveryView(many=True))
@blp.doc(security=BEARER)
@coordinator_api
def deliveries(_filters):
    """Who was sent what, when, on which channel, and how it went (never the body)."""
    return respond(remote.call("notifications", "list_deliveries", edge_input()))
