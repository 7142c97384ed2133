"""Correlation ids and structured logs.

A correlation id starts at the gateway (from the caller's X-Correlation-Id or a new one),
travels in nameko's context headers through RPC calls, is stored with every outbox event and
restored in the worker that handles it, so one id ties together every log line of a journey.
"""
import contextvars
import logging
import re
import time
import uuid

from nameko.extensions import DependencyProvider
from nameko.timer import Timer
from pythonjsonlogger.json import JsonFormatter

from services.shared.redaction import RedactingFilter

CONTEXT_KEY = "correlation_id"
_current = contextvars.ContextVar("correlation_id", default=None)
_VALID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
log = logging.getLogger(__name__)


def current_correlation_id() -> str | None:
    """The correlation id of the request, call or event being handled here, if any."""
    return _current.get()


def set_correlation_id(value: str | None) -> contextvars.Token:
    """Make `value` the current correlation id (returns a token to reset it)."""
    return _current.set(value)


def reset_correlation_id(token: contextvars.Token):
    _current.reset(token)


def new_correlation_id() -> str:
    return uuid.uuid4().hex


def accept_correlation_id(value: str | None) -> str:
    """A caller's correlation id if it is well-formed, else a new one."""
    return value if value and _VALID.match(value) else new_correlation_id()


class CorrelationFilter(logging.Filter):
    """Adds the service name and the current correlation id to every log record."""

    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def filter(self, record):
        record.service = self.service
        record.correlation_id = _current.get()
        return True


def configure_logging(service: str, level: str = "INFO"):
    """Log one JSON object per line to stderr, each with service and correlation id."""
    handler = logging.StreamHandler()
    handler.addFilter(CorrelationFilter(service))
    handler.addFilter(RedactingFilter())  # no live link in any line
    handler.setFormatter(JsonFormatter(
        "%(asctime)s %(levelname)s %(service)s %(name)s %(correlation_id)s %(message)s",
        rename_fields={"levelname": "level", "asctime": "time", "name": "logger"}))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("kombu", "nameko.containers", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    # py-amqp warns of every ack that reaches a channel nameko is closing (a harmless race
    # after an RPC to a service that is not running): keep its errors only
    logging.getLogger("amqp").setLevel(logging.ERROR)


class Tracing(DependencyProvider):
    """Restores the correlation id in each worker and logs what each worker did, and how long."""

    def setup(self):
        self._started = {}

    def worker_setup(self, worker_ctx):
        correlation_id = accept_correlation_id(worker_ctx.data.get(CONTEXT_KEY))
        worker_ctx.data[CONTEXT_KEY] = correlation_id  # outgoing calls and events carry it
        _current.set(correlation_id)
        self._started[worker_ctx] = time.monotonic()

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        elapsed_ms = round((time.monotonic() - self._started.pop(worker_ctx, time.monotonic())) * 1000, 1)
        entrypoint = f"{worker_ctx.service_name}.{worker_ctx.entrypoint.method_name}"
        if exc_info is None and isinstance(worker_ctx.entrypoint, Timer) and not result:
            return  # a timer that found nothing to do: not worth a line every few seconds
        if exc_info is None:
            log.info("handled %s", entrypoint, extra={"entrypoint": entrypoint, "ms": elapsed_ms})
        else:
            log.info("failed %s: %s", entrypoint, exc_info[1],
                     extra={"entrypoint": entrypoint, "ms": elapsed_ms, "error": type(exc_info[1]).__name__})
