"""Flood protection for the public doors (the form and the API's applications, the requests
for a new password): per client address, generous enough that a person never meets it.

The counts live in Redis (REDIS_URL), so every gateway process and host shares one limit.
They are worth little: with Redis down the limits fail open — a warning is logged and the
request goes on — and nothing else depends on Redis. Behind a reverse proxy the client's
address is the one the trusted proxies forwarded (TRUSTED_PROXIES, gateway/__init__.py).
"""
import logging

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from gateway.quiet import NowAndThen

# the storage comes from the app's RATELIMIT_STORAGE_URI (settings.py); errors are swallowed
limiter = Limiter(key_func=get_remote_address, default_limits=[], swallow_errors=True)


class OneWarningAMinute(logging.Filter):
    """Flask-Limiter logs an error with its whole traceback on every request while Redis is
    down; the operator needs one line a minute saying what it means (per distinct error)."""

    def __init__(self):
        super().__init__()
        self.now_and_then = NowAndThen()

    def filter(self, record: logging.LogRecord) -> bool:
        cause = str(record.exc_info[1])[:200] if record.exc_info else record.getMessage()
        if not self.now_and_then.due(cause):
            return False
        record.levelno, record.levelname, record.exc_info, record.exc_text = logging.WARNING, "WARNING", None, None
        record.msg, record.args = "rate limits not applied, requests let through: %s", (cause,)
        return True


logging.getLogger("flask-limiter").addFilter(OneWarningAMinute())


APPLICATIONS = "applications"  # one count for the form and the API together


def applications_per_address() -> str:
    return current_app.config["APPLY_RATE_LIMIT"]


def password_resets_per_address() -> str:
    """Requests for a password link (intake also sends one account at most 3 an hour)."""
    return current_app.config["PASSWORD_RESET_RATE_LIMIT"]
