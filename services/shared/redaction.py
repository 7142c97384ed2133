"""No log line holds a live link: the token of every password-less link (status page, stop,
password, and the links to come) is replaced wherever it appears in a line, in the message,
its arguments and any traceback. Every service's and the gateway's logging uses this filter
(tracing.configure_logging), and so do gunicorn's access and error logs (gateway/access_log.py).
"""
import logging
import re
from urllib.parse import unquote

# the paths intake's links open (intake/links.py KINDS), and the pulse, meeting, concern,
# evaluation and registration links to come
SECRET_PATHS = re.compile(
    r"/(status|stop|account/setup|pulse|meeting|concern|evaluation|registration)/[^/?#\s\"'<>]+")


# what a coordinator typed to find someone (/portal/search, /api/v1/search?q=…) is a name, an
# e-mail address or a phone number; also as it travels percent-encoded in a sign-in's next=
SEARCHES = re.compile(r"((?:/|%2F)search(?:\?|%3F)(?:[^\s#\"'<>]*?(?:&|%26))?q(?:=|%3D))[^&#\s\"'<>]*",
                      re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with the token of every secret link replaced: '/status/[token]', and what was
    searched for: '/search?q=[query]'; a path written percent-encoded ('/%73tatus/…',
    '/status%2F…') is decoded first, so it cannot slip through."""
    text = SEARCHES.sub(lambda found: f"{found.group(1)}[query]", text)
    if "%" in text and SECRET_PATHS.search(decoded := unquote(text)):
        text = decoded
    return SECRET_PATHS.sub(lambda found: f"/{found.group(1)}/[token]", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record before any handler formats it: its message with the arguments
    put in, and its traceback, both redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), ()
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


_ADDRESS = re.compile(r"(\"[^\"]*\"|[^\s<>()\[\]\"',;:]+)@[^\s<>()\[\]\"',;:]+")
_NUMBER = re.compile(r"\+?\d[\d ()./-]{6,}\d")


def scrub(text: str) -> str:
    """An error text from outside (an SMTP server, an SMS provider) without the addresses and
    phone numbers in it, before it enters the delivery log or an event: '[address]',
    '[number]' (8 digits or more; a status code like '550 5.1.1' stays)."""
    text = _ADDRESS.sub("[address]", text)
    return _NUMBER.sub(lambda m: "[number]" if sum(c.isdigit() for c in m.group(0)) >= 8 else m.group(0), text)
