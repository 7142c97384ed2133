"""Which method applies an event for each handler, as a plain table, so that an event held
back (ordering.py) is applied by its own handler when it is released.

`on_event` writes each handler into `HANDLERS` under its method's qualified name
(`NotificationsService.tell_duo_formed`); a held event names its handler as
`service.method`, found on the service's class or the mixins it is built from.
"""
import functools
import logging
from dataclasses import dataclass
from typing import Callable

from services.shared import held_events, ordering
from services.shared.contracts import Event
from services.shared.errors import is_conflict, is_outage

log = logging.getLogger(__name__)
DEFAULT_HOLD_SECONDS = 600


@dataclass(frozen=True)
class Handler:
    """An event handler's method, its ordering mode, and what else it may wait for."""

    method: Callable  # (service, event) -> None
    order: ordering.Order
    awaits: Callable | None = None  # (service, event) -> Subject | None


HANDLERS: dict[str, Handler] = {}


def register(method: Callable, order: ordering.Order, awaits: Callable | None) -> None:
    HANDLERS[method.__qualname__] = Handler(method, order, awaits)


def handler_of(service, name: str) -> Handler:
    """The handler `name` ("service.method") of this service instance."""
    method = name.split(".", 1)[1]
    for cls in type(service).__mro__:
        found = HANDLERS.get(f"{cls.__qualname__}.{method}")
        if found is not None:
            return found
    raise LookupError(f"{type(service).__name__} has no event handler {name}")


def run(service, name: str, event: Event, overdue: bool = False) -> ordering.Outcome:
    """Apply `event` with the handler `name` of `service`, in its ordering mode."""
    handler = handler_of(service, name)
    ordered = ordering.Ordered(
        name, handler.order, functools.partial(handler.method, service),
        handler.awaits and functools.partial(handler.awaits, service))
    return ordering.apply(service.db, event, ordered, functools.partial(run, service),
                          hold_seconds(service), overdue)


def hold_seconds(service) -> float:
    """How long an event waits for its predecessor at most (EVENT_HOLD_SECONDS)."""
    setting = (service.config or {}).get("EVENT_HOLD_SECONDS")
    return DEFAULT_HOLD_SECONDS if setting in (None, "") else float(setting)


def release_overdue(service, limit: int = 100) -> int:
    """Apply the held events whose wait is over, each after the earlier revisions of its
    subject that are still held (a gap that never fills must not make them stale), each in
    its own savepoint: one that fails is kept, marked failed with its reason, and the others
    go on. Returns how many overdue events there were."""
    session, rows, done = service.db, held_events.overdue(service.db, limit), set()
    for row in rows:
        if (row.message_id, row.handler) in done:
            continue  # released already, as an earlier revision of another one
        earlier = held_events.take_earlier(session, row)
        held_events.forget(session, row)
        for each in [*earlier, row]:
            done.add((each.message_id, each.handler))
            _release_one(service, each)
    session.commit()
    return len(rows)


def _release_one(service, row) -> None:
    session = service.db
    try:
        with session.begin_nested():
            run(service, row.handler, held_events.from_wire(session, row.envelope), overdue=True)
    except Exception as exc:  # noqa: BLE001 - isolate it; the rest goes on
        if is_outage(exc) or is_conflict(exc):
            raise  # a deadlock or an outage is not the event's fault: the next tick retries
        log.warning("held event %s for %s failed after its wait: %s", row.message_id,
                    row.handler, exc)
        with session.begin_nested():
            held_events.keep_failed(session, row, f"{type(exc).__name__}: {exc}")
