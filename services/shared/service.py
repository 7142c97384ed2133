"""What every service has: tracing, a health check, and its parked-message operations."""
import functools
import uuid

from marshmallow import ValidationError
from nameko.dependency_providers import Config
from nameko.timer import timer
from sqlalchemy import and_, func, select, text

from services.shared import dispatch, held_events, parking
from services.shared.caller import Access, WhoIsAsking, anyone, scoped
from services.shared.consumers import rpc
from services.shared.errors import EXPECTED, InvalidInput, Unavailable, is_outage
from services.shared.loophealth import describe
from services.shared.health import due_queues, isolation_window, problems
from services.shared.tracing import Tracing
from services.shared.wire import PLATFORM
from services.shared.wire.operations import ParkedView

HELD_RELEASE_SECONDS = 2  # how often each service looks for held events whose wait is over



def command(access: Access):
    """An RPC entrypoint that only `access` may call (caller.py: checked before it runs),
    whose deliberate errors are logged as expected, not as crashes, and whose database
    outages reach the caller as Unavailable (the gateway answers 503)."""
    if not isinstance(access, Access):
        raise TypeError("every RPC entrypoint says who may call it: @command(scoped(...)), "
                        "@command(service_only(...)) or @command(anyone(why))")

    def decorate(method):
        @functools.wraps(method)
        def translated(self, *args, **kwargs):
            access.check(self.caller)
            try:
                return method(self, *args, **kwargs)
            except Exception as exc:
                if is_outage(exc):
                    raise Unavailable("The database is unavailable; try again in a moment.") from exc
                raise
        translated.access = access
        return rpc(expected_exceptions=EXPECTED)(translated)
    return decorate


def load(schema, payload) -> dict:
    """`payload` checked by a marshmallow schema, or InvalidInput with a message per field."""
    try:
        return schema.load(payload if payload is not None else {})
    except ValidationError as exc:
        raise InvalidInput(exc.messages) from None


class BackboneService:
    """Base of the five services. Subclasses set `name`, `db` (Database) and `relay`."""

    catalogue = PLATFORM
    tracing = Tracing()
    config = Config()
    caller = WhoIsAsking()  # who is asking, as the gateway authenticated them (caller.py)

    @command(anyone("the operator's and the load balancer's probe; counts and states only"))
    def health(self) -> dict:
        """The service's state; never raises. {"status": "ok" | "degraded", "database": "ok" |
        "down", the outbox's and parked backlog (see _backlog), "problems": [see
        shared/health.py: kind, what, since, detail]}; degraded when the database is down (then only
        "error" besides) or when there is any problem."""
        try:
            self.db.execute(text("SELECT 1"))
            report = {"database": "ok", **self._backlog()}
        except Exception as exc:  # noqa: BLE001 - report, do not fail
            return {"status": "degraded", "database": "down", "error": type(exc).__name__}
        report["problems"] = self._problems()
        return {"status": "degraded" if report["problems"] else "ok", **report}

    def _problems(self) -> list[dict]:
        try:
            backbone = self.db.info["backbone"]
            queues = [*due_queues(type(self)), held_events.due_queue(backbone.held)]
            found = problems(self.db, backbone.loop_health, queues, self.config)
            cutoff = self.db.scalar(select(func.now())) - isolation_window(self.config)
            return found + held_events.set_aside(self.db, cutoff)
        except Exception as exc:  # noqa: BLE001 - not knowing is a problem too, not a crash
            self.db.rollback()
            return [{"kind": "unknown", "what": "health", "since": None,
                     "detail": f"could not check the loops: {describe(exc)}"}]

    def _backlog(self) -> dict:
        """Events not yet published (and the last reason one could not be), events given up
        on, parked messages."""
        outbox, parked = self.db.info["backbone"].outbox, self.db.info["backbone"].parked
        pending = and_(outbox.c.published_at.is_(None), outbox.c.failed_at.is_(None))
        stuck = self.db.execute(
            select(func.count(), func.max(outbox.c.last_error), func.min(outbox.c.created_at))
            .where(pending, outbox.c.last_error.is_not(None))).one()
        return {
            "outbox_pending": self.db.scalar(select(func.count()).select_from(outbox).where(pending)),
            "outbox_failing": stuck[0], "outbox_last_error": stuck[1],
            "outbox_failing_since": stuck[2].isoformat() if stuck[2] else None,
            "outbox_given_up": self.db.scalar(select(func.count()).select_from(outbox)
                                              .where(outbox.c.failed_at.is_not(None))),
            "parked": self.db.scalar(select(func.count()).select_from(parked)
                                     .where(parked.c.replayed_at.is_(None))),
        }

    @command(scoped("operations:read"))
    def list_parked(self, include_replayed=False) -> list[dict]:
        """Parked messages, newest first, as ParkedView: never their bodies or headers."""
        return ParkedView(many=True).dump(jsonable(parking.list_parked(self.db, include_replayed)))

    @command(scoped("operations:write"))
    def replay_parked(self, parked_id: int) -> dict:
        """Put a parked message back into its queue: the ParkedView, replayed. NotFound;
        Conflict when replayed already or too old."""
        return ParkedView().dump(jsonable(parking.replay(self.db, int(parked_id), self.config["AMQP_URI"])))

    @command(scoped("people:export"))
    def export_person(self, person_id: str) -> dict:
        """What this service holds about a person (subject access, `people:export`); services
        that keep personal data override it."""
        return {}

    @parking.keep_parked
    def store_parked_message(self, parked: dict):
        parking.store(self.db, parked)
        self.db.commit()

    @timer(interval=HELD_RELEASE_SECONDS)
    def release_held_events(self) -> int:
        """Events held for a predecessor that did not come in time go ahead (ordering.py);
        returns how many were released."""
        released = 0
        for _ in range(100):  # bounded: a pass takes 100 at most
            batch = dispatch.release_overdue(self, limit=100)
            released += batch
            if batch < 100:
                break
        return released


def jsonable(value):
    """`value` with dates as ISO strings and ids as strings, at every depth (for RPC)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value
