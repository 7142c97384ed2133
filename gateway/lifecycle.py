"""What happens around every request: its correlation id, its language, security headers."""
from flask import g, request
from flask_babel import get_locale

from gateway import i18n
from gateway.auth import portal_account
from services.shared.tracing import accept_correlation_id, reset_correlation_id, set_correlation_id

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # status pages carry a private token in their address: never leak it to other sites
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
}


def start():
    g.correlation_id = accept_correlation_id(request.headers.get("X-Correlation-Id"))
    g.correlation_token = set_correlation_id(g.correlation_id)


def finish(response):
    response.headers["X-Correlation-Id"] = g.get("correlation_id", "")
    for header, value in SECURITY_HEADERS.items():
        response.headers.setdefault(header, value)
    if request.path.startswith(("/portal", "/status", "/api/")):
        response.headers.setdefault("Cache-Control", "no-store")
    return i18n.remember_language(response)


def end(exc=None):
    token = g.pop("correlation_token", None)
    if token is not None:
        reset_correlation_id(token)


def template_globals() -> dict:
    return {"lang": str(get_locale()), "right_to_left": {"ar", "fa", "he", "ps", "ur"},
            "portal_languages": i18n.PORTAL_LANGUAGES, "account": portal_account()}


def register(app):
    app.context_processor(template_globals)
    app.before_request(start)
    app.after_request(finish)
    app.teardown_request(end)
