"""Work that falls due, against the real PostgreSQL: two instances of a service fire each due
row exactly once, nothing fires before its time, and a row that fails is set aside alone."""
from sqlalchemy import func, select

from tests.support.timer_probe import FIRED, TASK, TimerService, add_tasks, create_tables
from tests.support.waiting import eventually


def fired(db) -> list:
    with db.connect() as connection:
        return connection.execute(select(FIRED.c.task_id, FIRED.c.instance)).all()


def tasks(db) -> list:
    with db.connect() as connection:
        return connection.execute(select(TASK).order_by(TASK.c.id)).all()


def test_two_instances_fire_each_due_row_exactly_once(start_service, db):
    create_tables(db)
    # polling often too: an instance that starts listening just after the NOTIFY still
    # finds the work while there is some left (its share is what this test is about)
    start_service(TimerService, PROBE_TIMER_POLL_SECONDS=0.1)
    start_service(TimerService, PROBE_TIMER_POLL_SECONDS=0.1)
    add_tasks(db, range(1, 201))
    eventually(lambda: all(t.done_at for t in tasks(db)), timeout=30, message="all 200 done")
    firings = fired(db)
    assert sorted(task for task, _ in firings) == list(range(1, 201)), "each once"
    assert len({instance for _, instance in firings}) == 2, "both instances took a share"


def test_a_row_fires_when_it_falls_due_and_not_before(start_service, db):
    create_tables(db)
    start_service(TimerService, PROBE_TIMER_POLL_SECONDS=0.1)
    add_tasks(db, [1], in_seconds=1.5)
    with db.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(FIRED)) == 0, "not yet due"
    eventually(lambda: tasks(db)[0].done_at, timeout=10)
    assert tasks(db)[0].done_at >= tasks(db)[0].due_at


def test_a_row_that_fails_is_set_aside_and_the_batch_beside_it_fires(start_service, db, rpc):
    create_tables(db)
    start_service(TimerService)
    add_tasks(db, range(1, 11), poisoned={1})
    eventually(lambda: all(t.done_at or t.failed_at for t in tasks(db)), timeout=15)
    poisoned, *others = tasks(db)
    assert poisoned.failed_at and poisoned.last_error == "ValueError: task 1 cannot be done"
    assert all(t.done_at for t in others)
    assert sorted(task for task, _ in fired(db)) == list(range(2, 11)), \
        "what the poisoned task wrote was rolled back with it, and only that"
    health = rpc.probe_timer.health()
    assert health["status"] == "degraded"
    assert [p["what"] for p in health["problems"]] == ["probe-timer"]
