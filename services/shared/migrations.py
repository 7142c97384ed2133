"""Alembic for every service: one migration history per service, in the service's own schema.

Each service keeps `migrations/env.py` (two lines calling `run_env`) and its `versions/`.
`upgrade(service, url)` runs them programmatically; `python -m services.manage migrate` runs
all. Backbone tables are created by `create_backbone_v1` from a service's first migration, so
later changes to the backbone become new, versioned functions here.
"""
from pathlib import Path

import sqlalchemy as sa
from alembic import command, context
from sqlalchemy.dialects.postgresql import JSONB, UUID
from alembic.config import Config

SERVICES_DIR = Path(__file__).resolve().parents[1]


def alembic_config(service: str, url: str) -> Config:
    """An alembic Config for `service`'s migrations against `url`."""
    config = Config()
    config.set_main_option("script_location", str(SERVICES_DIR / service / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["schema"] = service
    return config


def upgrade(service: str, url: str, revision: str = "head"):
    """Bring `service`'s schema up to `revision` (as the administrator `url` names), then give
    the service's own role its rights on it (roles.py), unless DATABASE_ROLES=shared."""
    command.upgrade(alembic_config(service, url), revision)
    from services.shared.config import load_config
    from services.shared.roles import per_service, provision
    config = load_config()
    if per_service(config):
        provision(url, service, int(config.get("DB_ROLE_CONNECTION_LIMIT") or -1))


def downgrade(service: str, url: str, revision: str = "base"):
    """Take `service`'s schema down to `revision`."""
    command.downgrade(alembic_config(service, url), revision)


def run_env(target_metadata: sa.MetaData):
    """The body of every service's migrations/env.py (online mode only)."""
    schema = target_metadata.schema
    engine = sa.create_engine(context.config.get_main_option("sqlalchemy.url"),
                              poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        connection.commit()
        context.configure(connection=connection, target_metadata=target_metadata,
                          version_table_schema=schema, include_schemas=True,
                          include_name=lambda name, kind, _: kind != "schema" or name == schema)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


TIMESTAMP, NOW = sa.DateTime(timezone=True), sa.text("now()")


def create_backbone_v1(op, schema: str):
    """Outbox (with a NOTIFY trigger so the relay wakes at once), inbox, failures, parked."""
    _create_outbox_v1(op, schema)
    _create_inbox_v1(op, schema)
    _create_failure_v1(op, schema)
    _create_parked_v1(op, schema)


def _create_outbox_v1(op, schema):
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("message_id", UUID(as_uuid=False), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload", JSONB(), nullable=False),
        sa.Column("correlation_id", sa.Text(), nullable=True),
        sa.Column("created_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.Column("published_at", TIMESTAMP, nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("message_id", name="uq_outbox_message_id"),
        schema=schema,
    )
    op.create_index("ix_outbox_unpublished", "outbox", ["id"], schema=schema,
                    postgresql_where=sa.text("published_at IS NULL"))
    op.execute(f"""
        CREATE FUNCTION "{schema}".announce_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('outbox_{schema}', ''); RETURN NULL; END $$;
        CREATE TRIGGER outbox_announce AFTER INSERT ON "{schema}".outbox
        FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".announce_outbox();
    """)


def _create_inbox_v1(op, schema):
    op.create_table(
        "inbox",
        sa.Column("message_id", UUID(as_uuid=False), nullable=False),
        sa.Column("handler", sa.Text(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("applied_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("message_id", "handler", name="pk_inbox"),
        schema=schema,
    )


def _create_failure_v1(op, schema):
    op.create_table(
        "handler_failure",
        sa.Column("message_id", sa.Text(), nullable=False),
        sa.Column("handler", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("failed_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("message_id", "handler", name="pk_handler_failure"),
        schema=schema,
    )


def _create_parked_v1(op, schema):
    op.create_table(
        "parked_message",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("message_id", sa.Text(), nullable=False),
        sa.Column("queue", sa.Text(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("died_at", TIMESTAMP, nullable=False),
        sa.Column("content_type", sa.Text(), nullable=False),
        sa.Column("headers", JSONB(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("parked_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.Column("replayed_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_parked_message"),
        sa.UniqueConstraint("message_id", "queue", "died_at",
                            name="uq_parked_message_message_id_queue_died_at"),
        schema=schema,
    )


def drop_backbone_v1(op, schema: str):
    """Undo create_backbone_v1."""
    for table in ("parked_message", "handler_failure", "inbox", "outbox"):
        op.drop_table(table, schema=schema)
    op.execute(f'DROP FUNCTION IF EXISTS "{schema}".announce_outbox()')


def create_backbone_v2(op, schema: str, held_table: str = "held_event"):
    """Order per record and isolated failures: subjects' revisions on both sides, held events,
    the loops' health, and outbox rows given up on (`failed_at`)."""
    op.add_column("outbox", sa.Column("failed_at", TIMESTAMP, nullable=True), schema=schema)
    for table in ("subject_revision", "subject_applied"):
        op.create_table(
            table,
            sa.Column("subject_type", sa.Text(), nullable=False),
            sa.Column("subject_id", sa.Text(), nullable=False),
            sa.Column("revision", sa.BigInteger(), nullable=False),
            sa.Column("updated_at" if table == "subject_revision" else "applied_at", TIMESTAMP,
                      server_default=NOW, nullable=False),
            sa.PrimaryKeyConstraint("subject_type", "subject_id", name=f"pk_{table}"),
            schema=schema,
        )
    _create_held_v2(op, schema, held_table)
    _create_loop_health_v2(op, schema)


def _create_held_v2(op, schema, table):
    op.create_table(
        table,
        sa.Column("message_id", UUID(as_uuid=False), nullable=False),
        sa.Column("handler", sa.Text(), nullable=False),
        sa.Column("awaits_type", sa.Text(), nullable=False),
        sa.Column("awaits_id", sa.Text(), nullable=False),
        sa.Column("awaits_revision", sa.BigInteger(), nullable=False),
        sa.Column("envelope", JSONB(), nullable=False),
        sa.Column("held_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.Column("release_at", TIMESTAMP, nullable=False),
        sa.Column("failed_at", TIMESTAMP, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("message_id", "handler", name="pk_held_event"),
        schema=schema,
    )
    op.create_index("ix_held_event_awaits_type_awaits_id", table, ["awaits_type", "awaits_id"],
                    schema=schema)
    op.create_index("ix_held_event_release_at", table, ["release_at"], schema=schema,
                    postgresql_where=sa.text("failed_at IS NULL"))


def _create_loop_health_v2(op, schema):
    op.create_table(
        "loop_health",
        sa.Column("loop", sa.Text(), nullable=False),
        sa.Column("instance", sa.Text(), nullable=False),
        sa.Column("ok_at", TIMESTAMP, nullable=True),
        sa.Column("failing_since", TIMESTAMP, nullable=True),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("isolated", sa.Integer(), server_default="0", nullable=False),
        sa.Column("isolated_at", TIMESTAMP, nullable=True),
        sa.Column("isolated_error", sa.Text(), nullable=True),
        sa.Column("updated_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("loop", "instance", name="pk_loop_health"),
        schema=schema,
    )


def drop_backbone_v2(op, schema: str):
    """Undo create_backbone_v2."""
    for table in ("loop_health", "held_event", "subject_applied", "subject_revision"):
        op.drop_table(table, schema=schema)
    op.drop_column("outbox", "failed_at", schema=schema)
