"""Fixtures: the test infrastructure, clean state per test, services in this process."""
import subprocess
import sys

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy
import eventlet
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from services import SERVICES
from services.shared import broker_users, migrations, topology
from services.shared.caller import CONTEXT_KEY as CALLER_KEY
from services.shared.caller import Caller
from services.shared.wire.credentials import ROLE_SCOPES
from services.shared.config import ROOT, load_config
from services.shared.wire import PLATFORM
from tests.support import broker, link_issuer, probe

SCHEMAS = [*SERVICES, "probe_producer", "probe_consumer"]


@pytest.fixture(scope="session")
def config():
    return load_config()


@pytest.fixture(scope="session")
def infrastructure(config):
    """RabbitMQ and PostgreSQL up; the test schemas rebuilt by the services' migrations, the
    topology declared and the services' broker users given their rights."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "infra.py")], check=True)
    engine = create_engine(config["DATABASE_URL"], pool_pre_ping=True)
    with engine.begin() as connection:
        for schema in SCHEMAS:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    for service in SERVICES:
        migrations.upgrade(service, config["DATABASE_URL"])
    probe.create_schemas(engine)
    with broker.connection(config) as connection:
        topology.declare(connection.default_channel, PLATFORM)
        topology.declare(connection.default_channel, probe.PROBE)
    broker_users.provision(config, PLATFORM, broker_users.USERS)  # as `setup` does
    yield engine
    engine.dispose()


def truncate_all(engine, tries=10):
    """Empty every table; running services may hold locks, so a deadlock is tried again."""
    for attempt in range(tries):
        try:
            with engine.begin() as connection:
                tables = connection.execute(text(
                    "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables"
                    " WHERE table_schema = ANY(:schemas) AND table_name <> 'alembic_version'"
                    " AND table_type = 'BASE TABLE' ORDER BY 1"), {"schemas": SCHEMAS}).scalars().all()
                connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            return
        except OperationalError:
            if attempt == tries - 1:
                raise
            eventlet.sleep(0.2)


@pytest.fixture
def clean(config, infrastructure):
    """Every table empty (but alembic's) and every known queue purged, before the test."""
    truncate_all(infrastructure)
    broker.purge(config, broker.queue_names([PLATFORM, probe.PROBE], SCHEMAS))
    return infrastructure


@pytest.fixture
def db(clean):
    """An engine on the test database, for looking at what the services did."""
    return clean


@pytest.fixture
def start_service(config):
    """Start a nameko service in this process; stopped when the test ends."""
    containers = []

    def start(cls, **overrides):
        container = ServiceContainer(cls, {**config, **overrides})
        container.start()
        containers.append(container)
        return container

    yield start
    for container in reversed(containers):
        container.stop()


# the coordinator on whose behalf the tests' RPC calls are made, as the gateway would say
COORDINATOR = Caller("00000000-0000-4000-8000-0000000000c0", "coordinator_api_token", "coordinator",
                     ROLE_SCOPES["coordinator"])


@pytest.fixture
def rpc(rpc_as):
    """A standalone RPC proxy to the services, calling as a coordinator (as the gateway does
    for a signed-in coordinator)."""
    return rpc_as(COORDINATOR)


@pytest.fixture
def link_maker(rpc_as):
    """Intake as notifications calls it for its messages' links (the only caller it allows)."""
    return rpc_as(Caller.service("notifications")).intake


@pytest.fixture
def rpc_as(config):
    """`rpc_as(caller)`: a proxy whose calls carry that Caller (None: nobody)."""
    runners = []

    def proxy(caller):
        context = {CALLER_KEY: caller.header()} if caller is not None else {}
        runners.append(ClusterRpcProxy(config, timeout=10, context_data=context))
        return runners[-1].start()
    yield proxy
    for runner in runners:
        runner.stop()


@pytest.fixture
def links_stand_in(start_service):
    """Intake's link issuing, stood in for (see link_issuer.py); started before the test's
    own services, so it is stopped after them."""
    link_issuer.REFUSED.clear(), link_issuer.REPLACED.clear()
    start_service(link_issuer.LinkIssuerStandIn)
    yield link_issuer
    link_issuer.REFUSED.clear(), link_issuer.REPLACED.clear()
