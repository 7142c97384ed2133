"""An SMS provider on loopback that answers what a test tells it to: (status, content type,
body) in turn, the last one for ever; it keeps every request it received."""
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from tests.support.platform import free_port

ACCOUNT = {"SMS_ACCOUNT_SID": "ACtest", "SMS_AUTH_TOKEN": "test-token", "SMS_QUIET_HOURS": "0-0"}


class ScriptedProvider:
    def __init__(self, *answers):
        self.answers, self.received = list(answers), []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server protocol
                provider.received.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                status, kind, body = provider.answers.pop(0) if len(provider.answers) > 1 \
                    else provider.answers[0]
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", free_port()), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/2010-04-01"

    def close(self):
        self.server.shutdown()
        self.server.server_close()
