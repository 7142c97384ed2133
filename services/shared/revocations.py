"""The list of credentials that no longer work, shared by every gateway process and host.

Tokens are signed and checked in the gateway without a call to intake (gateway/credentials.py),
so ending one early needs a list every gateway process reads: this one, in Redis. Intake
writes to it before it commits a revocation (a credential, or a whole account deactivated or
erased), so from the moment the call returns, every gateway's next request refuses it; if
Redis cannot take the write, the revocation is refused too (Unavailable) and nothing changed.

Redis keeps nothing of value here: intake's tables are the truth. A `complete` marker says the
list is whole; when Redis lost it (a restart), the gateway reloads every revocation from intake
(`list_revoked_credentials`) before trusting the list again.
"""
import time
from datetime import datetime

import redis
from nameko.extensions import DependencyProvider

from services.shared.errors import RevocationListUnavailable

PREFIX = "revoked"
ACCOUNT_DAYS = 30  # longer than any credential lives: a closed account's tokens are all dead by then


class Revocations:
    """The list is one Redis hash (`<prefix>:list`): field `c:<credential id>` or
    `a:<account id>` holds when that revocation may be forgotten (epoch seconds), and field
    `complete` says the list is whole. One key, so Redis can only ever lose all of it (and
    the marker with it, so it is reloaded), never one revocation on its own."""

    def __init__(self, url: str, prefix: str = PREFIX):
        self.redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.prefix, self.key = prefix, f"{prefix}:list"

    def add(self, credentials=(), accounts=()):
        """Refuse these credentials ({"id", "expires_at"}) and every credential of these
        accounts (ids) from now on; Unavailable when Redis cannot take it."""
        fields = {f"c:{c['id']}": _epoch(c["expires_at"]) for c in credentials}
        fields.update({f"a:{a}": time.time() + ACCOUNT_DAYS * 86400 for a in accounts})
        try:
            if fields:
                self.redis.hset(self.key, mapping=fields)
            self._forget_expired()
        except redis.RedisError as exc:
            raise RevocationListUnavailable("The list of revoked sign-ins cannot be written now; try again "
                              "in a moment.") from exc

    def load(self, credentials, accounts):
        """The whole list, as intake holds it (after Redis lost it): then marked complete."""
        self.add(credentials, accounts)
        self.redis.hset(self.key, "complete", 1)

    def refused(self, credential_id: str, account_id: str) -> bool | None:
        """Whether the list refuses this credential; None when the list is not complete (it
        must be reloaded first). Raises redis.RedisError when Redis cannot be asked."""
        complete, by_credential, by_account = self.redis.hmget(
            self.key, "complete", f"c:{credential_id}", f"a:{account_id}")
        if complete is None:
            return None
        return any(until is not None and float(until) > time.time() for until in (by_credential, by_account))

    def first_use_this_minute(self, credential_id: str) -> bool:
        """True once a minute per credential (for noting its last use)."""
        return bool(self.redis.set(f"{self.prefix}-used:{credential_id}", 1, nx=True, ex=60))

    def _forget_expired(self):
        now = time.time()
        stale = [field for field, until in self.redis.hgetall(self.key).items()
                 if field != b"complete" and float(until) < now]
        if stale:
            self.redis.hdel(self.key, *stale)


def _epoch(moment) -> float:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.timestamp()


class RevocationList(DependencyProvider):
    """`self.revocations` in a service's workers: the shared list, at the configured REDIS_URL."""

    def setup(self):
        config = self.container.config
        self.revocations = Revocations(config["REDIS_URL"], config.get("REVOCATION_PREFIX") or PREFIX)

    def get_dependency(self, worker_ctx):
        return self.revocations
