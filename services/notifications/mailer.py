"""Email over SMTP: plain text and HTML alternatives, correct headers, TLS and authentication.

Headers are built by the standard library's EmailMessage, which refuses a line break in any
header value, so nothing a person types into a name can inject a header.
"""
import smtplib
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate

from services.notifications.models import Delivery


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str = ""
    password: str = ""
    tls: str = "none"  # none | starttls | ssl
    timeout: float = 10.0
    ca_file: str = ""  # a CA to trust besides the system's (an internal relay's own)

    @classmethod
    def from_config(cls, config: dict) -> "SmtpSettings":
        return cls(host=config["SMTP_HOST"], port=int(config["SMTP_PORT"]),
                   sender=config["SMTP_FROM"], user=config.get("SMTP_USER") or "",
                   password=config.get("SMTP_PASSWORD") or "", tls=config.get("SMTP_TLS") or "none",
                   timeout=float(config.get("SMTP_TIMEOUT_SECONDS") or 10),
                   ca_file=config.get("SMTP_CA_FILE") or "")


def build_email(settings: SmtpSettings, delivery: Delivery, display_name: str = "") -> EmailMessage:
    """The email for a queued delivery, addressed to `display_name` <recipient>. A name in any
    script goes out as an RFC 2047 encoded word (utf-8), which the email policy writes for us;
    a name with a quote, comma or angle bracket is quoted, never taken as a second address;
    a line break in it raises ValueError (intake never stores one)."""
    message = EmailMessage()
    message["From"] = Address("Samen op pad", addr_spec=settings.sender)
    message["To"] = Address(display_name, addr_spec=delivery.recipient)
    message["Subject"] = delivery.subject
    message["Date"] = formatdate(usegmt=True)
    # stable per delivery: a resend after a crash can be recognised as the same message
    message["Message-ID"] = f"<{delivery.id}@{settings.sender.split('@')[-1]}>"
    message.set_content(delivery.body_text)
    message.add_alternative(delivery.body_html, subtype="html")
    if delivery.calendar:
        message.add_attachment(delivery.calendar.encode("utf-8"), maintype="text",
                               subtype="calendar", filename="invitation.ics",
                               params={"method": _method(delivery.calendar), "charset": "utf-8"})
    # after set_content, which drops every Content-* header set before it
    message["Content-Language"] = delivery.content_language
    return message


class Mailer:
    """One SMTP session for a batch of emails."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings

    def open(self) -> smtplib.SMTP:
        """Connect (TLS from the start, or upgraded with STARTTLS; certificates verified) and log in."""
        s = self.settings
        context = ssl.create_default_context(cafile=s.ca_file or None)
        if s.tls == "ssl":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.tls == "starttls":
                smtp.starttls(context=context)
        if s.user:
            smtp.login(s.user, s.password)
        return smtp


def _method(ics: str) -> str:
    return "CANCEL" if "METHOD:CANCEL" in ics else "REQUEST"
