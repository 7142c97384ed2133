"""A probe service with a due loop of its own: tasks that fall due at a time, each firing
written to a log without a unique constraint (a task fired twice shows as two rows), and a
poisoned task whose handling raises."""
from datetime import timedelta

import eventlet
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    Table,
    Text,
    func,
    insert,
    select,
    text,
    update,
)

from services.shared.database import Database
from services.shared.due import DueLoop, DueQueue
from services.shared.service import BackboneService
from tests.support.probe import PROBE, ConsumerBase

METADATA: MetaData = ConsumerBase.metadata
TASK = Table("due_task", METADATA,
             Column("id", Integer, primary_key=True),
             Column("due_at", DateTime(timezone=True), nullable=False),
             Column("poisoned", Boolean, nullable=False, server_default="false"),
             Column("done_at", DateTime(timezone=True)),
             Column("failed_at", DateTime(timezone=True)),
             Column("last_error", Text))
FIRED = Table("due_fired", METADATA,
              Column("id", BigInteger, primary_key=True, autoincrement=True),
              Column("task_id", Integer, nullable=False),
              Column("instance", Text, nullable=False))
TASKS = DueQueue("probe tasks", TASK, TASK.c.due_at,
                 TASK.c.done_at.is_(None) & TASK.c.failed_at.is_(None), order=(TASK.c.id,))
CHANNEL = "probe_task_due"


def create_tables(engine):
    with engine.begin() as connection:
        METADATA.create_all(connection, tables=[TASK, FIRED])


def add_tasks(engine, ids, in_seconds: float = 0.0, poisoned=()):
    """Tasks due `in_seconds` from now (the database's now), announced by NOTIFY."""
    with engine.begin() as connection:
        due_at = connection.scalar(select(func.now())) + timedelta(seconds=in_seconds)
        connection.execute(insert(TASK), [{"id": n, "due_at": due_at, "poisoned": n in poisoned}
                                          for n in ids])
        connection.execute(text(f"NOTIFY {CHANNEL}"))


class TaskTimer(DueLoop):
    identifier, settings = "probe-timer", "PROBE_TIMER"
    queue, metadata, channel = TASKS, METADATA, CHANNEL
    batch_size = 5

    def handle(self, session, row):
        session.execute(insert(FIRED).values(task_id=row.id, instance=self.health.instance))
        eventlet.sleep(0.002)  # a little work, so the instances' batches interleave
        if row.poisoned:
            raise ValueError(f"task {row.id} cannot be done")
        session.execute(update(TASK).where(TASK.c.id == row.id).values(done_at=func.now()))

    def give_up(self, session, row, reason):
        session.execute(update(TASK).where(TASK.c.id == row.id)
                        .values(failed_at=func.now(), last_error=reason))


class TimerService(BackboneService):
    name = "probe_timer"
    catalogue = PROBE
    db = Database(METADATA)
    timer = TaskTimer()
