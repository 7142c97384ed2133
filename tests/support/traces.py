"""Where a person's data could still be: every text and JSON column of every service's schema,
read from the database's own catalogue at run time (a table added tomorrow is searched too)."""
from sqlalchemy import text

from services import SERVICES

TEXTUAL = ("text", "character varying", "json", "jsonb")


def columns(db) -> list[tuple[str, str, str]]:
    """(schema, table, column) of every textual column of every service schema."""
    with db.connect() as connection:
        return connection.execute(text(
            "SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c"
            " JOIN information_schema.tables t USING (table_schema, table_name)"
            " WHERE c.table_schema = ANY(:schemas) AND t.table_type = 'BASE TABLE'"
            " AND c.data_type = ANY(:types) ORDER BY 1, 2, 3"),
            {"schemas": list(SERVICES), "types": list(TEXTUAL)}).all()


def traces(db, needles: list[str]) -> list[str]:
    """'schema.table.column holds needle' for every place any needle is found (any case)."""
    found = []
    with db.connect() as connection:
        for schema, table, column in columns(db):
            for needle in needles:
                hits = connection.execute(text(
                    f'SELECT count(*) FROM "{schema}"."{table}" WHERE "{column}"::text ILIKE :needle'),
                    {"needle": f"%{needle}%"}).scalar()
                if hits:
                    found.append(f"{schema}.{table}.{column} holds {needle!r} ({hits}x)")
    return found
