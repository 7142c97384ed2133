"""Work that falls due: rows of a table that are to be handled at a time, exactly once, by
whichever instance of the service claims them first, each row on its own.

A `DueQueue` says which rows wait and since when; a `DueLoop` (a NotifiedLoop: woken by a
NOTIFY, polling as a fallback) claims the due ones with FOR UPDATE SKIP LOCKED, so several
instances never fire the same row, and handles each in a SAVEPOINT. A row whose handling
raises is rolled back alone and given up on with its reason (`give_up`), the rest of the
batch goes on and commits, and the loop carries on: one poisoned row never stops the others.
An outage or a deadlock is nobody's row's fault: it fails the pass, which is tried again.
"""
import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from sqlalchemy import ColumnElement, MetaData, Table, func, select

from services.shared import connections
from services.shared.config import database_url
from services.shared.database import libpq_url, make_engine, session_factory
from services.shared.errors import is_conflict, is_outage
from services.shared.listen import NotifiedLoop, NotifyListener
from services.shared.loophealth import LoopHealth, describe
from services.shared.tables import backbone

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class DueQueue:
    """Rows of one table that fall due at a time.

    `table` is a Table (rows are then Row tuples) or a mapped class (rows are its objects);
    `due` the timestamp column a row falls due at; `waiting` the condition that holds while a
    row still waits (pending, not given up on); `order` the claim order (default: `due`);
    `grace` how long past its time a row may wait before health calls it overdue, counted
    from `late_from` (default: `due`). `name` says what waits, for the operator ("deliveries").
    """

    name: str
    table: object
    due: ColumnElement
    waiting: ColumnElement
    order: tuple = ()
    grace: timedelta = timedelta(minutes=5)
    late_from: ColumnElement | None = None

    @property
    def core_table(self) -> Table:
        return self.table if isinstance(self.table, Table) else self.table.__table__

    def claim(self, db, limit: int) -> list:
        """Up to `limit` due rows, locked for this transaction only (`db`: Session or
        Connection); rows another instance holds are skipped, not waited for."""
        query = (select(self.table).where(self.waiting, self.due <= func.now())
                 .order_by(*(self.order or (self.due,))).limit(limit)
                 .with_for_update(skip_locked=True))
        return db.execute(query).all() if isinstance(self.table, Table) else list(db.scalars(query))

    def overdue(self, db, grace: timedelta | None = None) -> tuple[int, object]:
        """How many rows wait longer than `grace` (default: the queue's) past their time, and
        the time the oldest of them was due (None when there are none)."""
        late = self.late_from if self.late_from is not None else self.due
        cutoff = func.now() - (self.grace if grace is None else grace)
        return tuple(db.execute(select(func.count(), func.min(late)).select_from(self.core_table)
                                .where(self.waiting, late < cutoff)).one())

    def describe(self, row) -> str:
        """The row's primary key, for logs: 'id=42' or 'message_id=…, handler=…'."""
        return ", ".join(f"{c.name}={getattr(row, c.name, '?')}" for c in self.core_table.primary_key)


def isolate(db, work, give_up, label: str, savepoint: bool = True) -> tuple:
    """Run `work()` in a SAVEPOINT of `db` (a Session or Connection); (its result, None).

    When it raises (other than an outage or a conflict, which fail the whole pass): only the
    savepoint is rolled back, `give_up(reason)` runs in a savepoint of its own, `label` (which
    row) is logged with the reason, and (None, reason) is returned. `savepoint=False` for
    work that writes nothing to the database (no round trips for it).
    """
    try:
        if not savepoint:
            return work(), None
        with db.begin_nested():
            return work(), None
    except Exception as exc:  # noqa: BLE001 - one row's failure must not stop the batch
        if is_outage(exc) or is_conflict(exc):
            raise
        reason = describe(exc)
    log.error("set aside %s: %s", label, reason)
    try:
        with db.begin_nested():
            give_up(reason)
    except Exception as exc:  # noqa: BLE001 - it stays claimable; the others still commit
        if is_outage(exc) or is_conflict(exc):
            raise
        log.error("could not mark %s as given up: %s", label, describe(exc))
    return None, reason


class DueLoop(NotifiedLoop):
    """Fires the due rows of `self.queue` in batches; isolates each row that fails.

    Subclasses set `queue` (a DueQueue), `metadata` (the service's tables), `channel` (the
    NOTIFY channel that announces new rows), `identifier` (the loop's name in loop_health),
    and implement `handle(session, row)` and `give_up(session, row, reason)`; or override
    `fire(session, rows)` to work on the whole batch, calling `self.isolate` per row.
    Configuration: <settings>_BATCH_SIZE rows a pass, <settings>_POLL_SECONDS between polls.
    """

    queue: DueQueue
    metadata: MetaData
    channel: str
    settings = "DUE"
    batch_size = 100

    def setup(self):
        config, service = self.container.config, self.container.service_name
        self.batch_size = int(config.get(f"{self.settings}_BATCH_SIZE") or self.batch_size)
        self.poll_seconds = float(config.get(f"{self.settings}_POLL_SECONDS") or self.poll_seconds)
        url = database_url(config, service)
        self.engine = make_engine(url, f"{service}-{self.identifier}", connections.LOOP_POOL_SIZE,
                                  connections.LOOP_POOL_OVERFLOW)
        self.sessions = session_factory(self.engine, self.metadata,
                                        self.container.service_cls.catalogue)
        self.listener = NotifyListener(libpq_url(url), self.channel)
        self.health = LoopHealth(self.engine, backbone(self.metadata).loop_health, self.identifier)
        self.set_aside = []

    def run_once(self) -> bool:
        self.set_aside = []
        with self.sessions() as session:
            rows = self.queue.claim(session, self.batch_size)
            if rows:
                self.fire(session, rows)
                session.commit()
        self.report_set_aside()
        return len(rows) >= self.batch_size

    def fire(self, session, rows: list):
        """Handle each claimed row on its own (before the pass commits them all)."""
        for row in rows:
            self.isolate(session, row, partial(self.handle, session, row))

    def handle(self, session, row):
        """Do what `row` is due for, in `session` (do not commit)."""
        raise NotImplementedError

    def give_up(self, session, row, reason: str):
        """Mark `row` as no longer waiting (failed, with `reason`), so it is not claimed again."""
        raise NotImplementedError

    def isolate(self, db, row, work, savepoint: bool = True):
        """`isolate` with this loop's `give_up`, remembering what was set aside for health."""
        result, reason = isolate(db, work, partial(self.give_up, db, row),
                                 f"{self.identifier}: {self.queue.describe(row)}", savepoint)
        if reason is not None:
            self.set_aside.append(reason)
        return result

    def report_set_aside(self):
        """After the pass committed: tell loop_health about the rows set aside in it."""
        set_aside, self.set_aside = self.set_aside, []
        if set_aside:
            self.health.isolated(len(set_aside), set_aside[-1])

    def release(self):
        super().release()
        self.engine.dispose()
