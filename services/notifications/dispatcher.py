"""The dispatcher: sends due deliveries in the background, woken by their NOTIFY; each
outcome (delivered, or failed for good) is an event in the same transaction.

It is a due loop (shared/due.py): several instances share the work (SKIP LOCKED), and a
delivery that cannot be handled (its person was erased, or recording its outcome raises) is
set aside alone, failed with the reason, while the rest of the batch is sent and recorded.
The links in a batch's messages are minted by intake just before it goes out (links.py).
"""
import logging
import time
from functools import partial

import eventlet

from services.notifications import contacts, deliveries
from services.notifications.lanes import EmailLanes
from services.notifications.links import LinkMaker
from services.notifications.mailer import Mailer, SmtpSettings
from services.notifications.models import DELIVERY_CHANNEL, Base, Delivery
from services.notifications.sms import SendFailed, SmsProvider
from services.shared.due import DueLoop
from services.shared.outbox import record_event
from services.shared.redaction import scrub
from services.shared.tracing import set_correlation_id

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


class DeliveryDispatcher(DueLoop):
    """Claims due deliveries (SKIP LOCKED, so several instances may run) and sends them."""

    identifier = "delivery-dispatcher"
    settings = "DISPATCH"  # DISPATCH_BATCH_SIZE, DISPATCH_POLL_SECONDS
    queue, metadata, channel = deliveries.DUE, Base.metadata, DELIVERY_CHANNEL

    def setup(self):
        super().setup()
        config = self.container.config
        self.settings_smtp = SmtpSettings.from_config(config)
        self.sms = SmsProvider.from_config(config)
        self.retry_base = float(config.get("NOTIFY_RETRY_BASE_SECONDS") or 30)
        self.pace = {"email": Pace(float(config.get("EMAIL_PER_SECOND") or 0)),
                     "sms": Pace(float(config.get("SMS_PER_SECOND") or 0))}
        self.sms_segments = int(config.get("SMS_MAX_SEGMENTS") or 3)
        self.lanes = EmailLanes(Mailer(self.settings_smtp), int(config.get("SMTP_CONNECTIONS") or 4),
                                self.pace["email"])
        self.links = LinkMaker(config)

    def run_once(self) -> bool:
        busy = super().run_once()
        if not busy:
            self.lanes.hang_up()  # keep the SMTP connections only while there is work
        return busy

    def release(self):
        super().release()
        self.lanes.hang_up()
        self.links.close()

    def fire(self, session, due):
        """Fresh links for the whole batch, then emails all at once over the lanes, then text
        messages one by one; every outcome is recorded on its own, so one that cannot be is
        set aside alone. A message whose link cannot be made (its person erased, its
        invitation used) fails for good; when intake does not answer, the pass is tried again."""
        ready, refused = self.links.fill(due)
        for delivery, why, superseded in refused:
            settle = (partial(deliveries.withdraw, session, Delivery.id == delivery.id, why) if superseded
                      else partial(self._failed, session, delivery, why, True))
            self.isolate(session, delivery, settle)
        emails = [d for d in ready if d.channel == "email"]
        names = contacts.first_names(session, [d.person_id for d in emails])  # the name in To
        for outcome in self.lanes.send_all(emails, names):
            self.isolate(session, outcome.delivery.row, partial(self._record, session, outcome))
        for outgoing in (d for d in ready if d.channel == "sms"):
            self.isolate(session, outgoing.row, partial(self._send_sms, session, outgoing))

    def give_up(self, session, delivery, reason: str):
        deliveries.give_up(session, delivery.id, reason)

    def _record(self, session, outcome):
        if outcome.crash is not None:
            raise outcome.crash  # set aside: failed with its reason, health says so
        if outcome.error is None:
            self._delivered(session, outcome.delivery.row)
        else:
            self._failed(session, outcome.delivery.row, outcome.error, outcome.permanent)

    def _send_sms(self, session, outgoing):
        set_correlation_id(outgoing.correlation_id)
        self.pace["sms"].wait()
        body = deliveries.sized_sms(outgoing, self.sms_segments)
        try:
            self.sms.send(deliveries.address_of(outgoing), body)
        except SendFailed as exc:
            self._failed(session, outgoing.row, str(exc), exc.permanent)
        else:
            self._delivered(session, outgoing.row)

    def _delivered(self, session, delivery):
        deliveries.mark_sent(delivery)
        record_event(session, "notification_delivered", _outcome(delivery, delivery.sent_at),
                     subject_id=delivery.id)
        log.info("sent %s by %s to person %s", delivery.template, delivery.channel, delivery.person_id)

    def _failed(self, session, delivery, error, permanent):
        error = scrub(error.replace(delivery.recipient or "\0", "[the recipient]"))  # never an address
        log.warning("delivery %s (%s) failed: %s", delivery.id, delivery.channel, error)
        deliveries.mark_attempt_failed(delivery, error, self.retry_base, permanent)
        if delivery.status == deliveries.FAILED:
            record_event(session, "notification_failed",
                         {**_outcome(delivery, delivery.next_attempt_at), "error": delivery.last_error},
                         subject_id=delivery.id)


def _outcome(delivery, at) -> dict:
    return {"delivery_id": delivery.id, "person_id": delivery.person_id, "template": delivery.template,
            "channel": delivery.channel, "attempts": delivery.attempts, "at": at}
