"""Flood protection for the public doors (the form and the API's applications): per client
address, generous enough that a person never meets it.

The counts live in Redis (REDIS_URL), so every gateway process and host shares one limit.
They are worth little: with Redis down the limits fail open — a warning is logged and the
request goes on — and nothing else depends on Redis. Behind a reverse proxy the client's
address is the one the trusted proxies forwarded (TRUSTED_PROXIES, gateway/__init__.py).
"""
from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

# the storage comes from the app's RATELIMIT_STORAGE_URI (settings.py); errors are swallowed
limiter = Limiter(key_func=get_remote_address, default_limits=[], swallow_errors=True)


APPLICATIONS = "applications"  # one count for the form and the API together


def applications_per_address() -> str:
    return current_app.config["APPLY_RATE_LIMIT"]
