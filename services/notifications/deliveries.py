"""The delivery log: queue a message once per (event, recipient, template), send it, retry
with back-off, and give up visibly. Pending deliveries are due work (see shared/due.py)."""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, aliased

from services.notifications import gsm
from services.notifications.models import Delivery
from services.notifications.templates import render, render_sms
from services.shared.backoff import backoff
from services.shared.dates import LOCAL_TIME
from services.shared.due import DueQueue
from services.shared.models import new_id, utcnow
from services.shared.tracing import current_correlation_id
from services.shared.wire.notifications import STATUSES

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
RETRY_MAX_SECONDS = 3600
PENDING, SENT, FAILED, SKIPPED, SUPERSEDED = "pending", "sent", "failed", "skipped", "superseded"
assert set(STATUSES) == {PENDING, SENT, FAILED, SKIPPED, SUPERSEDED}  # the API lists the same
# Pending deliveries fall due at next_attempt_at; one still waiting 5 minutes later is overdue
# (a bulk send at EMAIL_PER_SECOND takes its time; the quiet hours move next_attempt_at).
_EARLIER = aliased(Delivery)
# A person's messages on one channel go out in the order they were queued: one being retried
# (after a temporary SMTP or provider error) holds back those queued after it ("you are a duo"
# must not overtake "we found you a buddy"); a reminder waiting for its day does not.
IN_TURN = ~exists().where(_EARLIER.person_id == Delivery.person_id,
                          _EARLIER.channel == Delivery.channel, _EARLIER.status == PENDING,
                          _EARLIER.attempts > 0, _EARLIER.created_at < Delivery.created_at)
DUE = DueQueue("deliveries", Delivery, Delivery.next_attempt_at,
               and_(Delivery.status == PENDING, IN_TURN),
               order=(Delivery.next_attempt_at, Delivery.created_at), grace=timedelta(minutes=5))
ERASED = "there is no address to send it to: the person's data was erased"


class Undeliverable(Exception):
    """This delivery cannot be sent at all, whatever we try (see `address_of`)."""


def address_of(delivery: Delivery) -> str:
    """Where the delivery goes; Undeliverable when the address is gone (erasure blanks it)."""
    if not delivery.recipient:
        raise Undeliverable(ERASED)
    return delivery.recipient


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
         calendar=calendar, status=PENDING, next_attempt_at=message.due or utcnow(),
         appointment_uid=message.appointment)


