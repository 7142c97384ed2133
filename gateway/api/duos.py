"""Duos on their trajectory: list, look up, pause, resume, extend, end."""
from flask_smorest import Blueprint

from gateway import remote
from gateway.api import BEARER, edge_input, respond
from gateway.api.paging import filters_only, page, page_of, paged_query
from gateway.auth import coordinator_api
from services.shared.wire import matching as wire

blp = Blueprint("duos", __name__, url_prefix="/api/v1/duos", description="Duos")


@blp.route("", methods=["GET"])
@blp.arguments(paged_query(wire.DuoFilter), location="query")
@blp.response(200, page_of(wire.DuoView))
@blp.doc(security=BEARER)
@coordinator_api
def duos(query):
    """Duos, newest first (`status=live` for active and paused ones)."""
    return respond(page(remote.call("matching", "list_duos", filters_only()), query))


@blp.route("/<duo_id>", methods=["GET"])
@blp.response(200, wire.DuoView)
@blp.alt_response(404, description="No such duo")
@blp.doc(security=BEARER)
@coordinator_api
def duo(duo_id):
    """One duo with its history."""
    return respond(remote.call("matching", "get_duo", duo_id))


def _action(name, schema, summary):
    @blp.route(f"/<duo_id>/{name}", methods=["POST"], endpoint=name)
    @blp.arguments(schema)
    @blp.response(200, wire.DuoView)
    @blp.alt_response(409, description="Not possible in the duo's current state")
    @blp.doc(security=BEARER, summary=summary)
    @coordinator_api
    def act(_data, duo_id):
        return respond(remote.call("matching", "change_duo", duo_id, name, edge_input()))
    return act


pause = _action("pause", wire.PauseInput, "Pause an active duo (a reason is optional)")
resume = _action("resume", wire.PauseInput, "Resume a paused duo")
extend = _action("extend", wire.ExtendInput, "Move the planned end later")
end = _action("end", wire.EndInput, "End the duo with a reason; both can be matched again")
