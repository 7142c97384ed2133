"""A local SMS provider for development and tests: answers Twilio's Messages API
(POST /2010-04-01/Accounts/{SID}/Messages.json) on SMS_SINK_HOST:SMS_SINK_PORT, keeps each
message in var/sms/ (one .json file each) and prints a line per message. Nothing is sent.

Like a real provider it refuses a wrong account or token (401) and a number it cannot reach
(400: numbers ending in 000); SMS_SINK_FAIL_FIRST=n makes it answer 503 to the first n
messages, to show retries."""
import base64
import json
import os
import re
import signal
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parents[1]
SMSDIR = Path(os.environ.get("SMS_SINK_DIR") or ROOT / "var" / "sms")
ACCOUNT, TOKEN = os.environ.get("SMS_ACCOUNT_SID", "ACdev"), os.environ.get("SMS_AUTH_TOKEN", "dev")
PATH = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages\.json$")
failures_left = int(os.environ.get("SMS_SINK_FAIL_FIRST") or 0)


class Provider(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the standard library's name
        global failures_left
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"] or 0)).decode()).items()}
        match = PATH.match(self.path)
        if not match:
            return self._answer(404, {"message": "The requested resource was not found"})
        if match.group(1) != ACCOUNT or self.headers.get("Authorization") != _basic(ACCOUNT, TOKEN):
            return self._answer(401, {"message": "Authenticate", "code": 20003})
        if not form.get("To") or not form.get("Body"):
            return self._answer(400, {"message": "A 'To' phone number and a 'Body' are required.", "code": 21604})
        if form["To"].endswith("000"):
            return self._answer(400, {"message": f"The 'To' number {form['To']} is not a valid phone number.",
                                      "code": 21211})
        if failures_left > 0:
            failures_left -= 1
            return self._answer(503, {"message": "Service unavailable, try again"})
        sid = f"SM{uuid.uuid4().hex}"
        SMSDIR.mkdir(parents=True, exist_ok=True)
        (SMSDIR / f"{time.time_ns()}.json").write_text(json.dumps({**form, "sid": sid}, ensure_ascii=False))
        print(f"sms to {form['To']}: {form['Body'][:60]!r}", flush=True)
        return self._answer(201, {"sid": sid, "status": "queued", "to": form["To"]})

    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # one line per message is printed above
        pass


def _basic(user, password) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def main():
    host = os.environ.get("SMS_SINK_HOST", "127.0.0.1")
    port = int(os.environ.get("SMS_SINK_PORT", "1080"))
    server = ThreadingHTTPServer((host, port), Provider)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"SMS sink listening on {host}:{port}, keeping messages in {SMSDIR}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
