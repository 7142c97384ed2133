"""The dispatcher: sends queued deliveries in the background, woken by their NOTIFY; each
outcome (delivered, or failed for good) is an event in the same transaction."""
import logging
import smtplib
import time

import eventlet

from services.notifications import deliveries
from services.notifications.mailer import Mailer, SmtpSettings, build_email
from services.notifications.models import DELIVERY_CHANNEL, Base
from services.notifications.sms import SendFailed, SmsProvider
from services.shared.config import database_url
from services.shared.database import libpq_url, make_engine, session_factory
from services.shared.listen import NotifiedLoop, NotifyListener
from services.shared.outbox import record_event
from services.shared.tracing import set_correlation_id
from services.shared.wire import PLATFORM

log = logging.getLogger(__name__)


class Pace:
    """At most `per_second` sends (0: no limit), so a bulk send does not get us blocked."""

    def __init__(self, per_second: float):
        self.interval, self.last = (1 / per_second if per_second > 0 else 0), 0.0

    def wait(self):
        if self.interval:
            now = time.monotonic()
            eventlet.sleep(max(0.0, self.last + self.interval - now))
            self.last = max(now, self.last + self.interval)


class DeliveryDispatcher(NotifiedLoop):
    """Claims due deliveries (SKIP LOCKED, so several instances may run) and sends them."""

    identifier = "delivery-dispatcher"
    batch_size = 100
    smtp = None  # kept open while there is work, closed when idle

    def setup(self):
        config = self.container.config
        url = database_url(config, self.container.service_name)
        self.engine = make_engine(url, f"{self.container.service_name}-dispatcher", pool_size=2)
        self.sessions = session_factory(self.engine, Base.metadata, PLATFORM)
        self.listener = NotifyListener(libpq_url(url), DELIVERY_CHANNEL)
        self.settings = SmtpSettings.from_config(config)
        self.mailer, self.sms = Mailer(self.settings), SmsProvider.from_config(config)
        self.retry_base = float(config.get("NOTIFY_RETRY_BASE_SECONDS") or 30)
        self.pace = {"email": Pace(float(config.get("EMAIL_PER_SECOND") or 0)),
                     "sms": Pace(float(config.get("SMS_PER_SECOND") or 0))}

    def run_once(self) -> bool:
        with self.sessions() as session:
            due = deliveries.claim_due(session, self.batch_size)
            if due:
                self._send_emails(session, [d for d in due if d.channel == "email"])
                for delivery in (d for d in due if d.channel == "sms"):
                    self._send_sms(session, delivery)
                session.commit()
        if len(due) < self.batch_size:
            self._hang_up()
        return len(due) == self.batch_size

    def release(self):
        super().release()
        self._hang_up()
        self.engine.dispose()

    def _send_emails(self, session, due):
        if not due:
            return
        try:
            self.smtp = self.smtp or self.mailer.open()
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("SMTP server %s:%s unreachable: %s", self.settings.host, self.settings.port, exc)
            for delivery in due:
                self._failed(session, delivery, f"SMTP unreachable: {exc}", permanent=False)
            return
        for delivery in due:
            self._send_email(session, delivery)

    def _hang_up(self):
        smtp, self.smtp = self.smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass

    def _send_email(self, session, delivery):
        set_correlation_id(delivery.correlation_id)
        self.pace["email"].wait()
        try:
            if self.smtp is None:
                raise smtplib.SMTPServerDisconnected("the connection was lost earlier in this batch")
            self.smtp.send_message(build_email(self.settings, delivery))
        except smtplib.SMTPRecipientsRefused as exc:
            self._failed(session, delivery, f"the address was refused: {exc}", permanent=True)
        except ValueError as exc:  # a header the email package refuses: sending again cannot help
            self._failed(session, delivery, f"the message cannot be built: {exc}", permanent=True)
        except (OSError, smtplib.SMTPException) as exc:
            if isinstance(exc, (OSError, smtplib.SMTPServerDisconnected)):
                self._hang_up()
            self._failed(session, delivery, f"{type(exc).__name__}: {exc}", permanent=False)
        else:
            self._delivered(session, delivery)

    def _send_sms(self, session, delivery):
        set_correlation_id(delivery.correlation_id)
        self.pace["sms"].wait()
        try:
            self.sms.send(delivery.recipient, delivery.body_text)
        except SendFailed as exc:
            self._failed(session, delivery, str(exc), exc.permanent)
        else:
            self._delivered(session, delivery)

    def _delivered(self, session, delivery):
        deliveries.mark_sent(delivery)
        record_event(session, "notification_delivered", _outcome(delivery, delivery.sent_at))
        log.info("sent %s by %s to person %s", delivery.template, delivery.channel, delivery.person_id)

    def _failed(self, session, delivery, error, permanent):
        log.warning("delivery %s (%s) failed: %s", delivery.id, delivery.channel, error)
        deliveries.mark_attempt_failed(delivery, error, self.retry_base, permanent)
        if delivery.status == "failed":
            record_event(session, "notification_failed",
                         {**_outcome(delivery, delivery.next_attempt_at), "error": delivery.last_error})


def _outcome(delivery, at) -> dict:
    return {"delivery_id": delivery.id, "person_id": delivery.person_id, "template": delivery.template,
            "channel": delivery.channel, "attempts": delivery.attempts, "at": at}
