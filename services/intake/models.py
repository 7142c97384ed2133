"""The intake service's tables (schema `intake`)."""
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, Text, func
from sqlalchemy.dialects.postgresql import INET, JSONB, UUID
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
    channel: Mapped[str] = mapped_column(Text, default="email")
    profile: Mapped[dict] = mapped_column(JSONB, default=dict)  # see wire/profile.py
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    erased_at: Mapped[datetime | None] = mapped_column(Timestamp)
    # where matching has got with the person, for their status page: proposed, in_duo, ended
    match_state: Mapped[str | None] = mapped_column(Text)
    matched_on: Mapped[date | None] = mapped_column(Date)
    match_proposal_id: Mapped[str | None] = mapped_column(Text)  # the proposal it is about
    match_proposed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the names as the search compares them (search.name_key): accents off, case folded
    search_name: Mapped[str | None] = mapped_column(Text)


# finding a person by (the beginning of) an e-mail address in any case (search.py)
Index("ix_person_email_prefix", func.lower(Person.__table__.c.email).label("lower_email"),
      postgresql_ops={"lower_email": "text_pattern_ops"})


class Application(Base):
    """One application through the digital counter, and where it stands."""

    __tablename__ = "application"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey(Person.id))
    role: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, default="received")
    request_key: Mapped[str | None] = mapped_column(Text, unique=True)  # idempotency key
    request_fingerprint: Mapped[str | None] = mapped_column(Text)  # the SHA-256 of what was sent
    consent_version: Mapped[str] = mapped_column(Text)
    consented_at: Mapped[datetime] = mapped_column(Timestamp)
    submitted_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(Timestamp)
    first_contact_at: Mapped[datetime | None] = mapped_column(Timestamp)
    answers: Mapped[dict] = mapped_column(JSONB, default=dict)  # the form as sent
    duplicate_of: Mapped[str | None] = mapped_column(Id)  # an earlier application, same contact
    retention_error: Mapped[str | None] = mapped_column(Text)  # why retention could not erase it
    person: Mapped[Person] = relationship(lazy="joined")
    decisions: Mapped[list["ScreeningDecision"]] = relationship(
        lazy="selectin", order_by="ScreeningDecision.decided_at")
    interviews: Mapped[list["IntakeInterview"]] = relationship(
        lazy="selectin", order_by="IntakeInterview.created_at")
    record: Mapped["IntakeRecord | None"] = relationship(lazy="selectin")
    __table_args__ = (Index(None, "status", "submitted_at"),)


class ScreeningDecision(Base):
    """A coordinator's decision on an application, with the reason."""

    __tablename__ = "screening_decision"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    application_id: Mapped[str] = mapped_column(ForeignKey(Application.id), index=True)
    decision: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    feedback: Mapped[str | None] = mapped_column(Text)  # what the applicant was told
    decided_by: Mapped[str | None] = mapped_column(Id)
    decided_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)


class IntakeInterview(Base):
    """The individual intake interview: when, where or how; scheduled, moved, cancelled, held."""

    __tablename__ = "intake_interview"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    application_id: Mapped[str] = mapped_column(ForeignKey(Application.id), index=True)
    starts_at: Mapped[datetime] = mapped_column(Timestamp)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    mode: Mapped[str] = mapped_column(Text)  # in_person, phone, video
    location: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, default="scheduled")  # scheduled, cancelled, held
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # the calendar invitation's revision
    planned_by: Mapped[str | None] = mapped_column(Id)  # the account that planned or last moved it
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)


class IntakeRecord(Base):
    """What the intake interview found. `notes` are sensitive: every read is audited."""

    __tablename__ = "intake_record"
    application_id: Mapped[str] = mapped_column(ForeignKey(Application.id), primary_key=True)
    expectations: Mapped[str | None] = mapped_column(Text)
    needs: Mapped[str | None] = mapped_column(Text)
    motivation: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(Id)
    recorded_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)


class AuditEntry(Base):
    """Who read or did what to whose sensitive data, and when."""

    __tablename__ = "audit_entry"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, index=True)
    actor_id: Mapped[str | None] = mapped_column(Id)
    action: Mapped[str] = mapped_column(Text)  # read_notes, export, erase, …
    person_id: Mapped[str | None] = mapped_column(Id, index=True)
    detail: Mapped[str | None] = mapped_column(Text)


class Account(Base):
    """Someone who signs in: a coordinator, or a buddy (linked to their person)."""

    __tablename__ = "account"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    person_id: Mapped[str | None] = mapped_column(Id, unique=True)
    email: Mapped[str] = mapped_column(Text, unique=True)
    password_hash: Mapped[str | None] = mapped_column(Text)  # none until an invitee sets one
    role: Mapped[str] = mapped_column(Text)
    display_name: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)


class Credential(Base):
    """A session or API token of an account (credentials.py): its kind, scopes and expiry; the
    token itself is signed by the gateway and never stored, so revoking is what ends it."""

    __tablename__ = "credential"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(ForeignKey(Account.id), index=True)
    kind: Mapped[str] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(Text)
    scopes: Mapped[list] = mapped_column(JSONB, default=list)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(Timestamp)
    revoked_at: Mapped[datetime | None] = mapped_column(Timestamp)
    last_used_at: Mapped[datetime | None] = mapped_column(Timestamp)  # at most once a minute
    account: Mapped[Account] = relationship(lazy="joined")
    __table_args__ = (Index(None, "revoked_at", "expires_at"),)


class AccountInvitation(Base):
    """An invitation to set one's own password: the first one (`purpose` setup) or a new one
    for a forgotten password (reset). Single use, expires. Its link is a `Link` (purpose
    account_setup or password_reset, ref = this id), minted when the message is sent."""

    __tablename__ = "account_invitation"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(ForeignKey(Account.id), index=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(Timestamp)
    used_at: Mapped[datetime | None] = mapped_column(Timestamp)
    purpose: Mapped[str] = mapped_column(Text, default="setup", server_default="setup")  # setup, reset
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


class Link(Base):
    """A link that lets its holder into one thing of one person's (links.py): only the
    token's SHA-256 is kept; `ref` is what it opens (an application, an invitation)."""

    __tablename__ = "link"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey(Person.id), index=True)
    purpose: Mapped[str] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(Text)
    token_hash: Mapped[str] = mapped_column(Text, unique=True)
    issued_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(Timestamp)
    used_at: Mapped[datetime | None] = mapped_column(Timestamp)  # single-use links only
    person: Mapped[Person] = relationship(lazy="joined")
    __table_args__ = (Index(None, "purpose", "ref"),)
