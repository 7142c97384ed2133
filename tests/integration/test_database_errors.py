"""What a failed statement says in the log: its SQL, never the values (people's names,
addresses, answers)."""
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from services.shared.database import make_engine


def test_a_failed_statement_names_its_sql_but_not_the_person_s_data(config, infrastructure):
    engine = make_engine(config["DATABASE_URL"], "error-test", pool_size=1, max_overflow=0)
    try:
        with pytest.raises(DBAPIError) as failed, engine.connect() as connection:
            connection.execute(text("INSERT INTO no_such_table (name) VALUES (:name)"),
                               {"name": "Amina Haddad"})
    finally:
        engine.dispose()
    said = str(failed.value)
    assert "INSERT INTO no_such_table" in said and "Amina" not in said
