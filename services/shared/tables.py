"""The backbone's tables, which every service keeps in its own schema: the outbox of events
to publish, the inbox of events applied, handler failures, and parked (dead-lettered) messages."""
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
                    tables[f"{schema}.handler_failure"], tables[f"{schema}.parked_message"])


def _define(metadata: MetaData):
    for define in (_outbox, _inbox, _failure, _parked):
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
