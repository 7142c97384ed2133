"""For operators: the platform's health (what is down, what is degraded by what and since
when), messages a handler could not apply after its last try, and their replay."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from gateway import operations
from gateway.api import BEARER, respond
from gateway.auth import coordinator_api

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


class ParkedMessage(Schema):
    service = fields.String()
    id = fields.Integer()
    message_id = fields.String()
    event_type = fields.String()
    queue = fields.String()
    handler = fields.String()
    reason = fields.String(metadata={"description": "delivery_limit, rejected, …"})
    last_error = fields.String(allow_none=True)
    died_at = fields.String()
    parked_at = fields.String()
    replayed_at = fields.String(allow_none=True)


class ParkedList(Schema):
    parked = fields.List(fields.Nested(ParkedMessage))
    unavailable = fields.List(fields.String(), metadata={"description": "services that did not answer"})


@blp.route("/health", methods=["GET"])
@blp.response(200, Health)
@blp.doc(security=BEARER)
@coordinator_api
def health():
    """The platform's state as /healthz reports it, always with status 200."""
    return respond(operations.platform_health()[0])


@blp.route("/parked", methods=["GET"])
@blp.response(200, ParkedList)
@blp.doc(security=BEARER)
@coordinator_api
def parked():
    """Parked messages of every service, newest first."""
    return respond(operations.all_parked())


@blp.route("/parked/<service>/<int:parked_id>/replay", methods=["POST"])
@blp.response(200, ParkedMessage)
@blp.alt_response(404, description="No such service or parked message")
@blp.alt_response(409, description="Already replayed")
@blp.doc(security=BEARER)
@coordinator_api
def replay(service, parked_id):
    """Put a parked message back into the queue it died in, for a fresh set of tries."""
    return respond({"service": service, **operations.replay(service, parked_id)})
