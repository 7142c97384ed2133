"""No log line and no recorded error holds a secret or a person's details: gunicorn's access and
error logs and every service's own lines name the page, never the token of a link; an error
text from outside keeps its codes, never an address or a number."""
import io
import logging
import re
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from gateway.access_log import RedactingLogger, redact
from services.shared.redaction import scrub
from services.shared.tracing import configure_logging


def test_a_token_in_a_link_is_not_written():
    assert redact('GET /status/Ne5L_mtP-eQQd7jT13wEnJ?lang=ar HTTP/1.1') == 'GET /status/[token]?lang=ar HTTP/1.1'
    assert redact("/account/setup/abc123/") == "/account/setup/[token]/"
    assert redact("/stop/xyz") == "/stop/[token]" and redact("/portal/applications") == "/portal/applications"


def test_what_was_searched_for_is_not_written():
    assert redact("GET /api/v1/search?q=Amina%20Haddad&limit=5 HTTP/1.1") == \
        "GET /api/v1/search?q=[query]&limit=5 HTTP/1.1"
    assert redact("GET /portal/search?lang=en&q=%2B32+470+12+34+56 HTTP/1.1") == \
        "GET /portal/search?lang=en&q=[query] HTTP/1.1"
    assert redact("GET /login?next=%2Fportal%2Fsearch%3Fq%3Damina%2540example.org HTTP/1.1") == \
        "GET /login?next=%2Fportal%2Fsearch%3Fq%3D[query] HTTP/1.1", "nor on its way through signing in"


def test_the_access_log_line_of_a_status_page_holds_no_token():
    logger = RedactingLogger(Config())
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/status/s3cr3t-t0k3n", "PATH_INFO": "/status/s3cr3t-t0k3n",
               "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1"}
    request = SimpleNamespace(headers=[], method="GET", path="/status/s3cr3t-t0k3n", query="",
                              uri="/status/s3cr3t-t0k3n", version=(1, 1))
    response = SimpleNamespace(status="200 OK", headers=[], sent=10, response_length=10)
    atoms = logger.atoms(response, request, environ, SimpleNamespace(seconds=0, microseconds=1000))
    assert "s3cr3t" not in atoms["r"] and atoms["r"] == "GET /status/[token] HTTP/1.1"


@pytest.fixture
def service_logging():
    """The services' logging set up as a service sets it up, and pytest's own put back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging("intake", "INFO")
    written = io.StringIO()
    root.handlers[0].setStream(written)
    yield written
    root.handlers[:] = handlers
    root.setLevel(level)


def test_no_log_line_of_any_service_holds_a_token_in_its_message_arguments_or_traceback(service_logging):
    log = logging.getLogger("tests.redaction")
    log.info("opened %s for %s", "http://127.0.0.1:8000/stop/Arg-T0ken-123", "Amina")
    try:
        raise ValueError("could not open http://127.0.0.1:8000/status/Trace-T0ken-456")
    except ValueError:
        log.exception("while handling /account/setup/Msg-T0ken-789")
    written = service_logging.getvalue()
    assert "Amina" in written and "/stop/[token]" in written and "/status/[token]" in written
    assert not re.search(r"T0ken", written), written


def test_gunicorns_error_log_is_redacted_too(capsys):
    logger = RedactingLogger(Config())
    logger.error("Error handling request %s", "/status/Err-T0ken-000")
    assert "T0ken" not in capsys.readouterr().err


def test_an_error_text_from_outside_keeps_its_codes_but_no_address_or_number():
    said = "550 5.1.1 <amina.o@example.org>: unknown; also tried +32 470 55 66 77 and 0470/556677"
    assert scrub(said) == "550 5.1.1 <[address]>: unknown; also tried [number] and [number]"
    assert scrub("421 4.7.0 try again in 300 seconds") == "421 4.7.0 try again in 300 seconds"


def test_a_percent_encoded_link_is_redacted_too():
    """Found by trying: /%73tatus/<token> opened the page and was logged in full."""
    for path in ("/%73tatus/T0kenA1", "/status%2FT0kenA1", "/st%61tus/T0kenA1?x=1", "/%73top/T0kenA1"):
        assert "T0kenA1" not in redact(f'GET {path} HTTP/1.1'), path


def test_numbers_with_dots_and_any_address_are_scrubbed():
    """Found by trying: the form accepts 0470.12.34.56, and a quoted or local address slipped by."""
    said = 'refused 0470.12.34.56, 0470/12.34.56, "nadia victim"@example.org and user@localhost (550 5.1.1)'
    assert scrub(said) == "refused [number], [number], [address] and [address] (550 5.1.1)"
