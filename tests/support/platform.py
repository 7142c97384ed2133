"""The whole platform as processes, started as `make run` starts it: the five services, the
gateway under gunicorn and the mail catcher, on the test vhost and database."""
import email
import json
import email.policy
import socket
import sys
import uuid
from pathlib import Path

import requests

from services import SERVICES
from tests.support.processes import ManagedProcess, ServiceProcess
from tests.support.waiting import eventually


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


GATEWAY = [sys.executable, "-m", "gunicorn", "--config", "gateway/gunicorn.conf.py", "gateway.wsgi:app"]


def _answers(url: str) -> bool:
    try:
        return requests.get(url + "/healthz", timeout=5).status_code in (200, 503)
    except requests.RequestException:
        return False


class Platform:
    def __init__(self, run_dir: Path, gateway_amqp_uri: str | None = None, gateway_workers: int = 1):
        self.run_dir, self.maildir = Path(run_dir), Path(run_dir) / "mail"
        self.smsdir = self.run_dir / "sms"
        self.gateway_port, self.smtp_port, sms_port = free_port(), free_port(), free_port()
        self.base_url = f"http://127.0.0.1:{self.gateway_port}"
        self.env = {"SMTP_PORT": str(self.smtp_port), "SMTP_HOST": "127.0.0.1",
                    "PUBLIC_BASE_URL": self.base_url, "MAILCATCHER_DIR": str(self.maildir),
                    "GATEWAY_PORT": str(self.gateway_port), "GATEWAY_WORKERS": str(gateway_workers),
                    "APPLY_RATE_LIMIT": "1000 per minute", "PASSWORD_RESET_RATE_LIMIT": "1000 per minute",
                    "EMAIL_PER_SECOND": "0",
                    "SMS_SINK_PORT": str(sms_port), "SMS_SINK_DIR": str(self.smsdir),
                    "SMS_API_URL": f"http://127.0.0.1:{sms_port}/2010-04-01",
                    "SMS_ACCOUNT_SID": "ACtest", "SMS_AUTH_TOKEN": "test-token",
                    "SMS_QUIET_HOURS": "0-0", "DEV_MESSAGES_DIR": str(self.run_dir),
                    # an address with "greylisted" in it is told "later" (scripts/mailcatcher.py),
                    # and its retry waits a few seconds, long enough to be seen waiting
                    "MAILCATCHER_DEFER": "greylisted", "NOTIFY_RETRY_BASE_SECONDS": "5",
                    # its own flood counts in the shared Redis (not `make run`'s, not another run's)
                    "RATELIMIT_KEY_PREFIX": f"platform-{uuid.uuid4().hex}"}
        gateway_env = {**self.env, **({"AMQP_URI": gateway_amqp_uri} if gateway_amqp_uri else {})}
        self.processes = [
            ManagedProcess("mail", [sys.executable, "scripts/mailcatcher.py"], run_dir, self.env),
            ManagedProcess("sms", [sys.executable, "scripts/smssink.py"], run_dir, self.env),
            *[ServiceProcess(name, run_dir, self.env) for name in SERVICES],
            ManagedProcess("gateway", GATEWAY, run_dir, gateway_env),
        ]

    def start(self) -> "Platform":
        for process in self.processes:
            process.start()
        try:
            eventually(self.healthy, timeout=60, interval=0.3, message="the platform is healthy")
        except BaseException:
            self.stop()  # nothing may outlive a platform that did not come up
            raise
        return self

    def healthy(self) -> bool:
        for process in self.processes:
            if not process.running():
                raise AssertionError(f"{process.name} exited:\n{process.log_tail()}")
        try:
            answer = requests.get(self.url("/healthz"), timeout=5)
        except requests.RequestException:
            return False
        # up: every service answers; "degraded" (a record set aside by an earlier test module,
        # still within the hour) is up too
        return answer.status_code == 200 or answer.json().get("status") == "degraded"

    def another_gateway(self, name: str, log_dir, **env) -> tuple[ManagedProcess, str]:
        """A further gateway process on this platform (as a second host runs it), on a port of
        its own with `env` on top of the platform's; started and answering; its base URL."""
        port = free_port()
        process = ManagedProcess(name, GATEWAY, log_dir, {**self.env, "GATEWAY_PORT": str(port),
                                                          "GATEWAY_WORKERS": "1", **env}).start()
        url = f"http://127.0.0.1:{port}"
        eventually(lambda: _answers(url), timeout=60, interval=0.3, message=f"{name} answers")
        return process, url

    def stop(self):
        for process in reversed(self.processes):
            process.stop()

    def url(self, path: str) -> str:
        return self.base_url + path

    def mails(self, to: str | None = None) -> list[email.message.EmailMessage]:
        """Every email the mail catcher received (to one address, if given), oldest first."""
        found = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                 for path in sorted(self.maildir.glob("*.eml"))]
        return [m for m in found if to is None or to in m["To"]]

    def texts(self, to: str | None = None) -> list[dict]:
        """Every text message the SMS sink received (to one number, if given), oldest first."""
        found = [json.loads(path.read_text()) for path in sorted(self.smsdir.glob("*.json"))]
        return [t for t in found if to is None or t["To"] == to]

    def logs(self) -> str:
        return "\n".join(f"--- {p.name} ---\n{p.log_tail(20)}" for p in self.processes)
