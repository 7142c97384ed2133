"""Email on several SMTP connections at once: while one waits for the server's answer, the next
message goes out on another. Each lane keeps its connection while there is work, and each
recipient keeps to one lane, so one person's messages arrive in the order they were queued.

A delivery that cannot be sent at all (no address left after an erasure, or anything else
that raises for that delivery alone) comes back as an outcome with its `crash`, instead of
raising: the other deliveries of the batch still go out (the dispatcher sets it aside)."""
import smtplib
import zlib
from dataclasses import dataclass

import eventlet

from services.notifications.deliveries import address_of
from services.notifications.mailer import Mailer, build_email
from services.notifications.models import Delivery
from services.shared.tracing import set_correlation_id


@dataclass
class Outcome:
    delivery: Delivery
    error: str | None = None  # None: handed to the SMTP server
    permanent: bool = False
    crash: Exception | None = None  # this delivery alone could not be handled at all


class EmailLanes:
    def __init__(self, mailer: Mailer, lanes: int, pace):
        self.mailer, self.pace = mailer, pace
        self.connections = [None] * max(1, lanes)
        self.names = {}

    def send_all(self, due: list[Delivery], names: dict | None = None) -> list[Outcome]:
        """Send every delivery, spread over the lanes by recipient; the outcome of each.
        `names`: {person id: the name to address them by in To} (contacts.first_names)."""
        self.names = names or {}
        chunks, crashed = [[] for _ in self.connections], []
        for delivery in due:
            try:
                chunks[zlib.crc32(address_of(delivery).encode()) % len(chunks)].append(delivery)
            except Exception as exc:  # noqa: BLE001 - this delivery only: the others go out
                crashed.append(Outcome(delivery, str(exc), permanent=True, crash=exc))
        pool = eventlet.GreenPool(len(self.connections))
        results = pool.imap(self._send_chunk, range(len(chunks)), chunks)
        return crashed + [outcome for chunk in results for outcome in chunk]

    def hang_up(self):
        for lane in range(len(self.connections)):
            self._close(lane)

    def _send_chunk(self, lane: int, chunk: list[Delivery]) -> list[Outcome]:
        if not chunk:
            return []
        try:
            self.connections[lane] = self.connections[lane] or self.mailer.open()
        except (OSError, smtplib.SMTPException) as exc:
            return [Outcome(d, f"SMTP unreachable: {exc}") for d in chunk]
        return [self._send_isolated(lane, delivery) for delivery in chunk]

    def _send_isolated(self, lane: int, delivery: Delivery) -> Outcome:
        try:
            return self._send_one(lane, delivery)
        except Exception as exc:  # noqa: BLE001 - a bug for this delivery must not stop its lane
            self._close(lane)  # the SMTP dialogue may have stopped half-way
            return Outcome(delivery, f"{type(exc).__name__}: {exc}", permanent=True, crash=exc)

    def _send_one(self, lane: int, delivery: Delivery) -> Outcome:
        set_correlation_id(delivery.correlation_id)
        try:  # built before the connection is touched: a message that cannot be built is its own problem
            message = build_email(self.mailer.settings, delivery, self.names.get(str(delivery.person_id), ""))
        except ValueError as exc:  # a header the email package refuses: sending again cannot help
            return Outcome(delivery, f"the message cannot be built: {exc}", permanent=True)
        except Exception as exc:  # noqa: BLE001 - a bug for this delivery alone; the lane goes on
            return Outcome(delivery, f"{type(exc).__name__}: {exc}", permanent=True, crash=exc)
        self.pace.wait()
        try:
            self.connections[lane] = self.connections[lane] or self.mailer.open()  # dropped: again
            self.connections[lane].send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:  # 5xx for good; 4xx (greylisting): later
            return Outcome(delivery, f"the address was refused: {refusal(exc, delivery.recipient)}",
                           permanent=all(code >= 500 for code, _ in exc.recipients.values()))
        except (OSError, smtplib.SMTPException) as exc:
            if isinstance(exc, (OSError, smtplib.SMTPServerDisconnected)):
                self._close(lane)
            return Outcome(delivery, f"{type(exc).__name__}: {exc}")
        return Outcome(delivery)

    def _close(self, lane: int):
        connection, self.connections[lane] = self.connections[lane], None
        if connection is not None:
            try:
                connection.quit()
            except (OSError, smtplib.SMTPException):
                pass


def refusal(exc: smtplib.SMTPRecipientsRefused, address: str) -> str:
    """The server's codes and words for a refused recipient, without the address itself (the
    reason is logged and travels in notification_failed)."""
    answers = [f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
               for code, text in exc.recipients.values()]
    return "; ".join(answers).replace(address or "\0", "[the address]")[:300]
