"""The gateway's settings: config.yml (shared with the services) plus the gateway's own
environment variables, each with a documented default."""
import os

from gateway.i18n import TRANSLATIONS
from services.shared.config import load_config, public_base_url


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def from_environment() -> dict:
    """Flask config for a gateway process."""
    platform = load_config()
    base_url = public_base_url(platform)
    return {
        "PLATFORM": platform,
        "PUBLIC_BASE_URL": base_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "RPC_TIMEOUT_SECONDS": float(os.environ.get("RPC_TIMEOUT_SECONDS", "10")),
        "HEALTH_TIMEOUT_SECONDS": float(os.environ.get("HEALTH_TIMEOUT_SECONDS", "2")),
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", base_url.startswith("https://")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "samenoppad_session",
        "PERMANENT_SESSION_LIFETIME": int(os.environ.get("SESSION_HOURS", "8")) * 3600,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "DEMO_MODE": _flag("DEMO_MODE", False),
        # development only (`make run` sets it): the portal shows the mail catcher's and SMS sink's messages
        "DEV_MESSAGES_DIR": os.environ.get("DEV_MESSAGES_DIR") or None,
        # applications per address, from the form and the API together (Flask-Limiter syntax)
        "APPLY_RATE_LIMIT": os.environ.get("APPLY_RATE_LIMIT", "20 per hour;5 per minute"),
        # requests for a link to a new password per address ("Forgot your password?")
        "PASSWORD_RESET_RATE_LIMIT": os.environ.get("PASSWORD_RESET_RATE_LIMIT", "10 per hour;3 per minute"),
        # the flood limits' counts, shared by every gateway process (limits.py); a short
        # timeout, so a Redis that does not answer costs a request little before failing open
        "RATELIMIT_STORAGE_URI": platform["REDIS_URL"],
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3,
                                      "key_prefix": os.environ.get("RATELIMIT_KEY_PREFIX", "samenoppad")},
        # how many reverse proxies in front of the gateway to believe X-Forwarded-For and
        # X-Forwarded-Proto from (0: none, the gateway is reached directly)
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        # how a token's revocation is checked: "signed" (the shared list in Redis), or "rpc":
        # intake asked on every request, as before; kept only as `make bench`'s baseline
        "TOKEN_CHECK": os.environ.get("TOKEN_CHECK", "signed"),
        # where the catalogues are read: a translator previews a catalogue of their own; the
        # portal's language test uses catalogues that mark every translated text
        "BABEL_TRANSLATION_DIRECTORIES": os.environ.get("TRANSLATIONS_DIR") or str(TRANSLATIONS),
    }
