"""The delivery log: queue a message once per (event, recipient, template), send it, retry
with back-off, and give up visibly."""
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.notifications.models import Delivery
from services.notifications.templates import render
from services.shared.models import new_id, utcnow
from services.shared.tracing import current_correlation_id

MAX_ATTEMPTS = 8


def idempotency_key(message_id: str, person_id: str, template: str) -> str:
    return f"{message_id}:{person_id}:{template}"


def queue_email(session: Session, message_id: str, person_id: str, email: str, template: str,
                language: str, context: dict, with_dutch: bool, calendar: str | None = None) -> None:
    """Queue an email; a second call for the same event, person and template does nothing."""
    rendered = render(template, language, context, with_dutch=with_dutch)
    _log(session, message_id, person_id, template, language, channel="email", recipient=email,
         content_language=", ".join(rendered.languages), subject=rendered.subject,
         body_text=rendered.text, body_html=rendered.html, calendar=calendar, status="pending")


def record_skipped(session: Session, message_id: str, person_id: str, template: str,
                   language: str, reason: str) -> None:
    """Log a message that could not be sent at all, so the coordinator sees the gap."""
    _log(session, message_id, person_id, template, language, channel="none",
         content_language=language, status="skipped", last_error=reason)


def _log(session, message_id, person_id, template, language, **values):
    """One entry of the delivery log, once per (event, person, template)."""
    session.execute(insert(Delivery).values(
        id=new_id(), idempotency_key=idempotency_key(message_id, person_id, template),
        person_id=person_id, template=template, language=language, attempts=0,
        next_attempt_at=utcnow(), created_at=utcnow(), correlation_id=current_correlation_id(),
        **values).on_conflict_do_nothing())


def claim_due(session: Session, limit: int) -> list[Delivery]:
    """Pending deliveries whose time has come, locked for this sender only."""
    return list(session.scalars(
        select(Delivery).where(Delivery.status == "pending", Delivery.next_attempt_at <= utcnow())
        .order_by(Delivery.next_attempt_at).limit(limit).with_for_update(skip_locked=True)))


def mark_sent(delivery: Delivery) -> None:
    """Sent: the body is not kept (it may hold a private link); the subject and facts stay."""
    delivery.status, delivery.sent_at = "sent", utcnow()
    delivery.attempts += 1
    delivery.body_text = delivery.body_html = delivery.calendar = None
    delivery.last_error = None


def mark_attempt_failed(delivery: Delivery, error: str, retry_base_seconds: float) -> None:
    """Try again later with exponential back-off, or give up after the last attempt."""
    delivery.attempts += 1
    delivery.last_error = error[:1000]
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = "failed"
        return
    delay = min(retry_base_seconds * 2 ** (delivery.attempts - 1), 3600)
    delivery.next_attempt_at = utcnow() + timedelta(seconds=delay)


def search(session: Session, person_id=None, status=None, limit=100) -> list[Delivery]:
    """The delivery log, newest first."""
    query = select(Delivery).order_by(Delivery.created_at.desc()).limit(limit)
    if person_id:
        query = query.where(Delivery.person_id == str(person_id))
    if status:
        query = query.where(Delivery.status == status)
    return list(session.scalars(query))
