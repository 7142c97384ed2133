"""The OpenAPI document's common answers, added to every operation as it is documented.

Every operation can fail in the same few ways (gateway/errors.py renders them all with one
body, ErrorSchema): no or a bad token (401), a token that may not do it (403), an unknown
record in the path (404), input that does not fit (400, 413, 422), a service or the broker down
(503). `Contract` is an apispec plugin, so an endpoint added later gets them without a line of
its own; what an endpoint documents itself (a 404's own description, a 409) stays.
"""
from http import HTTPStatus

from apispec import BasePlugin
from marshmallow import Schema, fields

JSON = "application/json"
RETRY_AFTER = {"description": "seconds to wait before trying again", "schema": {"type": "integer"}}
CHALLENGE = {"description": 'Bearer realm="samenoppad"', "schema": {"type": "string"}}
ANSWERS = {
    400: "The body is not JSON",
    413: "The body is larger than the gateway takes (MAX_CONTENT_LENGTH, 1 MiB)",
    401: "No valid bearer token: missing, expired, revoked, or its account was closed",
    403: "The token may not do this (not a coordinator's, or without the scope)",
    404: "No such record",
    422: "Invalid input: an error per field in `errors`; nothing was changed",
    503: "A service, the broker or the token revocation list is unavailable; see Retry-After",
}
# answered by the web server in front of the gateway (gunicorn), before the API sees the request
TOO_LONG = {"description": "The request line is longer than the server takes (about 4 KB): "
                           "shorten the query or the path (the web server's own page)",
            "content": {"text/html": {"schema": {"type": "string"}}}}
HEADERS = {401: {"WWW-Authenticate": CHALLENGE}, 429: {"Retry-After": RETRY_AFTER},
           503: {"Retry-After": RETRY_AFTER}}


class ErrorSchema(Schema):
    """Every error answer of the API (gateway/errors.py)."""

    code = fields.String(required=True, metadata={"description": "machine-readable, e.g. invalid_input"})
    message = fields.String(required=True, metadata={"description": "for people, in English"})
    errors = fields.Dict(metadata={"description": "per field, the messages (invalid_input)"})
    correlation_id = fields.String(required=True, allow_none=True,
                                   metadata={"description": "quote it when reporting a problem"})


def expected_errors(path: str, operation: dict) -> set[int]:
    """The error statuses any operation like this one can answer."""
    statuses = {503}
    if operation.get("security"):
        statuses |= {401, 403}
    if "{" in path:
        statuses.add(404)  # the record the path names may not exist (or not any more)
    if "requestBody" in operation:
        statuses |= {400, 413, 422}
    if any(p.get("in") == "query" for p in operation.get("parameters", []) if isinstance(p, dict)):
        statuses.add(422)
    if "{" in path or any(isinstance(p, dict) and p.get("in") == "query" for p in operation.get("parameters", [])):
        statuses.add(414)  # what a client types can make the request line too long
    return statuses


class Contract(BasePlugin):
    """Adds the common error answers, each with ErrorSchema, to every operation, and drops
    the catch-all `default` answer: the document lists every status an operation gives."""

    def init_spec(self, spec):
        self.spec = spec

    def operation_helper(self, path=None, operations=None, **kwargs):
        error = self._error_schema()
        for operation in (operations or {}).values():
            responses = operation.setdefault("responses", {})
            responses.pop("default", None)
            for status in expected_errors(path or "", operation):
                responses.setdefault(str(status), {})
            for status, answer in list(responses.items()):
                if int(status) == 414:
                    responses[status] = TOO_LONG
                elif int(status) >= 400:
                    responses[status] = self._error_answer(int(status), answer, error)

    @staticmethod
    def _error_answer(status: int, answer, error: dict) -> dict:
        if isinstance(answer, str):  # flask-smorest's shared answer, by its name
            answer = {"description": HTTPStatus[answer].phrase}
        described = answer.get("description") or ANSWERS.get(status) or HTTPStatus(status).phrase
        headers = {**HEADERS.get(status, {}), **answer.get("headers", {})}
        return {**answer, "description": described, "content": {JSON: {"schema": error}},
                **({"headers": headers} if headers else {})}

    def _error_schema(self) -> dict:
        plugin = next(p for p in self.spec.plugins if hasattr(p, "resolver"))
        return plugin.resolver.resolve_schema_dict(ErrorSchema)
