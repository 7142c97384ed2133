"""Each service's migrations build exactly what its models describe, and can be undone."""
import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from services import SERVICES
from services.shared import migrations


def differences(engine, service):
    metadata = importlib.import_module(f"services.{service}.models").Base.metadata
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "include_schemas": True,
            "include_name": lambda name, kind, _: kind != "schema" or name == service})
        found = compare_metadata(context, metadata)
    return [d for d in found if not (d[0] == "remove_table" and d[1].name == "alembic_version")]


@pytest.mark.parametrize("service", list(SERVICES))
def test_the_migrations_match_the_models(db, service):
    assert differences(db, service) == []


@pytest.mark.parametrize("service", list(SERVICES))
def test_the_migrations_go_down_and_up_again(db, config, service):
    migrations.downgrade(service, config["DATABASE_URL"], "base")
    assert inspect(db).get_table_names(schema=service) == ["alembic_version"]
    migrations.upgrade(service, config["DATABASE_URL"])
    assert "outbox" in inspect(db).get_table_names(schema=service)
    assert differences(db, service) == []
