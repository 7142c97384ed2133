"""How many PostgreSQL connections a service may hold at most, so that five services and their
loops stay under the server's `max_connections` (100 by default, 3 of them kept for
superusers).

A service process holds:
- its workers' pool (database.py): one connection per worker (nameko's `max_workers`,
  MAX_WORKERS), so that no worker ever waits for one — a wait that times out during a
  database restart would count against the message — and DB_POOL_OVERFLOW more for what runs
  beside the workers (the outage probe, a failed batch's failure record). A worker holds one
  connection at a time: the backbone never opens a second while a worker's session holds one
  (a failed batch's session is closed before its failure is recorded);
- per due loop (due.py: the relay, the dispatcher, each retention loop): a pool of
  LOOP_POOL_SIZE + LOOP_POOL_OVERFLOW, used by one pass at a time and its health report,
  and one connection that LISTENs for its NOTIFY.

`budget` adds these up from the service class itself, so a loop added tomorrow is counted;
`python -m services.manage connections` prints every service's budget against the server's
limit, and a test holds the default platform under it with room to spare.
"""
from dataclasses import dataclass

POOL_TIMEOUT_SECONDS = 10
DEFAULT_WORKERS, DEFAULT_POOL_OVERFLOW = 8, 2
LOOP_POOL_SIZE, LOOP_POOL_OVERFLOW = 1, 1
LOOP_LISTENERS = 1
# kept free for operators, migrations and `services.manage` while the platform runs
RESERVED_FOR_OPERATORS = 10


@dataclass(frozen=True)
class Budget:
    """The most connections one instance of `service` opens."""
    service: str
    workers: int  # the workers' pool, overflow included
    loops: int  # how many due loops the service runs

    @property
    def per_loop(self) -> int:
        return LOOP_POOL_SIZE + LOOP_POOL_OVERFLOW + LOOP_LISTENERS

    @property
    def total(self) -> int:
        return self.workers + self.loops * self.per_loop


def worker_pool(config: dict) -> tuple[int, int]:
    """(pool size, overflow) of a service's workers' engine: one per worker (max_workers),
    and DB_POOL_OVERFLOW beside them."""
    overflow = config.get("DB_POOL_OVERFLOW")
    return (int(config.get("max_workers") or DEFAULT_WORKERS),
            DEFAULT_POOL_OVERFLOW if overflow in (None, "") else int(overflow))


def budget(service_cls, config: dict) -> Budget:
    """The budget of one instance of `service_cls` under `config`."""
    from services.shared.due import DueLoop  # due imports the database module, which imports this
    loops = {name for klass in service_cls.__mro__ for name, value in vars(klass).items()
             if isinstance(value, DueLoop)}
    size, overflow = worker_pool(config)
    return Budget(service_cls.name, size + overflow, len(loops))


def available(max_connections: int, superuser_reserved: int) -> int:
    """What the platform's services may use of a server's connections."""
    return max_connections - superuser_reserved - RESERVED_FOR_OPERATORS


def platform_budgets(config: dict, instances: int = 1) -> list[Budget]:
    """Every service's budget (for `instances` instances of each, as one Budget each)."""
    import importlib

    from services import SERVICES
    budgets = []
    for spec in SERVICES.values():
        module, _, name = spec.partition(":")
        one = budget(getattr(importlib.import_module(module), name), config)
        budgets.append(Budget(one.service, one.workers * instances, one.loops * instances))
    return budgets


def report(budgets: list[Budget], max_connections: int, superuser_reserved: int) -> list[str]:
    """Lines for the operator: each service's most, the sum, and whether the server has room."""
    lines = [f"{b.service:<14} {b.total:>4}  (workers {b.workers} + {b.loops} loops x {b.per_loop})"
             for b in budgets]
    total, room = sum(b.total for b in budgets), available(max_connections, superuser_reserved)
    verdict = "fits" if total <= room else "DOES NOT FIT: lower MAX_WORKERS or raise max_connections"
    lines.append(f"{'in all':<14} {total:>4}  of {room} (max_connections {max_connections} - "
                 f"{superuser_reserved} for superusers - {RESERVED_FOR_OPERATORS} for operators): {verdict}")
    return lines
