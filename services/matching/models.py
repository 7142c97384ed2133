"""The matching service's tables (schema `matching`)."""
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, Index, Integer, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.shared.models import new_id, schema_metadata, utcnow
from services.shared.tables import backbone

Timestamp = DateTime(timezone=True)
Id = UUID(as_uuid=False)
OPEN_PROPOSALS = ("proposed", "introduction_planned")
LIVE_DUOS = ("active", "paused")


class Base(DeclarativeBase):
    metadata = schema_metadata("matching")


BACKBONE = backbone(Base.metadata)


class Candidate(Base):
    """An approved buddy or participant in the pool, waiting to be matched. Matching keeps
    no names or contact details: only the profile it matches on."""

    __tablename__ = "candidate"
    person_id: Mapped[str] = mapped_column(UUID(as_uuid=False), primary_key=True)
    role: Mapped[str] = mapped_column(Text)
    profile: Mapped[dict] = mapped_column(JSONB, default=dict)  # see wire/profile.py
    status: Mapped[str] = mapped_column(Text, default="waiting")  # waiting, proposed, in_duo
    capacity: Mapped[int] = mapped_column(Integer, default=1)  # duos a buddy takes on at once
    waiting_since: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
    __table_args__ = (Index(None, "role", "status", "waiting_since"),)


class Proposal(Base):
    """A pair the coordinator proposed: told to both, introduced, then accepted or declined."""

    __tablename__ = "proposal"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    buddy_id: Mapped[str | None] = mapped_column(Id, index=True)
    participant_id: Mapped[str | None] = mapped_column(Id, index=True)
    score: Mapped[float] = mapped_column(Float)
    criteria: Mapped[list] = mapped_column(JSONB, default=list)  # the breakdown when proposed
    choice_reason: Mapped[str | None] = mapped_column(Text)  # why not the top suggestion
    status: Mapped[str] = mapped_column(Text, default="proposed")
    buddy_answer: Mapped[str | None] = mapped_column(Text)
    participant_answer: Mapped[str | None] = mapped_column(Text)
    declined_by: Mapped[str | None] = mapped_column(Text)
    decline_reason: Mapped[str | None] = mapped_column(Text)
    introduction_starts_at: Mapped[datetime | None] = mapped_column(Timestamp)
    introduction_ends_at: Mapped[datetime | None] = mapped_column(Timestamp)
    introduction_location: Mapped[str | None] = mapped_column(Text)
    introduction_sequence: Mapped[int] = mapped_column(Integer, default=0)
    introduction_planned_by: Mapped[str | None] = mapped_column(Id)  # the account that planned or last moved it
    proposed_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(Timestamp)


class Duo(Base):
    """A buddy and a participant on their trajectory: active, paused, or ended with a reason."""

    __tablename__ = "duo"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    proposal_id: Mapped[str] = mapped_column(Id, unique=True)
    buddy_id: Mapped[str | None] = mapped_column(Id, index=True)
    participant_id: Mapped[str | None] = mapped_column(Id, index=True)
    status: Mapped[str] = mapped_column(Text, default="active")
    started_on: Mapped[date] = mapped_column(Date)
    planned_end_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(Text)
    history: Mapped[list] = mapped_column(JSONB, default=list)  # [{at, action, detail}]
    forgotten_at: Mapped[datetime | None] = mapped_column(Timestamp)  # anonymised: retention.py


class DeclinedPair(Base):
    """Two people who said no to each other: never suggested together again."""

    __tablename__ = "declined_pair"
    buddy_id: Mapped[str] = mapped_column(Id, primary_key=True)
    participant_id: Mapped[str] = mapped_column(Id, primary_key=True)
    proposal_id: Mapped[str] = mapped_column(Id)
    reason: Mapped[str | None] = mapped_column(Text)
    declined_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)


class Setting(Base):
    """A tunable number of the scoring: a criterion's weight, or the furthest distance."""

    __tablename__ = "setting"
    name: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
