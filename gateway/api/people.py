"""People: found by name, e-mail address or phone number and seen whole; their data exported
and erased on their request; buddy invitations; the audit log."""
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from gateway import people, remote
from gateway.api import BEARER, edge_input, respond
from gateway.api.paging import page, page_of, paged_query
from gateway.auth import coordinator_api
from services.shared.wire.application_views import AuditEntryView
from services.shared.wire.matching import DuoView, ProposalView
from services.shared.wire.notifications import DeliveryView
from services.shared.wire.people import PeopleFound, PeopleQuery, PersonView

blp = Blueprint("people", __name__, url_prefix="/api/v1", description="People and privacy")


class Erased(Schema):
    person_id = fields.UUID()
    erased = fields.Boolean()


class Invited(Schema):
    person_id = fields.UUID(required=True)
    invited = fields.Boolean(required=True)


EXPORT = {"type": "object", "required": ["person_id", "exported_at", "intake"],
          "description": "the person's id, when it was exported, and each service's data under "
                         "its name (intake, matching, …)",
          "properties": {"person_id": {"type": "string"}, "exported_at": {"type": "string", "format": "date-time"}},
          "additionalProperties": {"type": "object"}}


class AuditFilter(Schema):
    person_id = fields.UUID()


class PersonRecord(Schema):
    """A person as every service knows them, each part from the service that owns it."""

    person = fields.Nested(PersonView, metadata={"description": "intake: applications, intake "
                                                 "interviews, screening (never the private notes)"})
    proposals = fields.List(fields.Nested(ProposalView), metadata={"description": "matching, newest first"})
    duos = fields.List(fields.Nested(DuoView), metadata={"description": "matching, newest first"})
    messages = fields.List(fields.Nested(DeliveryView), metadata={
        "description": f"notifications' delivery log, the newest {people.MESSAGES_SHOWN}"})



@blp.route("/search", methods=["GET"])
@blp.arguments(PeopleQuery, location="query")
@blp.response(200, PeopleFound)
@blp.alt_response(422, description="Fewer than two letters or digits, or a limit above 20")
@blp.doc(security=BEARER)
@coordinator_api
def search(_query):
    """Find anyone by part of their name (first, last or both, in either order; case and
    accents ignored), their e-mail address or its beginning (case ignored), or their phone
    number typed any way (any digits, local or international; compared in E.164). At most 20
    people with the `total`, each with what tells namesakes apart (address, role, since when);
    erased people are never found."""
    return respond(people.find(edge_input()))


@blp.route("/people/<person_id>", methods=["GET"])
@blp.response(200, PersonRecord)
@blp.alt_response(404, description="No such person (or erased)")
@blp.doc(security=BEARER)
@coordinator_api
def person(person_id):
    """Everything the platform holds about a person: applications with their intake interviews
    and screening (intake), proposals and duos (matching), messages (notifications)."""
    return respond(people.record(person_id))


@blp.route("/people/<person_id>/export", methods=["GET"])
@blp.response(200, EXPORT, description="Every service's data about the person, as JSON")
@blp.alt_response(404, description="No such person (or erased)")
@blp.doc(security=BEARER)
@coordinator_api
def export(person_id):
    """Subject access: everything the platform holds about a person (audited)."""
    return respond(people.export(person_id))


@blp.route("/people/<person_id>", methods=["DELETE"])
@blp.response(200, Erased)
@blp.alt_response(404, description="No such person (or erased already)")
@blp.doc(security=BEARER)
@coordinator_api
def erase(person_id):
    """Erase a person on their request: intake at once, the other services within moments."""
    return respond(people.erase(person_id))


@blp.route("/people/<person_id>/invitation", methods=["POST"])
@blp.response(200, Invited, description="A new account invitation was sent")
@blp.alt_response(409, description="Not an approved buddy, or no email address")
@blp.doc(security=BEARER)
@coordinator_api
def invite(person_id):
    """Send an approved buddy a new account invitation (earlier links stop working)."""
    return respond(remote.call("intake", "reinvite_buddy", person_id))


@blp.route("/audit", methods=["GET"])
@blp.arguments(paged_query(AuditFilter), location="query")
@blp.response(200, page_of(AuditEntryView))
@blp.doc(security=BEARER)
@coordinator_api
def audit(query):
    """Who read notes, exported or erased whose data, newest first (of the 200 newest
    entries: `total` counts no further back)."""
    entries = remote.call("intake", "list_audit", str(query.get("person_id") or "") or None)
    return respond(page(entries, query))
