"""The notifications service's tables (schema `notifications`)."""
from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, Text, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.shared.models import new_id, schema_metadata, utcnow
from services.shared.tables import backbone

Id = UUID(as_uuid=False)
Timestamp = DateTime(timezone=True)
DELIVERY_CHANNEL = "delivery_due"  # NOTIFY channel: a delivery was queued


class Base(DeclarativeBase):
    metadata = schema_metadata("notifications")


BACKBONE = backbone(Base.metadata)


class Delivery(Base):
    """One message to one person on one channel: queued, then sent, failed or skipped.

    `idempotency_key` is (event, recipient, template): a redelivered event sends nothing new.
    """

    __tablename__ = "delivery"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    idempotency_key: Mapped[str] = mapped_column(Text, unique=True)
    person_id: Mapped[str | None] = mapped_column(Id, index=True)
    channel: Mapped[str] = mapped_column(Text)
    recipient: Mapped[str | None] = mapped_column(Text)
    template: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(Text)
    content_language: Mapped[str] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    body_text: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    calendar: Mapped[str | None] = mapped_column(Text)  # an .ics invitation to attach
    sms_encoding: Mapped[str | None] = mapped_column(Text)  # a text message's: GSM-7 or UCS-2 (gsm.py)
    sms_segments: Mapped[int | None] = mapped_column(Integer)  # and how many paid parts it went as
    appointment_uid: Mapped[str | None] = mapped_column(Text)  # for a reminder: what it reminds of
    status: Mapped[str] = mapped_column(Text, default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    correlation_id: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(Timestamp)
    __table_args__ = (Index("ix_delivery_due", "next_attempt_at",
                            postgresql_where=text("status = 'pending'")),)


class Contact(Base):
    """How to reach a person: notifications' own copy, kept from intake's events and
    forgotten when the person is erased (the row stays, empty, to say so)."""

    __tablename__ = "contact"
    person_id: Mapped[str] = mapped_column(Id, primary_key=True)
    role: Mapped[str | None] = mapped_column(Text)
    first_name: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(Text, default="email")
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
    erased_at: Mapped[datetime | None] = mapped_column(Timestamp)  # then nothing else is kept
    # the SHA-256 of the stop link in messages sent before intake minted every link (links.py)
    legacy_stop_hash: Mapped[str | None] = mapped_column(Text, unique=True)
    opted_out_at: Mapped[datetime | None] = mapped_column(Timestamp)
    __table_args__ = (  # an opt-out counts for the address and the number (contacts.opted_out)
        Index("ix_contact_opted_out_email", text("lower(email)"), postgresql_where=text("opted_out_at IS NOT NULL")),
        Index("ix_contact_opted_out_phone", "phone", postgresql_where=text("opted_out_at IS NOT NULL")),
    )
