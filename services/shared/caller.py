"""Who is asking, in a service: the actor the gateway authenticated travels with every RPC call
in nameko's context headers (`actor`), and a service checks it for what is sensitive —
reading notes, export, erasure, screening, a buddy's own data — and writes it in the audit
log. A call without an actor where one is needed is refused; the services never take "who"
as a plain argument.

`self.caller` in an entrypoint is the Caller; `self.caller.require("notes:read")` returns it,
or raises NotAuthenticated (nobody) or Forbidden (not allowed).

Every RPC entrypoint says who may call it (`Access`, given to `command`), and `command`
checks it before the entrypoint runs: a coordinator's scope (any of several), one's own
data (`own:read`/`own:write`: a buddy, or the holder of a link intake verified, both with
their `person_id`; the entrypoint then checks the person with `may_act_on`), one named
service, or anyone — the last with the reason in words.
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
    person_id: str | None = None  # a buddy's or a link holder's own person

    @classmethod
    def service(cls, name: str) -> "Caller":
        """A service calling another for its own work (never set from a request)."""
        return cls(name, SERVICE, SERVICE)

    def signed_in(self) -> "Caller":
        """The caller, for acting on their own account; NotAuthenticated when nobody."""
        if self.id is None:
            raise NotAuthenticated("This needs a signed-in caller.")
        return self

    def require(self, *scopes: str) -> "Caller":
        """The caller if they hold any of `scopes`; NotAuthenticated or Forbidden."""
        if not set(scopes) & set(self.signed_in().scopes):
            raise Forbidden("You are not allowed to do this.")
        return self

    def may_act_on(self, person_id, scope: str, own: str) -> "Caller":
        """`scope` (a coordinator), or `own` as that very person (a buddy, a link's holder)."""
        if scope in self.require(scope, own).scopes:
            return self
        if self.person_id is None or str(person_id) != self.person_id:
            raise Forbidden("You may only see and change what is your own.")
        return self

    def holds(self, scope: str) -> bool:
        return scope in self.scopes

    def header(self) -> str:
        """As it travels in the context headers."""
        return json.dumps({"id": self.id, "kind": self.kind, "role": self.role, "scopes": list(self.scopes),
                           "person_id": self.person_id})

    @classmethod
    def from_header(cls, value) -> "Caller":
        try:
            said = json.loads(value) if value else {}
            person = said.get("person_id")
            return cls(str(said["id"]), said.get("kind"), said.get("role"), tuple(said.get("scopes") or ()),
                       str(person) if person else None)
        except (ValueError, TypeError, KeyError):
            return NOBODY


NOBODY = Caller(None)
SERVICE = "service"


@dataclass(frozen=True)
class Access:
    """Who may call an RPC entrypoint (see the module docstring); made by the functions below."""

    scopes: tuple[str, ...] = ()
    service: str | None = None
    open_because: str | None = None

    def check(self, caller: Caller) -> None:
        """NotAuthenticated or Forbidden when `caller` may not call."""
        if self.open_because:
            return
        if self.service:
            if caller.kind != SERVICE or caller.id != self.service:
                raise Forbidden(f"Only {self.service} calls this.")
        else:
            caller.require(*self.scopes)


def scoped(*scopes: str) -> Access:
    """A caller holding any of `scopes`."""
    return Access(scopes=scopes)


def service_only(name: str) -> Access:
    """Only the service `name`, for its own work (e.g. notifications asking for links)."""
    return Access(service=name)


def anyone(because: str) -> Access:
    """Anyone at all, for the reason given (a token or password that is its own proof, …)."""
    return Access(open_because=because)


class WhoIsAsking(DependencyProvider):
    """`self.caller`: the Caller of this worker's RPC call (NOBODY for an event or a timer)."""

    def get_dependency(self, worker_ctx):
        return Caller.from_header(worker_ctx.data.get(CONTEXT_KEY))
