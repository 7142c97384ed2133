"""For operators: the platform's health (what is down, what is degraded by what and since
when), messages a handler could not apply after its last try, and their replay."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from gateway import operations
from gateway.api import BEARER, respond
from gateway.api.paging import page, page_of, paged_query
from gateway.auth import coordinator_api
from services.shared.wire.operations import ParkedView

blp = Blueprint("operations", __name__, url_prefix="/api/v1/operations",
                description="Health, and parked (dead-lettered) messages")


class Problem(Schema):
    service = fields.String()
    kind = fields.String(metadata={"description": "failing (a loop keeps failing), isolated (a "
                                                  "loop set a record aside), overdue (work waits "
                                                  "past its time)"})
    what = fields.String(metadata={"description": "the loop (outbox-relay, …) or the queue"})
    since = fields.String(allow_none=True, metadata={"description": "ISO 8601"})
    detail = fields.String()


class Health(Schema):
    status = fields.String(metadata={"description": "ok, degraded or down"})
    services = fields.Dict(keys=fields.String(), values=fields.String())
    broker = fields.String()
    database = fields.String()
    down = fields.List(fields.String(), load_default=list)
    degraded = fields.List(fields.String(), load_default=list)
    problems = fields.List(fields.Nested(Problem), load_default=list)


class ParkedMessage(ParkedView):
    """A parked message as the operator sees it: no body, no headers."""

    service = fields.String(required=True)


class ParkedPage(page_of(ParkedMessage)):
    unavailable = fields.List(fields.String(), required=True,
                              metadata={"description": "services that did not answer"})


@blp.route("/health", methods=["GET"])
@blp.response(200, Health)
@blp.doc(security=BEARER)
@coordinator_api
def health():
    """The platform's state as /healthz reports it, always with status 200."""
    return respond(operations.platform_health()[0])


@blp.route("/parked", methods=["GET"])
@blp.arguments(paged_query(), location="query")
@blp.response(200, ParkedPage)
@blp.doc(security=BEARER)
@coordinator_api
def parked(query):
    """Parked messages of every service, newest first (each service's 200 newest), without
    their bodies or headers: find the cause from the event type, handler and error."""
    found = operations.all_parked()
    return respond({**page(found["parked"], query), "unavailable": found["unavailable"]})


@blp.route("/parked/<service>/<int:parked_id>/replay", methods=["POST"])
@blp.response(200, ParkedMessage)
@blp.alt_response(404, description="No such service or parked message")
@blp.alt_response(409, description="Already replayed")
@blp.doc(security=BEARER)
@coordinator_api
def replay(service, parked_id):
    """Put a parked message back into the queue it died in, for a fresh set of tries."""
    return respond({"service": service, **operations.replay(service, parked_id)})
