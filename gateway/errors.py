"""One table from errors to HTTP answers, for the JSON API and for the portal's pages.

Every error answer carries the request's correlation id, so a person can quote it and an
operator can find every log line of that request.
"""
import logging
import math
import time

from flask import g, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from werkzeug.exceptions import HTTPException, NotFound as NoSuchPage

from gateway.limits import limiter
from gateway.rpc import BrokerUnavailable, ServiceUnavailable
from services.shared.errors import (
    Conflict, Forbidden, Gone, InvalidInput, NotAuthenticated, NotFound, RevocationListUnavailable,
    TooManyAttempts, Unavailable,
)

log = logging.getLogger(__name__)

# exception class -> (HTTP status, machine-readable code)
TABLE = {
    InvalidInput: (422, "invalid_input"),
    NotFound: (404, "not_found"),
    Conflict: (409, "conflict"),
    Gone: (410, "gone"),
    NotAuthenticated: (401, "not_authenticated"),
    Forbidden: (403, "forbidden"),
    TooManyAttempts: (429, "too_many_attempts"),
    BrokerUnavailable: (503, "broker_unavailable"),
    RevocationListUnavailable: (503, "revocation_list_unavailable"),  # before its base class
    ServiceUnavailable: (503, "service_unavailable"),
    Unavailable: (503, "database_unavailable"),
}
RETRY_AFTER_SECONDS = {BrokerUnavailable: 5, ServiceUnavailable: 5, Unavailable: 5,
                       RevocationListUnavailable: 5}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def error_response(status: int, code: str, message: str, errors=None, retry_after=None):
    """The error as JSON (API) or as a page (portal), with the correlation id."""
    reference = g.get("correlation_id")
    if wants_json():
        body = {"code": code, "message": message, "correlation_id": reference}
        if errors:
            body["errors"] = errors
        response = jsonify(body)
    else:
        response = make_response(render_template("errors/error.html", status=status,
                                                 message=message, reference=reference))
    response.status_code = status
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    if status == 401 and wants_json():
        response.headers["WWW-Authenticate"] = 'Bearer realm="samenoppad"'
    return response


def handle_known(exc):
    """A deliberate error from a service or from the gateway itself."""
    status, code = next(v for k, v in TABLE.items() if isinstance(exc, k))
    retry_after = getattr(exc, "retry_after", None) or RETRY_AFTER_SECONDS.get(type(exc))
    return error_response(status, code, _message(exc), getattr(exc, "errors", None), retry_after)


def handle_http(exc: HTTPException):
    """Werkzeug's and flask-smorest's errors (404, 405, 422 from argument parsing, …)."""
    data = getattr(exc, "data", None) or {}
    errors = _flatten(data.get("messages") or data.get("errors"))
    if exc.code == 422:
        return error_response(422, "invalid_input", _("The input is not valid."), errors)
    description = exc.description
    if exc.code == 404 and description == NoSuchPage.description:  # Werkzeug's English
        description = _("This page does not exist (any more). Check the address, or start again "
                        "from the home page.")
    return error_response(exc.code, exc.name.lower().replace(" ", "_"), description, errors)


def handle_flood(exc: RateLimitExceeded):
    """Flood protection tripped: a kind word in the reader's language and when to try again."""
    current = limiter.current_limit
    wait = max(1, math.ceil(current.reset_at - time.time())) if current else 60
    return error_response(429, "too_many_requests",
                          _("Many requests came from your connection in a short time. Try again in a "
                            "while."),
                          retry_after=wait)


def handle_unexpected(exc):
    """A bug: logged with its traceback, answered without details."""
    log.exception("unexpected error on %s %s", request.method, request.path)
    return error_response(500, "internal_error",
                          _("Something went wrong on our side. Quote this reference if you "
                            "contact us: %(reference)s", reference=g.get("correlation_id")))


def _message(exc) -> str:
    return exc.message if hasattr(exc, "message") else str(exc)


def _flatten(errors):
    """webargs nests errors by location ({"json": {...}}); callers want them by field."""
    if not isinstance(errors, dict):
        return errors
    merged = {}
    for location, fields in errors.items():
        if isinstance(fields, dict):
            merged.update(fields)
        else:
            merged[location] = fields
    return merged


def register(app):
    for exc_class in TABLE:
        app.register_error_handler(exc_class, handle_known)
    app.register_error_handler(RateLimitExceeded, handle_flood)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
