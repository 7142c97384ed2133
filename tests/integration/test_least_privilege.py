"""Each service in its own room: it connects to PostgreSQL as its own role, which may use its
own schema and is refused every other (PostgreSQL trusts local connections here, so these
assert permissions, not passwords), and to RabbitMQ as its own user, which may use its own
exchanges and queues and the RPC exchange, and nothing else."""
import amqp
import kombu
import pytest
from amqp.exceptions import AccessRefused
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from services import SERVICES
from services.shared import broker_users, topology
from services.shared.config import database_url
from services.shared.wire import PLATFORM

OTHER_TABLE = {"intake": "matching.candidate", "matching": "intake.person", "notifications": "intake.person",
               "followup": "notifications.contact", "events": "intake.account"}


@pytest.fixture
def as_service(config):
    engines = []

    def connect(service):
        engines.append(create_engine(database_url(config, service)))
        return engines[-1].connect()
    yield connect
    for engine in engines:
        engine.dispose()


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_connects_as_its_own_role_and_may_not_read_another_s_tables(as_service, service):
    with as_service(service) as connection:
        database = connection.execute(text("SELECT current_database()")).scalar()
        assert connection.execute(text("SELECT current_user")).scalar() == f"{database}_{service}"
        connection.execute(text(f'SELECT count(*) FROM "{service}".outbox')).scalar()
        with pytest.raises(ProgrammingError) as refused:
            connection.execute(text(f"SELECT count(*) FROM {OTHER_TABLE[service]}"))
        assert "permission denied" in str(refused.value)


def test_a_service_s_role_cannot_change_its_own_schema(as_service):
    with as_service("intake") as connection, pytest.raises(ProgrammingError) as refused:
        connection.execute(text("CREATE TABLE intake.smuggled (id int)"))
    assert "permission denied" in str(refused.value)


# On the broker: each service's own user (services/shared/broker_users.py), provisioned by
# the same call as `setup`'s in the test session's set-up.

MATCHINGS_QUEUE = next(q.name for q in topology.queues_for(PLATFORM) if topology.service_of_queue(q.name) == "matching")


def broker_as(config, service) -> kombu.Connection:
    return kombu.Connection(broker_users.amqp_uri(config, service), connect_timeout=5)


def publish(connection: kombu.Connection, exchange: str, routing_key: str):
    """Publish one confirmed message; the broker's refusal raises."""
    connection.channel().basic_publish_confirm(amqp.Message(b"{}"), exchange=exchange,
                                               routing_key=routing_key, confirm_timeout=5)


def test_intake_s_broker_user_cannot_publish_on_matching_s_exchange(config):
    with broker_as(config, "intake") as connection:
        publish(connection, "intake.events", "probe_never_consumed")  # its own: allowed
        with pytest.raises(AccessRefused) as refused:
            publish(connection, "matching.events", "duo_formed")
    assert "matching.events" in str(refused.value)


@pytest.mark.parametrize("what, act", [
    ("read matching's event queue", lambda channel: channel.basic_get(MATCHINGS_QUEUE)),
    ("delete matching's queue", lambda channel: channel.queue_delete("parked--matching")),
    ("declare a queue of its own making", lambda channel: channel.queue_declare("smuggled", durable=True)),
    ("put a message back into matching's queue", lambda channel: channel.basic_publish_confirm(
        amqp.Message(b"{}"), exchange="replay--matching", routing_key=MATCHINGS_QUEUE, confirm_timeout=5)),
    ("publish straight into a queue", lambda channel: channel.basic_publish_confirm(
        amqp.Message(b"{}"), exchange="", routing_key="rpc-matching", confirm_timeout=5)),
])
def test_intake_s_broker_user_is_refused_what_is_not_its_own(config, what, act):
    with broker_as(config, "intake") as connection:
        with pytest.raises(AccessRefused):
            act(connection.channel())


@pytest.mark.parametrize("service", broker_users.USERS)
def test_each_broker_user_is_its_own_and_may_call_any_service(config, service):
    with broker_as(config, service) as connection:
        connection.ensure_connection(max_retries=1)
        assert connection.userid == broker_users.user_name(config, service) != "guest"
        publish(connection, "nameko-rpc", "intake.health")  # the RPC exchange: every caller's


@pytest.mark.parametrize("exchange, key", [
    ("nameko-rpc", "#"), ("nameko-rpc", "intake.*"), ("matching.events", "#"), ("intake.events", "#"),
    # the gateway's reply address, which every service sees in the requests it is sent
    ("nameko-rpc", "gateway-8d3a4f6e-0000-4000-8000-000000000001"),
    ("nameko-rpc", "8d3a4f6e-0000-4000-8000-000000000001"),  # nameko's bare reply address
])
def test_a_service_cannot_bind_a_queue_that_overhears_others(config, exchange, key):
    """Found by trying: a reply queue of its own bound to the RPC exchange with `#` received
    every call and answer, a password on its way to sign-in among them; and, bound to the
    gateway's reply address, every answer to the gateway."""
    with broker_as(config, "followup") as connection:
        channel = connection.channel()
        channel.queue_declare("rpc.reply-followup-overhearing", auto_delete=True)
        channel.queue_bind("rpc.reply-followup-overhearing", "nameko-rpc",  # its own reply address
                           routing_key="followup-8d3a4f6e-0000-4000-8000-000000000001")
        with pytest.raises(AccessRefused):
            channel.queue_bind("rpc.reply-followup-overhearing", exchange, routing_key=key)
