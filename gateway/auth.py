"""Who is asking: coordinators in the portal (session cookie), API clients (bearer token)."""
import functools
from urllib.parse import urlsplit

from flask import g, redirect, request, session, url_for

from gateway import remote
from services.shared.errors import Forbidden, NotAuthenticated
from services.shared.models import utcnow

COORDINATOR = "coordinator"


def sign_in(account: dict):
    """Start a fresh session for `account` (a new session, so no fixation)."""
    session.clear()
    session.permanent = True
    session["account"] = {key: account[key] for key in ("id", "email", "role", "display_name")}
    session["signed_in_at"] = utcnow().isoformat()


def sign_out():
    session.clear()


def portal_account() -> dict | None:
    return session.get("account")


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


def bearer_account() -> dict:
    """The account of the request's bearer token, checked by the intake service."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Send a bearer token: Authorization: Bearer <token> "
                               "(POST /api/v1/tokens gives one).")
    return remote.call("intake", "verify_token", token.strip())


def coordinator_api(view):
    """API endpoints: a bearer token of a coordinator account."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        g.account = bearer_account()
        if g.account["role"] != COORDINATOR:
            raise Forbidden("This endpoint is for coordinators.")
        return view(*args, **kwargs)
    return guarded
