"""The access log names the page, never the token in a status, stop or password link."""
from types import SimpleNamespace

from gunicorn.config import Config

from gateway.access_log import RedactingLogger, redact


def test_a_token_in_a_link_is_not_written():
    assert redact('GET /status/Ne5L_mtP-eQQd7jT13wEnJ?lang=ar HTTP/1.1') == 'GET /status/[token]?lang=ar HTTP/1.1'
    assert redact("/account/setup/abc123/") == "/account/setup/[token]/"
    assert redact("/stop/xyz") == "/stop/[token]" and redact("/portal/applications") == "/portal/applications"


def test_the_access_log_line_of_a_status_page_holds_no_token():
    logger = RedactingLogger(Config())
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/status/s3cr3t-t0k3n", "PATH_INFO": "/status/s3cr3t-t0k3n",
               "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1"}
    request = SimpleNamespace(headers=[], method="GET", path="/status/s3cr3t-t0k3n", query="",
                              uri="/status/s3cr3t-t0k3n", version=(1, 1))
    response = SimpleNamespace(status="200 OK", headers=[], sent=10, response_length=10)
    atoms = logger.atoms(response, request, environ, SimpleNamespace(seconds=0, microseconds=1000))
    assert "s3cr3t" not in atoms["r"] and atoms["r"] == "GET /status/[token] HTTP/1.1"
