"""The gateway: portal pages, the public application form, the JSON API and the partner API.
It authenticates, validates at the edge, renders and calls the services over RPC; business
rules live in the services."""
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message="\\s*Eventlet is deprecated")

from flask import Flask  # noqa: E402
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from gateway import credentials, errors, i18n, lifecycle, remote
from gateway.limits import limiter
from gateway.rpc import RpcPool
from gateway.settings import from_environment
from services.shared import broker_users

csrf = CSRFProtect()
babel = Babel()


def create_app(test_config: dict | None = None) -> Flask:
    """The gateway application; `test_config` overrides the environment's settings."""
    app = Flask(__name__)
    app.config.from_mapping(from_environment())
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY is not set: export a long random value "
                           "(make run creates one in var/secret_key for development)")
    _behind_proxies(app)
    i18n.compile_catalogs(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    _connect_services(app)
    credentials.init_app(app)
    lifecycle.register(app)
    _register_blueprints(app)
    errors.register(app)
    return app


def _behind_proxies(app: Flask):
    """The client's address and scheme as the trusted proxies forwarded them (and no one
    else: with TRUSTED_PROXIES=0 a forged X-Forwarded-For changes nothing)."""
    trusted = app.config.get("TRUSTED_PROXIES") or 0
    if trusted:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted)


def _connect_services(app: Flask):
    # every proxy of this process connects as the gateway's own broker user
    platform = app.config["PLATFORM"] = broker_users.as_service(app.config["PLATFORM"], "gateway")
    app.extensions["rpc_pool"] = RpcPool(platform, timeout=app.config["RPC_TIMEOUT_SECONDS"])
    # a health probe always looks for itself: no circuit breaker in front of it
    app.extensions["health_pool"] = RpcPool(platform, timeout=app.config["HEALTH_TIMEOUT_SECONDS"],
                                            breaker_seconds=0)
    app.teardown_appcontext(remote.release)


def _register_blueprints(app: Flask):
    from gateway import api, health, portal, public
    health.register(app)
    api.register(app, csrf)
    portal.register(app)
    public.register(app)
