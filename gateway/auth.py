"""Who is asking: coordinators and buddies in the portal (a session credential in the cookie),
API clients (a bearer token); both are signed credentials checked by credentials.py."""
import functools
from urllib.parse import urlsplit

from flask import current_app, g, redirect, request, session, url_for

from gateway import credentials, remote
from services.shared.errors import Forbidden, NotAuthenticated
from services.shared.models import utcnow
from services.shared.wire.credentials import SESSIONS

COORDINATOR = "coordinator"


def sign_in(issued: dict):
    """Start a fresh session for the session credential intake issued (a new session, so no
    fixation)."""
    session.clear()
    session.permanent = True
    session["credential"] = credentials.sign(issued)
    session["signed_in_at"] = utcnow().isoformat()
    g.pop("portal_actor", None)


def sign_out():
    """Every portal session of the account ends, on every device, then this cookie too. When
    they cannot be ended now (intake or Redis down), the error shows and nothing changes:
    nobody is told "signed out" while a session still works."""
    if portal_account() is not None:
        remote.call("intake", "end_sessions")
    session.clear()
    g.portal_actor = None


def portal_account() -> dict | None:
    """The signed-in account of this request ({"id", "role", "display_name", "email"}), or
    None: no session, or one that expired, was ended elsewhere or whose account was closed."""
    if "portal_actor" not in g:
        g.portal_actor = _session_actor()
    return g.portal_actor.as_account() if g.portal_actor else None


def _session_actor():
    token = session.get("credential")
    if not token:
        return None
    try:
        actor = credentials.authenticate(token)
    except NotAuthenticated:
        actor = None
    if actor is None or actor.kind not in SESSIONS:  # an API token in a cookie is no session
        session.clear()
        return None
    return actor


def safe_next(target: str | None, default: str) -> str:
    """Only ever redirect to a path on this site after signing in."""
    parts = urlsplit(target or "")
    if target and not parts.scheme and not parts.netloc and target.startswith("/"):
        return target
    return default


def coordinator_page(view):
    """Portal pages: signed-in coordinators only; others are sent to the sign-in page."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        account = portal_account()
        if account is None:
            return redirect(url_for("portal_auth.login", next=request.full_path.rstrip("?")))
        if account["role"] != COORDINATOR:
            raise Forbidden("This page is for coordinators.")
        g.account = account
        return view(*args, **kwargs)
    return guarded


def bearer_actor() -> credentials.Actor:
    """The actor of the request's bearer token, checked here (no call to intake)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Send a bearer token: Authorization: Bearer <token> "
                               "(POST /api/v1/tokens gives one).")
    actor = credentials.authenticate(token.strip())
    if actor.kind in SESSIONS:  # a portal session's credential is for the portal only
        raise NotAuthenticated(credentials.EXPIRED)
    return actor


def coordinator_api(view):
    """API endpoints: a bearer token of a coordinator account. Checked before the request's
    input is read (`check_api_caller`), so a stranger learns nothing from a validation
    error; checked again here, in case the view is called another way."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        _coordinator_caller()
        return view(*args, **kwargs)
    guarded.caller = COORDINATOR  # copied onto the outer wrappers by functools.wraps
    return guarded


def check_api_caller():
    """Before every API request: who is calling, when the endpoint says who may."""
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "caller", None) == COORDINATOR:
        _coordinator_caller()


def _coordinator_caller():
    if g.get("actor") is None:
        g.actor = bearer_actor()
        g.account = g.actor.as_account()
    if g.actor.role != COORDINATOR:
        raise Forbidden("This endpoint is for coordinators.")
