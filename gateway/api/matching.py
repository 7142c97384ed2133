"""The candidate pool."""
from flask_smorest import Blueprint

from gateway import remote
from gateway.api import BEARER, edge_input, respond
from gateway.auth import coordinator_api
from services.shared.wire.matching import CandidateFilter, CandidateView

blp = Blueprint("matching", __name__, url_prefix="/api/v1/matching", description="Matching")


@blp.route("/candidates", methods=["GET"])
@blp.arguments(CandidateFilter, location="query")
@blp.response(200, CandidateView(many=True))
@blp.doc(security=BEARER)
@coordinator_api
def candidates(_filters):
    """Approved buddies and participants waiting for a match, longest-waiting first."""
    return respond(remote.call("matching", "list_candidates", edge_input()))
