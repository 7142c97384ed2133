"""The dispatcher: sends queued deliveries in the background, woken by their NOTIFY; each
outcome (delivered, or failed for good) is an event in the same transaction."""
import logging
import time

import eventlet

from services.notifications import deliveries
from services.notifications.lanes import EmailLanes
from services.notifications.mailer import Mailer, SmtpSettings
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
        if self.interval:  # the slot is taken before sleeping: several lanes share one pace
            now = time.monotonic()
            slot = max(now, self.last + self.interval)
            self.last = slot
            eventlet.sleep(slot - now)


class DeliveryDispatcher(NotifiedLoop):
    """Claims due deliveries (SKIP LOCKED, so several instances may run) and sends them."""

    identifier = "delivery-dispatcher"
    batch_size = 100

    def setup(self):
        config = self.container.config
        url = database_url(config, self.container.service_name)
        self.engine = make_engine(url, f"{self.container.service_name}-dispatcher", pool_size=2)
        self.sessions = session_factory(self.engine, Base.metadata, PLATFORM)
        self.listener = NotifyListener(libpq_url(url), DELIVERY_CHANNEL)
        self.settings = SmtpSettings.from_config(config)
        self.sms = SmsProvider.from_config(config)
        self.retry_base = float(config.get("NOTIFY_RETRY_BASE_SECONDS") or 30)
        self.pace = {"email": Pace(float(config.get("EMAIL_PER_SECOND") or 0)),
                     "sms": Pace(float(config.get("SMS_PER_SECOND") or 0))}
        self.lanes = EmailLanes(Mailer(self.settings), int(config.get("SMTP_CONNECTIONS") or 4),
                                self.pace["email"])

    def run_once(self) -> bool:
        with self.sessions() as session:
            due = deliveries.claim_due(session, self.batch_size)
            if due:
                self._send_emails(session, [d for d in due if d.channel == "email"])
                for delivery in (d for d in due if d.channel == "sms"):
                    self._send_sms(session, delivery)
                session.commit()
        if len(due) < self.batch_size:
            self.lanes.hang_up()
        return len(due) == self.batch_size

    def release(self):
        super().release()
        self.lanes.hang_up()
        self.engine.dispose()

    def _send_emails(self, session, due):
        for outcome in self.lanes.send_all(due):
            if outcome.error is None:
                self._delivered(session, outcome.delivery)
            else:
                self._failed(session, outcome.delivery, outcome.error, outcome.permanent)

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
