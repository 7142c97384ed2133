"""Flood protection for the public doors (the form and the API's applications): per address,
generous enough that a person never meets it. Kept in each gateway process's memory."""
from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="memory://", default_limits=[])


def applications_per_address() -> str:
    return current_app.config["APPLY_RATE_LIMIT"]
