"""Text messages through an HTTP provider. The adapter speaks Twilio's Messages API
(POST {SMS_API_URL}/Accounts/{SID}/Messages.json, form fields To/From/Body, basic auth), the
shape most providers copy; `make run` and the tests point SMS_API_URL at a sink on loopback."""
from dataclasses import dataclass

import requests

TWILIO_API = "https://api.twilio.com/2010-04-01"
# What the provider's most frequent error codes mean, for the coordinator (Twilio's numbering;
# the provider's own message is never kept: it repeats the phone number)
KNOWN_ERRORS = {"21211": "not a valid phone number", "21614": "this number cannot receive text messages",
                "21610": "the person replied STOP to the provider", "21604": "no number or text given",
                "20003": "the provider refused the account (SMS_ACCOUNT_SID, SMS_AUTH_TOKEN)"}


class SendFailed(Exception):
    """The provider did not take the message; `permanent` when trying again cannot help."""

    def __init__(self, message: str, permanent: bool):
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class SmsProvider:
    url: str
    account: str
    token: str
    sender: str
    timeout: float = 10.0

    @classmethod
    def from_config(cls, config: dict) -> "SmsProvider":
        return cls(url=(config.get("SMS_API_URL") or TWILIO_API).rstrip("/"),
                   account=config.get("SMS_ACCOUNT_SID") or "", token=config.get("SMS_AUTH_TOKEN") or "",
                   sender=config.get("SMS_FROM") or "Samenoppad",
                   timeout=float(config.get("SMS_TIMEOUT_SECONDS") or 10))

    def send(self, to: str, body: str) -> str:
        """Hand one message to the provider; its id, or SendFailed."""
        if not self.account:
            raise SendFailed("SMS is not configured (SMS_ACCOUNT_SID)", permanent=True)
        try:
            answer = requests.post(f"{self.url}/Accounts/{self.account}/Messages.json",
                                   data={"To": to, "From": self.sender, "Body": body},
                                   auth=(self.account, self.token), timeout=self.timeout)
        except requests.RequestException as exc:
            raise SendFailed(f"SMS provider unreachable: {exc}", permanent=False) from exc
        if answer.status_code in (200, 201):  # taken: whatever the body says (or fails to say)
            return str(_field(answer, "sid"))
        code = _field(answer, "code")
        reason = f"SMS provider answered {answer.status_code}" + (
            f" (error {code}: {KNOWN_ERRORS.get(code, 'see the provider')})" if code else "")
        raise SendFailed(reason, permanent=answer.status_code < 500 and answer.status_code != 429)


def _field(answer, name: str) -> str:
    """One field of the provider's JSON answer, or "". Never its message: providers repeat
    the phone number there, and the reason is logged and travels in notification_failed."""
    try:
        body = answer.json()
    except ValueError:
        return ""
    return str(body.get(name) or "")[:40] if isinstance(body, dict) else ""
