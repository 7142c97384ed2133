"""Each service in its own room: it connects to PostgreSQL as its own role, which may use its
own schema and is refused every other (PostgreSQL trusts local connections here, so these
assert permissions, not passwords)."""
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from services import SERVICES
from services.shared.config import database_url

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
        assert connection.execute(text("SELECT current_user")).scalar() == f"samenoppad_{service}"
        connection.execute(text(f'SELECT count(*) FROM "{service}".outbox')).scalar()
        with pytest.raises(ProgrammingError) as refused:
            connection.execute(text(f"SELECT count(*) FROM {OTHER_TABLE[service]}"))
        assert "permission denied" in str(refused.value)


def test_a_service_s_role_cannot_change_its_own_schema(as_service):
    with as_service("intake") as connection, pytest.raises(ProgrammingError) as refused:
        connection.execute(text("CREATE TABLE intake.smuggled (id int)"))
    assert "permission denied" in str(refused.value)
