"""What makes a service degraded, read from its own tables: a background loop that keeps
failing, a loop that set a record aside recently, and due work waiting past its time.

Each problem is a dict the gateway shows as it is:
    {"kind": "failing" | "isolated" | "overdue", "what": loop or queue name,
     "since": ISO 8601 time, "detail": one line for the operator}
"""
from datetime import timedelta

from sqlalchemy import func, select

from services.shared.due import DueLoop
from services.shared.loophealth import FAILING_AFTER, HEARTBEAT_SECONDS

FAILING, ISOLATED, OVERDUE = "failing", "isolated", "overdue"
ISOLATION_WINDOW = timedelta(hours=1)  # LOOP_ISOLATED_WINDOW_SECONDS
# a loop row not refreshed for this long belongs to an instance that is gone
STALE_AFTER = timedelta(seconds=4 * HEARTBEAT_SECONDS)


def due_queues(service_cls) -> list:
    """The DueQueue of every due loop the service class has (its relay, dispatcher, …)."""
    seen = {}
    for klass in reversed(service_cls.__mro__):
        for value in vars(klass).values():
            if isinstance(value, DueLoop) and getattr(value, "queue", None) is not None:
                seen[value.identifier] = value.queue  # (a queue made from the configuration is not)
    return list(seen.values())


def problems(session, table, queues, config: dict) -> list[dict]:
    """Everything that degrades the service now, oldest first. `table` is its loop_health;
    `config` may set LOOP_ISOLATED_WINDOW_SECONDS and OVERDUE_GRACE_SECONDS."""
    now = session.scalar(select(func.now()))
    window = isolation_window(config)
    grace = _seconds(config.get("OVERDUE_GRACE_SECONDS"), None)
    found = [*failing(session, table, now), *isolated(session, table, now - window),
             *overdue(session, queues, grace)]
    return sorted(found, key=lambda problem: problem["since"] or "")


def failing(session, table, now) -> list[dict]:
    """Loops of live instances that failed FAILING_AFTER passes or more in a row."""
    rows = session.execute(select(table).where(
        table.c.failures >= FAILING_AFTER, table.c.updated_at > now - STALE_AFTER)).all()
    return [{"kind": FAILING, "what": row.loop, "since": _iso(row.failing_since),
             "detail": f"{row.failures} failed passes in a row on {row.instance}; "
                       f"last: {row.last_error}"} for row in rows]


def isolated(session, table, cutoff) -> list[dict]:
    """Loops that set a record aside since `cutoff`."""
    rows = session.execute(select(table).where(table.c.isolated_at > cutoff)).all()
    return [{"kind": ISOLATED, "what": row.loop, "since": _iso(row.isolated_at),
             "detail": f"{row.isolated} record(s) set aside on {row.instance}; "
                       f"last: {row.isolated_error}"} for row in rows]


def overdue(session, queues, grace) -> list[dict]:
    """Due queues with rows waiting past their time plus grace (the queue's own, or `grace`)."""
    found = []
    for queue in queues:
        count, oldest = queue.overdue(session, grace)
        if count:
            found.append({"kind": OVERDUE, "what": queue.name, "since": _iso(oldest),
                          "detail": f"{count} waiting past their time"})
    return found


def isolation_window(config: dict) -> timedelta:
    """How long a record set aside keeps the service degraded (LOOP_ISOLATED_WINDOW_SECONDS)."""
    return _seconds(config.get("LOOP_ISOLATED_WINDOW_SECONDS"), ISOLATION_WINDOW)


def _seconds(setting, default):
    return timedelta(seconds=float(setting)) if setting not in (None, "") else default


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None
