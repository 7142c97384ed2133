"""A local mail catcher for development: an SMTP server on SMTP_HOST:SMTP_PORT that keeps
every message it receives in var/mail/ (one .eml file each) and prints a line per message.
`make run` starts it, so the demo's emails can be read without sending anything anywhere.

Like a greylisting server, it answers "try again later" (451) to every recipient whose address
contains MAILCATCHER_DEFER, if set, so retries can be seen (and tested) without a real one."""
import email
import email.policy
import os
import signal
import sys
import time
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]
MAILDIR = Path(os.environ.get("MAILCATCHER_DIR") or ROOT / "var" / "mail")
DEFER = os.environ.get("MAILCATCHER_DEFER") or None


class KeepMail:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if DEFER and DEFER in address:
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        MAILDIR.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}.eml"
        (MAILDIR / name).write_bytes(envelope.content)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        print(f"mail to {', '.join(envelope.rcpt_tos)}: {message['Subject']} "
              f"[{message['Content-Language']}] -> var/mail/{name}", flush=True)
        return "250 Message accepted for delivery"


def main():
    host = os.environ.get("SMTP_HOST", "127.0.0.1")
    port = int(os.environ.get("SMTP_PORT", "1025"))
    controller = Controller(KeepMail(), hostname=host, port=port)
    controller.start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # honcho stops us with SIGTERM
    print(f"mail catcher listening on {host}:{port}, keeping mail in {MAILDIR}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
