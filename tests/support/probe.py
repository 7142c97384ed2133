"""Probe services that exercise the event backbone on their own catalogue and schemas: a
producer whose events go through the real outbox and relay, and a consumer whose handler goes
through the real @on_event (inbox, retries, parking). The consumer's effect has no unique
constraint, so an event applied twice would show as two rows."""
import os
import signal

import eventlet
from alembic.migration import MigrationContext
from alembic.operations import Operations
from marshmallow import Schema, fields
from sqlalchemy import DateTime, Integer, Text, func, insert, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.shared.consumers import rpc
from services.shared.contracts import Catalogue, Contract
from services.shared.database import Database
from services.shared.handlers import on_event
from services.shared.migrations import create_backbone_v1, create_backbone_v2
from services.shared.models import schema_metadata
from services.shared.outbox import record_event
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService
from services.shared.tables import backbone


class ProbeHappened(Schema):
    seq = fields.Integer(required=True)
    pause = fields.Float(load_default=0.0)
    trace = fields.Boolean(load_default=True)  # count every try (the benchmark turns it off)


PROBE = Catalogue([Contract("probe_happened", "probe_producer", ProbeHappened, "a test event",
                            consumers=("probe_consumer.apply_probe",), subject="probe")])


class ProducerBase(DeclarativeBase):
    metadata = schema_metadata("probe_producer")


class ConsumerBase(DeclarativeBase):
    metadata = schema_metadata("probe_consumer")


backbone(ProducerBase.metadata)
backbone(ConsumerBase.metadata)


class Applied(ConsumerBase):
    """The consumer's effect: one row per application of an event."""

    __tablename__ = "applied"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(Integer)
    applied_at = mapped_column(DateTime(timezone=True), server_default=func.now())


class Poison(ConsumerBase):
    """Events whose seq is here fail until the row is removed (the cause is fixed)."""

    __tablename__ = "poison"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)


class Attempt(ConsumerBase):
    """Every try of the handler, written outside its transaction so failures count too."""

    __tablename__ = "attempt"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(Text)


class ProbeProducer(BackboneService):
    name = "probe_producer"
    catalogue = PROBE
    db = Database(ProducerBase.metadata)
    relay = OutboxRelay(ProducerBase.metadata)

    @rpc
    def emit(self, first: int, count: int, pause: float = 0.0, die_after_commit: bool = False):
        """Record `count` events in one transaction; optionally die right after the commit,
        before the relay can have published any of them."""
        for seq in range(first, first + count):
            record_event(self.db, "probe_happened", {"seq": seq, "pause": pause}, subject_id=seq)
        self.db.commit()
        if die_after_commit:  # no green-thread switch between the commit and this line
            os.kill(os.getpid(), signal.SIGKILL)
        return count


class ProbeConsumer(BackboneService):
    name = "probe_consumer"
    catalogue = PROBE
    db = Database(ConsumerBase.metadata)
    relay = OutboxRelay(ConsumerBase.metadata)

    @on_event("probe_producer", "probe_happened")
    def apply_probe(self, event):
        if event.data["trace"]:  # tests count tries and may poison; the benchmark does not
            with self.db.get_bind().begin() as connection:
                connection.execute(insert(Attempt).values(message_id=event.message_id))
            if self.db.get(Poison, event.data["seq"]) is not None:
                raise RuntimeError(f"probe {event.data['seq']} is poisoned")
        if event.data["pause"]:
            eventlet.sleep(event.data["pause"])
        self.db.add(Applied(message_id=event.message_id, seq=event.data["seq"]))

    @rpc
    def nap(self, seconds: float) -> float:
        """A slow query, to show that one does not hold up the others."""
        self.db.execute(text("SELECT pg_sleep(:seconds)"), {"seconds": seconds})
        return seconds


def create_schemas(engine):
    """The probes' schemas: backbone tables by the real migration function, and their own."""
    with engine.begin() as connection:
        for base in (ProducerBase, ConsumerBase):
            schema = base.metadata.schema
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            operations = Operations(MigrationContext.configure(connection))
            create_backbone_v1(operations, schema)
            create_backbone_v2(operations, schema)
        ConsumerBase.metadata.create_all(connection, tables=[Applied.__table__, Poison.__table__,
                                                             Attempt.__table__])
