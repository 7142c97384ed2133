"""The matching service's tables (schema `matching`)."""
from datetime import datetime

from sqlalchemy import DateTime, Index, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.shared.models import schema_metadata, utcnow
from services.shared.tables import backbone

Timestamp = DateTime(timezone=True)


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
    status: Mapped[str] = mapped_column(Text, default="waiting")
    waiting_since: Mapped[datetime] = mapped_column(Timestamp)
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
    __table_args__ = (Index(None, "role", "status", "waiting_since"),)
