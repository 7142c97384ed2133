"""The coordinator's overview as numbers, for a dashboard or a morning report."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from gateway.api import BEARER, respond
from gateway.auth import coordinator_api
from gateway.overview import overview
from services.shared.wire.application_views import InboxSummary
from services.shared.wire.notifications import DeliverySummary

blp = Blueprint("overview", __name__, url_prefix="/api/v1/overview", description="Overview")


class PoolSummary(Schema):
    waiting = fields.Dict(keys=fields.String(), values=fields.Integer(),
                          metadata={"description": "people waiting for a match, per role"})


class Overview(Schema):
    applications = fields.Nested(InboxSummary)
    pool = fields.Nested(PoolSummary)
    notifications = fields.Nested(DeliverySummary)


@blp.route("", methods=["GET"])
@blp.response(200, Overview)
@blp.doc(security=BEARER)
@coordinator_api
def summary():
    """What needs attention: applications without a first contact (and overdue), people
    waiting in the pool, messages per status (failed ones need another way to reach someone)."""
    return respond(overview())
