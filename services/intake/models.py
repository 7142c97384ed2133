"""The intake service's tables (schema `intake`)."""
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Text
from sqlalchemy.dialects.postgresql import INET, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.shared.models import new_id, schema_metadata, utcnow
from services.shared.tables import backbone

Id = UUID(as_uuid=False)
Timestamp = DateTime(timezone=True)


class Base(DeclarativeBase):
    metadata = schema_metadata("intake")


BACKBONE = backbone(Base.metadata)


class Person(Base):
    """Someone who applied: a future buddy or participant."""

    __tablename__ = "person"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    role: Mapped[str] = mapped_column(Text)
    first_name: Mapped[str] = mapped_column(Text)
    last_name: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text, index=True)
    phone: Mapped[str | None] = mapped_column(Text, index=True)
    language: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)


class Application(Base):
    """One application through the digital counter, and where it stands."""

    __tablename__ = "application"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey(Person.id))
    role: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, default="received")
    status_token: Mapped[str] = mapped_column(Text, unique=True)
    request_key: Mapped[str | None] = mapped_column(Text, unique=True)  # idempotency key
    consent_version: Mapped[str] = mapped_column(Text)
    consented_at: Mapped[datetime] = mapped_column(Timestamp)
    submitted_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(Timestamp)
    person: Mapped[Person] = relationship(lazy="joined")
    decisions: Mapped[list["ScreeningDecision"]] = relationship(
        lazy="selectin", order_by="ScreeningDecision.decided_at")
    __table_args__ = (Index(None, "status", "submitted_at"),)


class ScreeningDecision(Base):
    """A coordinator's decision on an application, with the reason."""

    __tablename__ = "screening_decision"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    application_id: Mapped[str] = mapped_column(ForeignKey(Application.id), index=True)
    decision: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(Id)
    decided_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)


class Account(Base):
    """Someone who signs in: a coordinator now, buddies later."""

    __tablename__ = "account"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(Text, unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    display_name: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)


class ApiToken(Base):
    """A bearer token for API clients; only its SHA-256 is stored."""

    __tablename__ = "api_token"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    token_hash: Mapped[str] = mapped_column(Text, unique=True)
    account_id: Mapped[str] = mapped_column(ForeignKey(Account.id), index=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(Timestamp)
    revoked_at: Mapped[datetime | None] = mapped_column(Timestamp)
    account: Mapped[Account] = relationship(lazy="joined")


class LoginAttempt(Base):
    """Each sign-in attempt, for throttling guessers."""

    __tablename__ = "login_attempt"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(Text)
    client_ip: Mapped[str | None] = mapped_column(INET)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    attempted_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    __table_args__ = (Index(None, "email", "attempted_at"), Index(None, "client_ip", "attempted_at"))
