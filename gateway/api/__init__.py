"""The JSON API under /api/v1, validated by the same marshmallow schemas the services use,
with its OpenAPI document at /api/v1/openapi.json (common answers: document.py)."""
from flask import jsonify, request
from flask_smorest import Api

from gateway.api.document import Contract, ErrorSchema

API_SETTINGS = {
    "API_TITLE": "Samen op pad API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
}
BEARER = [{"bearerAuth": []}]


class PlatformApi(Api):
    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None  # no catch-all: every status is listed (document.py)


def edge_input() -> dict:
    """The caller's own input, already checked against the contract by the endpoint's
    schema; it goes to the service as sent, and the service checks it again."""
    if request.is_json:
        return request.get_json(silent=True) or {}
    return request.args.to_dict()


def respond(data, status: int = 200):
    """Services answer with JSON-ready data; pass it through as it is."""
    response = jsonify(data)
    response.status_code = status
    return response


def register(app, csrf):
    from gateway.auth import check_api_caller
    from gateway.api import (accounts, applications, duos, intake, matching, notifications,
                             operations, overview, people, tokens)
    app.config.update({k: v for k, v in API_SETTINGS.items() if k not in app.config})
    api = PlatformApi(app, spec_kwargs={"extra_plugins": [Contract()], "info": {"description": (
        "Coordinators and partners use the programme through this API. Get a token with "
        "POST /api/v1/tokens and send it as `Authorization: Bearer <token>`. Every answer "
        "carries an X-Correlation-Id header; every error has the body `Error`. Lists answer "
        "one page: `items`, the `total` matching, and the `limit` and `offset` used.")},
        "servers": [{"url": app.config["PUBLIC_BASE_URL"], "description": "this platform"}]})
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    for module in (tokens, accounts, overview, applications, intake, people, matching, duos,
                   notifications, operations):
        api.register_blueprint(module.blp)
        csrf.exempt(module.blp)  # bearer tokens, not cookies: no cross-site forgery
    app.extensions["platform_api"] = api
    app.before_request(check_api_caller)
