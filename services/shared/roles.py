"""Each service in its own room: it connects to PostgreSQL as its own role, with rights on its
own schema only, so a bug or a stolen connection of one service cannot read another's data.

`provision` (run after the migrations, as the administrator DATABASE_URL names; `make run`,
`make test` and the deploy run it through `services.manage setup`) creates the role
`<database>_<service>` (e.g. `samenoppad_intake`: roles are the server's, not the
database's, so the database is in the name and two platforms on one server never share one)
if it is missing, with a connection limit, and grants it the use of its
schema's tables and sequences, now and for tables later migrations add. Nothing is granted on
any other schema, so intake's role gets "permission denied for schema matching".

Each service then connects as its role (`database_url`): the administrator's URL with the
role's name, and the password in $<SERVICE>_DB_PASSWORD (or $DB_ROLE_PASSWORD) when the
server asks for one; or
$<SERVICE>_DATABASE_URL whole. DATABASE_ROLES=shared connects every service as the
administrator, as before (a database where roles cannot be created).
"""
import os

from sqlalchemy import create_engine, make_url, text

from services import SERVICES

def role_name(admin_url, service: str) -> str:
    """`<database>_<service>` of the database `admin_url` names (63 characters at most)."""
    return f"{make_url(admin_url).database}_{service}"[:63]


def per_service(config: dict) -> bool:
    return (config.get("DATABASE_ROLES") or "per_service") != "shared"


def service_url(config: dict, service: str) -> str:
    """The URL `service` connects with (see the module docstring); a name that is not one of
    the platform's services (a test's probe) connects as the administrator."""
    explicit = os.environ.get(f"{service.upper()}_DATABASE_URL")
    if explicit:
        return explicit
    admin = make_url(config["DATABASE_URL"])
    if not per_service(config) or service not in SERVICES:
        return admin.render_as_string(hide_password=False)
    own = admin.set(username=role_name(admin, service), password=_password(service))
    return own.render_as_string(hide_password=False)


def _password(service: str) -> str | None:
    """$<SERVICE>_DB_PASSWORD, else $DB_ROLE_PASSWORD (one for every role), else none."""
    return os.environ.get(f"{service.upper()}_DB_PASSWORD") or os.environ.get("DB_ROLE_PASSWORD") or None


def provision(admin_url: str, service: str, connection_limit: int) -> None:
    """The service's role, with rights on its own schema only (idempotent)."""
    role, schema = role_name(admin_url, service), service
    password = _password(service)
    engine = create_engine(admin_url)
    try:
        with engine.begin() as connection:
            database = connection.execute(text("SELECT current_database()")).scalar()
            if not connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar():
                connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
            connection.execute(text(f'ALTER ROLE "{role}" CONNECTION LIMIT {int(connection_limit)}'))
            if password:  # a utility statement takes no parameters: quoted as a literal
                connection.execute(text(f"""ALTER ROLE "{role}" PASSWORD '{password.replace("'", "''")}'"""))
            for grant in (f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"',
                          f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"',
                          f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"',
                          f'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"',
                          f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" GRANT SELECT, INSERT, UPDATE, '
                          f'DELETE ON TABLES TO "{role}"',
                          f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" GRANT USAGE, SELECT, UPDATE '
                          f'ON SEQUENCES TO "{role}"'):
                connection.execute(text(grant))
    finally:
        engine.dispose()
