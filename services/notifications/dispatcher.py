"""The dispatcher: sends queued deliveries in the background, woken by their NOTIFY."""
import logging
import smtplib

from sqlalchemy.orm import Session

from services.notifications import deliveries
from services.notifications.mailer import Mailer, SmtpSettings, build_email
from services.notifications.models import DELIVERY_CHANNEL
from services.shared.config import database_url
from services.shared.database import libpq_url, make_engine
from services.shared.listen import NotifiedLoop, NotifyListener
from services.shared.tracing import set_correlation_id

log = logging.getLogger(__name__)


class DeliveryDispatcher(NotifiedLoop):
    """Claims due deliveries (SKIP LOCKED, so several instances may run) and sends them."""

    identifier = "delivery-dispatcher"
    batch_size = 20

    def setup(self):
        config = self.container.config
        url = database_url(config, self.container.service_name)
        self.engine = make_engine(url, f"{self.container.service_name}-dispatcher", pool_size=2)
        self.listener = NotifyListener(libpq_url(url), DELIVERY_CHANNEL)
        self.settings = SmtpSettings.from_config(config)
        self.mailer = Mailer(self.settings)
        self.retry_base = float(config.get("NOTIFY_RETRY_BASE_SECONDS") or 30)

    def run_once(self) -> bool:
        with Session(self.engine, expire_on_commit=False) as session:
            due = deliveries.claim_due(session, self.batch_size)
            if due:
                self._send(due)
                session.commit()
        return len(due) == self.batch_size

    def release(self):
        super().release()
        self.engine.dispose()

    def _send(self, due):
        try:
            smtp = self.mailer.open()
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("SMTP server %s:%s unreachable: %s", self.settings.host, self.settings.port, exc)
            for delivery in due:
                deliveries.mark_attempt_failed(delivery, f"SMTP unreachable: {exc}", self.retry_base)
            return
        try:
            for delivery in due:
                self._send_one(smtp, delivery)
        finally:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass

    def _send_one(self, smtp, delivery):
        set_correlation_id(delivery.correlation_id)
        try:
            smtp.send_message(build_email(self.settings, delivery))
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("sending delivery %s failed: %s", delivery.id, exc)
            deliveries.mark_attempt_failed(delivery, f"{type(exc).__name__}: {exc}", self.retry_base)
            return
        deliveries.mark_sent(delivery)
        log.info("sent %s to person %s", delivery.template, delivery.person_id)
