"""Connections: five services and their loops stay under PostgreSQL's max_connections; each
worker has its own connection, and callers beyond the workers wait their turn instead of
opening more or failing (services/shared/connections.py)."""
import eventlet
from sqlalchemy import text

from services.intake.service import IntakeService
from services.shared import connections
from services.shared.database import Database
from tests.support.fixtures import COORDINATOR
from tests.support.waiting import eventually


def test_the_budget_counts_the_workers_pool_and_every_loop():
    intake = connections.budget(IntakeService, {"max_workers": "6", "DB_POOL_OVERFLOW": "1"})
    # a relay and three retention loops (rejected applicants, sign-in attempts, expired links),
    # each with a pool of one plus one and its LISTEN connection
    assert (intake.workers, intake.loops, intake.total) == (7, 4, 7 + 4 * 3)


def test_the_default_platform_fits_the_server_with_room_for_operators(db):
    with db.connect() as connection:
        limit = int(connection.execute(text("SHOW max_connections")).scalar())
        reserved = int(connection.execute(text("SHOW superuser_reserved_connections")).scalar())
    budgets = connections.platform_budgets({})
    assert {b.service for b in budgets} == {"intake", "matching", "followup", "events", "notifications"}
    assert sum(b.total for b in budgets) <= connections.available(limit, reserved)
    assert connections.report(budgets, limit, reserved)[-1].endswith("fits")


def test_callers_beyond_the_workers_wait_their_turn_and_are_all_answered(start_service, rpc_as, db):
    container = start_service(IntakeService, max_workers=2, DB_POOL_OVERFLOW="1")
    engine = next(d for d in container.extensions if isinstance(d, Database)).engine
    most = []

    def watch():
        while True:
            most.append(engine.pool.checkedout())
            eventlet.sleep(0.001)

    callers = [rpc_as(COORDINATOR) for _ in range(20)]  # one proxy each: they are single-threaded

    def ask(rpc):
        return rpc.intake.list_applications({})

    watcher = eventlet.spawn(watch)
    answers = list(eventlet.GreenPool(20).imap(ask, callers))
    watcher.kill()
    assert answers == [[]] * 20, "every caller answered, none refused for want of a connection"
    assert 2 <= max(most) <= 3, "a connection per busy worker (2) and one beside them, never more"
    eventually(lambda: engine.pool.checkedout() == 0, timeout=5)
