"""The backbone's tables, which every service keeps in its own schema: the outbox of events
to publish, the inbox of events applied, handler failures, parked (dead-lettered) messages,
the revisions of the subjects it produces and applies, the events it holds until their
predecessor, and the health of its background loops."""
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger, Column, DateTime, Index, Integer, MetaData, PrimaryKeyConstraint, Table, Text,
    UniqueConstraint, text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

NOW = text("now()")


@dataclass(frozen=True)
class Backbone:
    """The backbone tables of one service schema."""

    schema: str
    outbox: Table
    inbox: Table
    failure: Table
    parked: Table
    revision: Table
    applied: Table
    held: Table
    loop_health: Table

    @property
    def notify_channel(self) -> str:
        """The PostgreSQL NOTIFY channel on which new outbox rows are announced."""
        return f"outbox_{self.schema}"


def backbone(metadata: MetaData) -> Backbone:
    """The backbone tables in `metadata`'s schema, defined on first use."""
    schema = metadata.schema
    if f"{schema}.outbox" not in metadata.tables:
        _define(metadata)
    tables = metadata.tables
    return Backbone(schema, tables[f"{schema}.outbox"], tables[f"{schema}.inbox"],
                    tables[f"{schema}.handler_failure"], tables[f"{schema}.parked_message"],
                    tables[f"{schema}.subject_revision"], tables[f"{schema}.subject_applied"],
                    tables[f"{schema}.held_event"], tables[f"{schema}.loop_health"])


def _define(metadata: MetaData):
    for define in (_outbox, _inbox, _failure, _parked, _revision, _applied, _held, _loop_health):
        define(metadata)


def _outbox(metadata):
    Table(
        "outbox", metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("message_id", UUID(as_uuid=False), nullable=False, unique=True),
        Column("event_type", Text, nullable=False),
        Column("version", Integer, nullable=False),
        Column("payload", JSONB, nullable=False),
        Column("correlation_id", Text),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=NOW),
        Column("published_at", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("next_attempt_at", DateTime(timezone=True), nullable=False, server_default=NOW),
        Column("last_error", Text),
        Column("failed_at", DateTime(timezone=True)),  # given up on: see last_error
        Index("ix_outbox_unpublished", "id", postgresql_where=text("published_at IS NULL")),
    )


def _inbox(metadata):
    Table(
        "inbox", metadata,
        Column("message_id", UUID(as_uuid=False), nullable=False),
        Column("handler", Text, nullable=False),
        Column("event_type", Text, nullable=False),
        Column("applied_at", DateTime(timezone=True), nullable=False, server_default=NOW),
        PrimaryKeyConstraint("message_id", "handler"),
    )


def _failure(metadata):
    Table(
        "handler_failure", metadata,
        Column("message_id", Text, nullable=False),
        Column("handler", Text, nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("last_error", Text, nullable=False),
        Column("failed_at", DateTime(timezone=True), nullable=False, server_default=NOW),
        PrimaryKeyConstraint("message_id", "handler"),
    )


def _parked(metadata):
    Table(
        "parked_message", metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("message_id", Text, nullable=False),
        Column("queue", Text, nullable=False),
        Column("event_type", Text, nullable=False),
        Column("reason", Text, nullable=False),
        Column("died_at", DateTime(timezone=True), nullable=False),
        Column("content_type", Text, nullable=False),
        Column("headers", JSONB, nullable=False),
        Column("body", Text, nullable=False),
        Column("parked_at", DateTime(timezone=True), nullable=False, server_default=NOW),
        Column("replayed_at", DateTime(timezone=True)),
        UniqueConstraint("message_id", "queue", "died_at"),
    )


def _revision(metadata):
    """The producer's side: the latest revision of each subject it has written an event about."""
    _revisions(metadata, "subject_revision", "updated_at")


def _applied(metadata):
    """The consumer's side: the latest revision of each subject this service has applied."""
    _revisions(metadata, "subject_applied", "applied_at")


def _revisions(metadata, name: str, stamped: str):
    Table(
        name, metadata,
        Column("subject_type", Text, nullable=False),
        Column("subject_id", Text, nullable=False),
        Column("revision", BigInteger, nullable=False),
        Column(stamped, DateTime(timezone=True), nullable=False, server_default=NOW),
        PrimaryKeyConstraint("subject_type", "subject_id"),
    )


def _held(metadata):
    """Events a handler holds until a revision of a subject has been applied (or until
    `release_at`, when it goes ahead anyway and the gap is logged)."""
    Table(
        "held_event", metadata,
        Column("message_id", UUID(as_uuid=False), nullable=False),
        Column("handler", Text, nullable=False),
        Column("awaits_type", Text, nullable=False),
        Column("awaits_id", Text, nullable=False),
        Column("awaits_revision", BigInteger, nullable=False),
        Column("envelope", JSONB, nullable=False),
        Column("held_at", DateTime(timezone=True), nullable=False, server_default=NOW),
        Column("release_at", DateTime(timezone=True), nullable=False),
        Column("failed_at", DateTime(timezone=True)),
        Column("last_error", Text),
        PrimaryKeyConstraint("message_id", "handler"),
        Index(None, "awaits_type", "awaits_id"),
        Index(None, "release_at", postgresql_where=text("failed_at IS NULL")),
    )


def _loop_health(metadata):
    """How each background loop of each running instance is doing (for /healthz)."""
    Table(
        "loop_health", metadata,
        Column("loop", Text, nullable=False),
        Column("instance", Text, nullable=False),
        Column("ok_at", DateTime(timezone=True)),
        Column("failing_since", DateTime(timezone=True)),
        Column("failures", Integer, nullable=False, server_default="0"),
        Column("last_error", Text),
        Column("isolated", Integer, nullable=False, server_default="0"),
        Column("isolated_at", DateTime(timezone=True)),
        Column("isolated_error", Text),
        Column("updated_at", DateTime(timezone=True), nullable=False, server_default=NOW),
        PrimaryKeyConstraint("loop", "instance"),
    )