def queue_sms(session: Session, message: Message, phone: str, link: str | None,
              quiet_hours: tuple[int, int]) -> None:
    """Queue a text message: the subject and a link, never the details; not in quiet hours."""
    rendered = render_sms(message.template, message.language, message.context, link)
    _log(session, message.message_id, message.person_id, message.template, message.language,
         channel="sms", recipient=phone, content_language=rendered.languages[0],
         subject=rendered.subject, body_text=rendered.text, status=PENDING,
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


def cancel_reminders(session: Session, appointment_uid: str,
                     why: str = "the appointment changed") -> None:
    """A moved or cancelled appointment: the reminders not yet sent are withdrawn."""
    withdraw(session, Delivery.appointment_uid == appointment_uid, why)


def cancel_reminders_like(session: Session, person_id: str, uid_prefix: str, why: str) -> None:
    """Withdraw the person's reminders of every appointment whose uid starts with `uid_prefix`."""
    withdraw(session, and_(Delivery.person_id == str(person_id),
                           Delivery.appointment_uid.startswith(uid_prefix, autoescape=True)), why)


def withdraw_all(session: Session, person_id: str, why: str) -> None:
    """Everything still waiting for this person (reminders, retries, texts held for the
    morning) is withdrawn: opted out, or erased."""
    withdraw(session, Delivery.person_id == str(person_id), why)


def withdraw(session: Session, which, why: str) -> None:
    """Pending deliveries matching `which` will not go out; they keep no body."""
    session.execute(update(Delivery).where(which, Delivery.status == PENDING)
                    .values(status=SUPERSEDED, last_error=why, body_text=None, body_html=None,
                            calendar=None))


def record_skipped(session: Session, message_id: str, person_id: str, template: str,
                   language: str, reason: str) -> None:
    """Log a message that could not be sent at all, so the coordinator sees the gap."""
    _log(session, message_id, person_id, template, language, channel="none",
         content_language=language, status=SKIPPED, last_error=reason)


def _log(session, message_id, person_id, template, language, **values):
    """One entry of the delivery log, once per (event, person, template)."""
    session.execute(insert(Delivery).values(
        id=new_id(), idempotency_key=idempotency_key(message_id, person_id, template),
        person_id=person_id, template=template, language=language, attempts=0,
        created_at=utcnow(), correlation_id=current_correlation_id(),
        **{"next_attempt_at": utcnow(), **values}).on_conflict_do_nothing())


def sized_sms(outgoing, most_segments: int) -> str:
    """The text as it goes out, with its links filled in: at most `most_segments`, its
    encoding and segments written in the delivery log. A link is never cut; when the whole
    does not fit, the privacy notice's link (the last line) gives way before the subject is
    shortened: the subject says what happened, and the status page links the notice too."""
    text, _, links = outgoing.body_text.partition("\n")  # the subject, then a link a line
    first_link = links.split("\n", 1)[0]
    fitting = [f"{text}\n{tail}" for tail in dict.fromkeys([links, first_link]) if tail]
    body = next((b for b in fitting if gsm.segments(b) <= most_segments), None)
    if body is None:
        body = gsm.within(text, f"\n{first_link}", most_segments) if links else outgoing.body_text
    row = outgoing.row
    row.sms_encoding, row.sms_segments = gsm.encoding(body), gsm.segments(body)
    log.info("text message %s: %s, %d segment(s)", row.id, row.sms_encoding, row.sms_segments)
    return body


def mark_sent(delivery: Delivery) -> None:
    """Sent: the body is not kept (it may hold a private link); the subject and facts stay."""
    delivery.status, delivery.sent_at = SENT, utcnow()
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
        delivery.status, delivery.next_attempt_at = FAILED, utcnow()
        delivery.body_text = delivery.body_html = delivery.calendar = None
        return
    delay = backoff(delivery.attempts, retry_base_seconds, RETRY_MAX_SECONDS)
    delivery.next_attempt_at = utcnow() + timedelta(seconds=delay)


def give_up(session: Session, delivery_id: str, reason: str) -> None:
    """The dispatcher set this delivery aside (sending or recording it raised): failed, with
    the reason, keeping no body; written by id, whatever state the object was left in."""
    session.execute(update(Delivery).where(Delivery.id == delivery_id).values(
        status=FAILED, last_error=reason[:1000], next_attempt_at=utcnow(),
        attempts=Delivery.attempts + 1, body_text=None, body_html=None, calendar=None))


def search(session: Session, limit=100, offset=0, **filters) -> list[Delivery]:
    """The delivery log, newest first, filtered by person, status, channel or template."""
    query = _filtered(select(Delivery), filters).order_by(Delivery.created_at.desc(), Delivery.id)
    return list(session.scalars(query.limit(limit).offset(offset)))


def count(session: Session, **filters) -> int:
    """How many deliveries match the filters of `search`."""
    return session.scalar(_filtered(select(func.count(Delivery.id)), filters))


def _filtered(query, filters: dict):
    for name, value in filters.items():
        if value:
            query = query.where(getattr(Delivery, name) == str(value))
    return query


def summary(session: Session, channel: str | None = None) -> dict:
    """How many deliveries (of one channel, if given) there are of each status, and when the
    next waiting one goes out."""
    query = select(Delivery.status, func.count(), func.min(Delivery.next_attempt_at)).group_by(Delivery.status)
    rows = session.execute(query.where(Delivery.channel == channel) if channel else query).all()
    found = {status: (count, first) for status, count, first in rows}
    return {**{status: found.get(status, (0, None))[0] for status in STATUSES},
            "next_pending_at": found.get(PENDING, (0, None))[1]}
