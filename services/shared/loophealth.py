"""Each background loop's own account of how it is doing, in its service's `loop_health`
table (one row per loop and instance), for the service's health check and the operator.

A row is written when the loop's state changes (it starts failing, it has failed
FAILING_AFTER passes in a row, it recovers, it set a record aside) and otherwise at most
every HEARTBEAT_SECONDS, not at every pass: a busy loop makes many passes a second.
"""
import itertools
import logging
import os
import socket
import time
from datetime import timedelta

from sqlalchemy import case, func
from sqlalchemy.dialects.postgresql import insert

from services.shared.models import utcnow

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 30.0
FAILING_AFTER = 3  # failed passes in a row before a loop counts as failing (not a blip)
COUNTED_FOR = timedelta(hours=1)  # records set aside are counted since the first in this time
_instances = itertools.count(1)


def instance_name() -> str:
    """hostname:pid, and a number after it for a second loop of the same kind in one process
    (tests run two instances of a service side by side in one process)."""
    number = next(_instances)
    base = f"{socket.gethostname()}:{os.getpid()}"
    return base if number == 1 else f"{base}/{number}"


def describe(exc: BaseException) -> str:
    """An error as the operator reads it: its class and the first line of its message, at
    most 1000 characters. A database error names the driver's own error, never the statement
    or its parameters (health is shown on /healthz, and parameters can be personal data)."""
    cause = getattr(exc, "orig", None) or exc
    first_line = (str(cause).strip().splitlines() or [""])[0]
    return f"{type(cause).__name__}: {first_line}"[:1000]


class LoopHealth:
    """Writes one loop's row. Writing never raises: a loop must not fail for its report."""

    def __init__(self, engine, table, loop: str, instance: str | None = None):
        self.engine, self.table, self.loop = engine, table, loop
        self.instance = instance or instance_name()
        self.failures, self.failing_since, self.last_error = 0, None, None
        self.written_at = None  # time.monotonic() of the last successful write

    def succeeded(self):
        """A pass went well (with or without work)."""
        recovered = self.failures > 0
        self.failures, self.failing_since, self.last_error = 0, None, None
        self._write(recovered, ok_at=func.now())

    def failed(self, exc: BaseException):
        """A pass failed as a whole (database or broker down, a bug outside any one record)."""
        self.failures += 1
        self.failing_since = self.failing_since or utcnow()
        self.last_error = describe(exc)
        self._write(self.failures in (1, FAILING_AFTER))

    def isolated(self, count: int, reason: str):
        """`count` records were set aside in the last pass, the last for `reason`."""
        recent = self.table.c.isolated_at > func.now() - COUNTED_FOR  # older ones are not counted
        self._write(True, isolated=(count, case((recent, self.table.c.isolated + count), else_=count)),
                    isolated_at=func.now(), isolated_error=reason[:1000])

    def _write(self, changed: bool, **values):
        due = self.written_at is None or time.monotonic() - self.written_at >= HEARTBEAT_SECONDS
        if not (changed or due):
            return
        try:
            with self.engine.begin() as connection:
                connection.execute(self._upsert(values))
            self.written_at = time.monotonic()
        except Exception as exc:  # noqa: BLE001 - the database may be what is failing
            log.debug("%s could not record its health: %s", self.loop, exc)

    def _upsert(self, values: dict):
        """INSERT … ON CONFLICT UPDATE; a value given as (inserted, updated) differs per side."""
        state = {"failures": self.failures, "failing_since": self.failing_since,
                 "last_error": self.last_error, "updated_at": func.now(), **values}
        new = {key: v[0] if isinstance(v, tuple) else v for key, v in state.items()}
        changed = {key: v[1] if isinstance(v, tuple) else v for key, v in state.items()}
        return (insert(self.table).values(loop=self.loop, instance=self.instance, **new)
                .on_conflict_do_update(index_elements=["loop", "instance"], set_=changed))
