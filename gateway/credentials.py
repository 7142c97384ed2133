"""Who is asking, checked here without a call to intake on every request.

Intake issues a credential (a session, an API token: services/intake/credentials.py) and the
gateway signs what it says — whose, which kind, which scopes, until when — with SECRET_KEY
(itsdangerous). A request's token is checked by its signature and expiry, then against the
shared list of revocations in Redis (services/shared/revocations.py), which every gateway
process and host reads: a revocation made through one is refused by all from their next
request. When that list was lost it is reloaded from intake first; when Redis cannot be
asked, intake is asked about the one credential instead. Its last use reaches intake at most
once a minute, in the background.
"""
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone

import redis
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from gateway.quiet import NowAndThen
from gateway.rpc import RpcPool
from services.shared.errors import NotAuthenticated
from services.shared.revocations import PREFIX, Revocations

log = logging.getLogger(__name__)
SALT = "samenoppad-credential-v1"
EXPIRED = "The token is not valid or has expired; ask for a new one."
UNREADABLE = NowAndThen()  # the revocation list's outage, said once a minute


@dataclass(frozen=True)
class Actor:
    """The authenticated account behind a request, as its credential says."""

    id: str
    kind: str
    role: str
    scopes: tuple[str, ...]
    credential_id: str
    display_name: str = ""
    email: str = ""
    person_id: str | None = None  # a buddy's own person, or a link holder's

    def as_account(self) -> dict:
        return {"id": self.id, "role": self.role, "display_name": self.display_name, "email": self.email}


def link_holder(person_id: str) -> Actor:
    """The person a link intake verified stands for, acting on their own data only."""
    return Actor(person_id, "link", "person", ("own:read", "own:write"), "", person_id=person_id)


def sign(issued: dict) -> str:
    """The token for a credential intake issued (an `Issued`)."""
    expires = datetime.fromisoformat(issued["expires_at"]).timestamp()
    return _serializer().dumps({"c": issued["id"], "a": issued["account_id"], "k": issued["kind"],
                                "r": issued["role"], "s": issued["scopes"], "x": int(expires),
                                "n": issued.get("display_name", ""), "m": issued.get("email", ""),
                                "p": issued.get("person_id")})


def authenticate(token: str) -> Actor:
    """The actor a token stands for: NotAuthenticated when forged, expired or revoked."""
    try:
        said = _serializer().loads(token)
        actor = Actor(said["a"], said["k"], said["r"], tuple(said["s"]), said["c"], said.get("n", ""),
                      said.get("m", ""), said.get("p"))
        expired = said["x"] <= datetime.now(timezone.utc).timestamp()
    except (BadSignature, KeyError, TypeError, ValueError, AttributeError):  # forged, or not ours
        raise NotAuthenticated(EXPIRED) from None
    if expired or (actor.role == "buddy" and not actor.person_id):  # a buddy's from before it said whose
        raise NotAuthenticated(EXPIRED)
    if _revoked(actor):
        raise NotAuthenticated(EXPIRED)
    _note_use(actor)
    return actor


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _revoked(actor: Actor) -> bool:
    if current_app.config.get("TOKEN_CHECK") == "rpc":  # the old way, for the benchmark only
        return not extension().rpc("check_credential", actor.credential_id)["valid"]
    shared = extension().revocations
    try:
        refused = shared.refused(actor.credential_id, actor.id)
        if refused is None:  # the list was lost (Redis restarted): reloaded from intake first
            whole = extension().rpc("list_revoked_credentials")
            shared.load(whole["credentials"], whole["accounts"])
            refused = shared.refused(actor.credential_id, actor.id)
        return bool(refused)
    except redis.RedisError as exc:
        if UNREADABLE.due(str(exc)[:200]):
            log.warning("the list of revoked credentials cannot be read (%s); asking intake for "
                        "each credential meanwhile", exc)
        return not extension().rpc("check_credential", actor.credential_id)["valid"]


def _note_use(actor: Actor):
    """At most once a minute per credential (a Redis key that expires), in the background."""
    state = extension()
    try:
        first = state.revocations.first_use_this_minute(actor.credential_id)
    except redis.RedisError:
        return
    if first:
        state.background.submit(state.rpc_quietly, "note_credential_used", actor.credential_id)


@dataclass
class CredentialState:
    """Per gateway process: the shared revocation list, a short-leashed RPC pool to intake
    and one background thread for last-use notes."""

    revocations: Revocations
    pool: RpcPool
    background: ThreadPoolExecutor

    def rpc(self, method: str, *args):
        borrowed = self.pool.borrow()
        try:
            return self.pool.call(borrowed, "intake", method, *args)
        finally:
            self.pool.give_back(borrowed)

    def rpc_quietly(self, method: str, *args):
        try:
            self.rpc(method, *args)
        except Exception as exc:  # noqa: BLE001 - a missed last-use note is harmless
            log.info("could not note a credential's use: %s", type(exc).__name__)


def init_app(app):
    platform = app.config["PLATFORM"]
    app.extensions["credentials"] = CredentialState(
        Revocations(platform["REDIS_URL"], platform.get("REVOCATION_PREFIX") or PREFIX),
        RpcPool(platform, timeout=app.config["HEALTH_TIMEOUT_SECONDS"], breaker_seconds=0),
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="credential-use"))


def extension() -> CredentialState:
    return current_app.extensions["credentials"]
