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
from datetime import datetime, timezone

import redis
from nameko.extensions import DependencyProvider

from services.shared.errors import Unavailable

PREFIX = "revoked"
ACCOUNT_DAYS = 30  # longer than any credential lives: a closed account's tokens are all dead by then


class Revocations:
    def __init__(self, url: str, prefix: str = PREFIX):
        self.redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.prefix = prefix

    def add(self, credentials=(), accounts=()):
        """Refuse these credentials ({"id", "expires_at"}) and every credential of these
        accounts (ids) from now on; Unavailable when Redis cannot take it."""
        try:
            with self.redis.pipeline(transaction=False) as pipe:
                for credential in credentials:
                    pipe.set(self._key("c", credential["id"]), 1, ex=_seconds_until(credential["expires_at"]))
                for account_id in accounts:
                    pipe.set(self._key("a", account_id), 1, ex=ACCOUNT_DAYS * 86400)
                pipe.execute()
        except redis.RedisError as exc:
            raise Unavailable("The list of revoked sign-ins cannot be written now; try again "
                              "in a moment.") from exc

    def load(self, credentials, accounts):
        """The whole list, as intake holds it (after Redis lost it): then marked complete."""
        self.add(credentials, accounts)
        self.redis.set(self._key("complete", "list"), 1)

    def refused(self, credential_id: str, account_id: str) -> bool | None:
        """Whether the list refuses this credential; None when the list is not complete (it
        must be reloaded first). Raises redis.RedisError when Redis cannot be asked."""
        complete, by_credential, by_account = self.redis.mget(
            self._key("complete", "list"), self._key("c", credential_id), self._key("a", account_id))
        if complete is None:
            return None
        return by_credential is not None or by_account is not None

    def _key(self, kind: str, ident) -> str:
        return f"{self.prefix}:{kind}:{ident}"


def _seconds_until(moment) -> int:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return max(1, int((moment - datetime.now(timezone.utc)).total_seconds()) + 1)


class RevocationList(DependencyProvider):
    """`self.revocations` in a service's workers: the shared list, at the configured REDIS_URL."""

    def setup(self):
        config = self.container.config
        self.revocations = Revocations(config["REDIS_URL"], config.get("REVOCATION_PREFIX") or PREFIX)

    def get_dependency(self, worker_ctx):
        return self.revocations
