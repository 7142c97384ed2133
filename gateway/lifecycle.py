"""What happens around every request: its correlation id, its language, security headers."""
from urllib.parse import urlencode

from flask import g, request
from flask_babel import get_locale
from flask_babel import gettext as _

from gateway import i18n
from gateway.auth import portal_account
from gateway.explain import language_name
from gateway.vocabulary import label, problem
from gateway.writing import ltr, unbroken
from services.shared import dates, writing
from services.shared.wire import vocabulary
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


def url_with_language(code: str) -> str:
    """This page again, in another language (its other query parameters kept)."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def template_globals() -> dict:
    # named apart from any page's own variables: a global `problem` once showed itself as the
    # error of every set-a-password page that had none
    return {"lang": str(get_locale()), "right_to_left": writing.RIGHT_TO_LEFT,
            "direction": writing.direction, "said_problem": problem,
            "languages": i18n.offered_languages(), "account": portal_account(), "label": label,
            "vocabulary": vocabulary, "url_with_language": url_with_language, "name_of": name_of}


def name_of(names: dict, person_id) -> str:
    """A person's full name from intake's `names_of` answer; "(erased)" for someone whose data
    was erased (intake lends no name for them), never their id."""
    found = names.get(person_id)
    return f"{found['first_name']} {found['last_name']}".strip() if found else _("(erased)")


def register_filters(app):
    """Jinja filters: codes with their labels, moments in the reader's language (on one
    line), values that read left to right in every page (`ltr`, gateway/writing.py)."""
    app.jinja_env.filters["with_label"] = lambda code, kind: (code, label(kind, code))
    app.jinja_env.filters["moment"] = lambda value: unbroken(dates.when(value, str(get_locale())))
    app.jinja_env.filters["day"] = lambda value: unbroken(dates.day(value, str(get_locale())))
    app.jinja_env.filters["ltr"] = ltr
    app.jinja_env.filters["language"] = language_name


def register(app):
    register_filters(app)
    app.context_processor(template_globals)
    app.before_request(start)
    app.after_request(finish)
    app.teardown_request(end)
