"""Who is asking, in a service: the actor the gateway authenticated travels with every RPC call
in nameko's context headers (`actor`), and a service checks it for what is sensitive —
reading notes, export, erasure, screening, a buddy's own data — and writes it in the audit
log. A call without an actor where one is needed is refused; the services never take "who"
as a plain argument.

`self.caller` in an entrypoint is the Caller; `self.caller.require("notes:read")` returns it,
or raises NotAuthenticated (nobody) or Forbidden (not allowed).
"""
import json
from dataclasses import dataclass

from nameko.extensions import DependencyProvider

from services.shared.errors import Forbidden, NotAuthenticated

CONTEXT_KEY = "actor"


@dataclass(frozen=True)
class Caller:
    """The account behind an RPC call: its id, kind of credential, role and scopes."""

    id: str | None
    kind: str | None = None
    role: str | None = None
    scopes: tuple[str, ...] = ()

    def signed_in(self) -> "Caller":
        """The caller, for acting on their own account; NotAuthenticated when nobody."""
        if self.id is None:
            raise NotAuthenticated("This needs a signed-in caller.")
        return self

    def require(self, scope: str) -> "Caller":
        if scope not in self.signed_in().scopes:
            raise Forbidden("You are not allowed to do this.")
        return self

    def header(self) -> str:
        """As it travels in the context headers."""
        return json.dumps({"id": self.id, "kind": self.kind, "role": self.role, "scopes": list(self.scopes)})

    @classmethod
    def from_header(cls, value) -> "Caller":
        try:
            said = json.loads(value) if value else {}
            return cls(str(said["id"]), said.get("kind"), said.get("role"), tuple(said.get("scopes") or ()))
        except (ValueError, TypeError, KeyError):
            return NOBODY


NOBODY = Caller(None)


class WhoIsAsking(DependencyProvider):
    """`self.caller`: the Caller of this worker's RPC call (NOBODY for an event or a timer)."""

    def get_dependency(self, worker_ctx):
        return Caller.from_header(worker_ctx.data.get(CONTEXT_KEY))
