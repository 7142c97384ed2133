"""Text messages through an HTTP provider. The adapter speaks Twilio's Messages API
(POST {SMS_API_URL}/Accounts/{SID}/Messages.json, form fields To/From/Body, basic auth), the
shape most providers copy; `make run` and the tests point SMS_API_URL at a sink on loopback."""
from dataclasses import dataclass

import requests

TWILIO_API = "https://api.twilio.com/2010-04-01"


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
        if answer.status_code in (200, 201):
            return str(answer.json().get("sid", ""))
        reason = f"SMS provider answered {answer.status_code}: {_message(answer)}"
        raise SendFailed(reason, permanent=answer.status_code < 500 and answer.status_code != 429)


def _message(answer) -> str:
    try:
        return str(answer.json().get("message", ""))[:300]
    except ValueError:
        return answer.text[:300]
