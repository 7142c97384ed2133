"""The OpenAPI document, walked operation by operation: every success has a schema, every
secured operation says 401 and 403 with the error body, every answer with content has a
schema, and there is a server. An endpoint added later is walked the same way."""
import pytest
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from gateway import create_app
from gateway.api import BEARER, respond
from gateway.auth import coordinator_api

ERROR = "#/components/schemas/Error"
TOO_LONG = "414"  # gunicorn's own page, before the gateway sees the request
METHODS = {"get", "put", "post", "delete", "patch"}


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def problems(document: dict) -> list[str]:
    """What the document leaves out, one line per gap."""
    found = [] if document.get("servers") else ["no servers"]
    for name, operation in operations(document):
        responses = operation.get("responses", {})
        if not any(s.startswith("2") and (s == "204" or _schema(a)) for s, a in responses.items()):
            found.append(f"{name}: no 2xx answer with a schema")
        if operation.get("security"):
            found += [f"{name}: no {s} with the Error schema" for s in ("401", "403")
                      if _schema(responses.get(s, {})) != {"$ref": ERROR}]
        found += [f"{name}: {s} has content without a schema" for s, a in responses.items()
                  if a.get("content") and not _schema(a) and s != TOO_LONG]
        found += [f"{name}: {s} is not the Error schema" for s, a in responses.items()
                  if int(s) >= 400 and s != TOO_LONG and _schema(a) != {"$ref": ERROR}]
        if TOO_LONG in responses and "text/html" not in responses[TOO_LONG].get("content", {}):
            found.append(f"{name}: 414 is not the web server's page")
        if "default" in responses:
            found.append(f"{name}: a catch-all default answer")
    return found


def _schema(answer: dict):
    return (answer.get("content") or {}).get("application/json", {}).get("schema")


def document_of(app) -> dict:
    return app.test_client().get("/api/v1/openapi.json").get_json()


@pytest.fixture
def app():
    return create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://samenoppad.example"})


def test_the_document_leaves_nothing_out(app):
    document = document_of(app)
    assert len(list(operations(document))) > 40
    assert problems(document) == []
    assert document["servers"] == [{"url": "https://samenoppad.example", "description": "this platform"}]


def test_each_operation_lists_the_errors_it_can_answer(app):
    paths = document_of(app)["paths"]
    assert set(paths["/api/v1/duos/{duo_id}/pause"]["post"]["responses"]) == {
        "200", "400", "401", "403", "404", "409", "413", "414", "422", "503"}
    issue = paths["/api/v1/tokens"]["post"]["responses"]
    assert set(issue) == {"201", "400", "401", "403", "413", "422", "429", "503"}
    assert issue["401"]["description"] == "Wrong e-mail address or password", "its own words stay"
    assert "Retry-After" in issue["429"]["headers"] and "WWW-Authenticate" in issue["401"]["headers"]


def test_lists_answer_a_page_with_its_total(app):
    document = document_of(app)
    for path in ("/api/v1/applications", "/api/v1/duos", "/api/v1/notifications", "/api/v1/audit",
                 "/api/v1/matching/candidates", "/api/v1/matching/proposals", "/api/v1/accounts",
                 "/api/v1/tokens", "/api/v1/operations/parked"):
        listing = document["paths"][path]["get"]
        assert {"limit", "offset"} <= {p["name"] for p in listing["parameters"]}, path
        page = document["components"]["schemas"][_schema(listing["responses"]["200"])["$ref"].split("/")[-1]]
        assert {"items", "total", "limit", "offset"} <= set(page["required"]), path


def test_parked_messages_are_described_without_their_bodies(app):
    parked = document_of(app)["components"]["schemas"]["ParkedMessage"]
    assert {"id", "service", "event_type", "reason", "parked_at", "attempts"} <= set(parked["properties"])
    assert not {"body", "headers"} & set(parked["properties"])
    assert parked["additionalProperties"] is False


class Thing(Schema):
    name = fields.String()


def test_an_endpoint_added_later_gets_the_common_answers(app):
    blp = Blueprint("later", __name__, url_prefix="/api/v1/later")

    @blp.route("/<thing_id>", methods=["GET"])
    @blp.response(200, Thing)
    @blp.doc(security=BEARER)
    @coordinator_api
    def thing(thing_id):
        return respond({"name": thing_id})

    app.extensions["platform_api"].register_blueprint(blp)
    answers = document_of(app)["paths"]["/api/v1/later/{thing_id}"]["get"]["responses"]
    assert set(answers) == {"200", "401", "403", "404", "414", "503"}
    assert problems(document_of(app)) == []


def test_the_walk_catches_an_operation_without_its_answers():
    bare = {"servers": [{"url": "/"}], "paths": {"/api/v1/bare": {"get": {
        "security": BEARER, "responses": {"200": {"description": "OK"}}}}}}
    assert problems(bare) == ["GET /api/v1/bare: no 2xx answer with a schema",
                              "GET /api/v1/bare: no 401 with the Error schema",
                              "GET /api/v1/bare: no 403 with the Error schema"]
