"""SQLAlchemy 2 for nameko: one engine per service, one session per worker."""
import logging
import sys
import time

import psycopg
from eventlet.semaphore import Semaphore
from nameko.extensions import DependencyProvider
from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from services.shared import connections
from services.shared.config import database_url
from services.shared.tables import backbone

log = logging.getLogger(__name__)
PROBE_SHARED_SECONDS = 0.5


def make_engine(url: str, application_name: str, pool_size: int = 10, max_overflow: int | None = None) -> Engine:
    """An engine that survives a database restart (pre-ping) and never waits forever to connect
    or for a free connection; at most `pool_size` + `max_overflow` (default: as many again).
    A failed statement's error names its SQL but not its values: those are people's names,
    addresses and answers, and the error reaches the log."""
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size if max_overflow is None else max_overflow,
                         pool_pre_ping=True, pool_recycle=1800, pool_timeout=connections.POOL_TIMEOUT_SECONDS,
                         hide_parameters=True,
                         connect_args={"connect_timeout": 5, "application_name": application_name})


def session_factory(engine: Engine, metadata: MetaData, catalogue) -> sessionmaker:
    """Sessions that know their service's backbone tables and event catalogue (for the outbox)."""
    return sessionmaker(engine, expire_on_commit=False,
                        info={"backbone": backbone(metadata), "catalogue": catalogue})


def libpq_url(url: str | URL) -> str:
    """The same database as a plain libpq URI, for psycopg outside SQLAlchemy (LISTEN)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def check_psycopg_is_green():
    """Refuse to run a service whose queries would block every other green thread."""
    eventlet_patcher = sys.modules.get("eventlet.patcher")
    if eventlet_patcher and eventlet_patcher.is_monkey_patched("select"):
        if psycopg.waiting.wait is not psycopg.waiting.wait_select:
            raise RuntimeError("psycopg would block eventlet's hub: set PSYCOPG_WAIT_FUNC="
                               "wait_select before psycopg is imported (import services.shared.boot first)")


class Database(DependencyProvider):
    """Gives each worker its own Session on the service's schema; closed when the worker ends.

    Entrypoints commit explicitly before they return, so a caller never sees a reply or an
    acknowledgement before the change is durable.
    """

    def __init__(self, metadata: MetaData):
        self.metadata = metadata
        self.backbone = backbone(metadata)

    def setup(self):
        check_psycopg_is_green()
        config = self.container.config
        pool_size, overflow = connections.worker_pool(config)  # sized in connections.py
        self.engine = make_engine(database_url(config, self.container.service_name),
                                  self.container.service_name, pool_size, overflow)
        catalogue = self.container.service_cls.catalogue
        self.sessionmaker = session_factory(self.engine, self.metadata, catalogue)
        self.sessions = {}
        self._probing, self._probed_at, self._was_up = Semaphore(), float("-inf"), False

    def stop(self):
        self.engine.dispose()

    kill = stop

    def get_dependency(self, worker_ctx) -> Session:
        session = self.sessionmaker()
        self.sessions[worker_ctx] = session
        return session

    def worker_teardown(self, worker_ctx):
        self.release(worker_ctx)

    def release(self, worker_ctx):
        """Close the worker's session now, giving its connection back to the pool (a failed
        batch does, before recording its failure through another connection)."""
        session = self.sessions.pop(worker_ctx, None)
        if session is None:
            return
        try:
            session.close()
        except Exception as exc:  # noqa: BLE001 - a teardown error would kill the service
            # the database dropped the connection (restart, failover): discard it, carry on
            log.warning("closing a session failed (%s); discarding its connection", exc)
            session.invalidate()

    def is_up(self) -> bool:
        """Whether the database answers a trivial query within a few seconds. During an
        outage every waiting message asks: one probe at a time, its answer shared for a
        moment, so that the askers never fill the workers' pool."""
        with self._probing:
            if time.monotonic() - self._probed_at >= PROBE_SHARED_SECONDS:
                self._was_up, self._probed_at = self._probe(), time.monotonic()
            return self._was_up

    def _probe(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - any failure means: not up
            return False
