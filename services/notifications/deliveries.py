"""The delivery log: queue a message once per (event, recipient, template), send it, retry
with back-off, and give up visibly."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.notifications.models import Delivery
from services.notifications.templates import render, render_sms
from services.shared.dates import LOCAL_TIME
from services.shared.models import new_id, utcnow
from services.shared.tracing import current_correlation_id
from services.shared.wire.notifications import STATUSES

MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class Message:
    """One message to queue: which event, for whom, which template in which language."""

    message_id: str
    person_id: str
    template: str
    language: str
    context: dict
    due: datetime | None = None  # later than now for a reminder
    appointment: str | None = None  # the appointment a reminder is about


def idempotency_key(message_id: str, person_id: str, template: str) -> str:
    return f"{message_id}:{person_id}:{template}"


def queue_email(session: Session, message: Message, email: str, with_dutch: bool,
                calendar: str | None = None) -> None:
    """Queue an email; a second call for the same event, person and template does nothing."""
    rendered = render(message.template, message.language, message.context, with_dutch=with_dutch)
    _log(session, message.message_id, message.person_id, message.template, message.language,
         channel="email", recipient=email, content_language=", ".join(rendered.languages),
         subject=rendered.subject, body_text=rendered.text, body_html=rendered.html,
         calendar=calendar, status="pending", next_attempt_at=message.due or utcnow(),
         appointment_uid=message.appointment)


def queue_sms(session: Session, message: Message, phone: str, link: str | None,
              quiet_hours: tuple[int, int]) -> None:
    """Queue a text message: the subject and a link, never the details; not in quiet hours."""
    rendered = render_sms(message.template, message.language, message.context, link)
    _log(session, message.message_id, message.person_id, message.template, message.language,
         channel="sms", recipient=phone, content_language=rendered.languages[0],
         subject=rendered.subject, body_text=rendered.text, status="pending",
         next_attempt_at=outside_quiet_hours(message.due or utcnow(), quiet_hours),
         appointment_uid=message.appointment)


def outside_quiet_hours(moment: datetime, quiet_hours: tuple[int, int]) -> datetime:
    """`moment`, or the end of the quiet hours it falls in (Sint-Truiden's time)."""
    start, end = quiet_hours
    local = moment.astimezone(LOCAL_TIME)
    quiet = (local.hour >= start or local.hour < end) if start > end else start <= local.hour < end
    if not quiet:
        return moment
    morning = local.replace(hour=end, minute=0, second=0, microsecond=0)
    if morning <= local:
        morning = (local + timedelta(days=1)).replace(hour=end, minute=0, second=0, microsecond=0)
    return morning


def cancel_reminders(session: Session, appointment_uid: str) -> None:
    """A moved or cancelled appointment: the reminders not yet sent are withdrawn."""
    session.execute(update(Delivery).where(Delivery.appointment_uid == appointment_uid,
                                           Delivery.status == "pending")
                    .values(status="superseded", last_error="the appointment changed",
                            body_text=None, body_html=None, calendar=None))


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
        created_at=utcnow(), correlation_id=current_correlation_id(),
        **{"next_attempt_at": utcnow(), **values}).on_conflict_do_nothing())


def claim_due(session: Session, limit: int) -> list[Delivery]:
    """Pending deliveries whose time has come, oldest first, locked for this sender only."""
    return list(session.scalars(
        select(Delivery).where(Delivery.status == "pending", Delivery.next_attempt_at <= utcnow())
        .order_by(Delivery.next_attempt_at, Delivery.created_at).limit(limit).with_for_update(skip_locked=True)))


def mark_sent(delivery: Delivery) -> None:
    """Sent: the body is not kept (it may hold a private link); the subject and facts stay."""
    delivery.status, delivery.sent_at = "sent", utcnow()
    delivery.attempts += 1
    delivery.body_text = delivery.body_html = delivery.calendar = None
    delivery.last_error = None


def mark_attempt_failed(delivery: Delivery, error: str, retry_base_seconds: float,
                        permanent: bool = False) -> None:
    """Try again later with exponential back-off, or give up (after the last attempt, or at
    once when trying again cannot help); a message given up on keeps no body."""
    delivery.attempts += 1
    delivery.last_error = error[:1000]
    if permanent or delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = "failed", utcnow()
        delivery.body_text = delivery.body_html = delivery.calendar = None
        return
    delay = min(retry_base_seconds * 2 ** (delivery.attempts - 1), 3600)
    delivery.next_attempt_at = utcnow() + timedelta(seconds=delay)


def search(session: Session, limit=100, **filters) -> list[Delivery]:
    """The delivery log, newest first, filtered by person, status, channel or template."""
    query = select(Delivery).order_by(Delivery.created_at.desc()).limit(limit)
    for name, value in filters.items():
        if value:
            query = query.where(getattr(Delivery, name) == str(value))
    return list(session.scalars(query))


def summary(session: Session, channel: str | None = None) -> dict:
    """How many deliveries (of one channel, if given) there are of each status, and when the
    next waiting one goes out."""
    query = select(Delivery.status, func.count(), func.min(Delivery.next_attempt_at)).group_by(Delivery.status)
    rows = session.execute(query.where(Delivery.channel == channel) if channel else query).all()
    found = {status: (count, first) for status, count, first in rows}
    return {**{status: found.get(status, (0, None))[0] for status in STATUSES},
            "next_pending_at": found.get("pending", (0, None))[1]}
