"""RPC from the gateway to the services: a pool of long-lived nameko proxies.

nameko's standalone ClusterRpcProxy is single-threaded and costs ~30 ms to build, so each
request borrows a started proxy from the pool and gives it back. A proxy that hit a broker
error is thrown away. After such an error a circuit breaker answers "broker unavailable" at
once for a couple of seconds instead of letting every request wait, then lets one through to
see whether the broker is back. The publisher is nameko's, on a short leash: while the broker
is down it gives up after about a second instead of retrying for ten.
"""
import logging
import queue
import threading
import time
from contextlib import contextmanager

import amqp.exceptions
import kombu.exceptions
from nameko.amqp.publish import Publisher
from nameko.exceptions import RpcTimeout, UnknownService
from nameko.rpc import MethodProxy, ServiceProxy
from nameko.standalone.rpc import ClusterProxy, ClusterRpcProxy

from services.shared.rpc_replies import forget_replies, reply_as_own_user
from services.shared.tracing import CONTEXT_KEY

log = logging.getLogger(__name__)
FAIL_FAST = {"max_retries": 1, "interval_start": 0.1, "interval_step": 0.2, "interval_max": 0.3}
BROKER_ERRORS = (OSError, amqp.exceptions.ConnectionError, kombu.exceptions.OperationalError,
                 RuntimeError)


class BrokerUnavailable(Exception):
    """The message broker cannot be reached, so no service can be."""


class ServiceUnavailable(Exception):
    """A service is not running or did not answer in time."""


class FailFastPublisher(Publisher):
    transport_options = dict(FAIL_FAST)
    retry_policy = dict(FAIL_FAST)


class _MethodProxy(MethodProxy):
    publisher_cls = FailFastPublisher


class _ServiceProxy(ServiceProxy):
    def __getattr__(self, name):
        return _MethodProxy(self.worker_ctx, self.service_name, name, self.reply_listener,
                            **self.options)


class _ClusterProxy(ClusterProxy):
    def __getattr__(self, name):
        if name not in self._proxies:
            self._proxies[name] = _ServiceProxy(self._worker_ctx, name, self._reply_listener)
        return self._proxies[name]


class GatewayRpcProxy(ClusterRpcProxy):
    """A ClusterRpcProxy whose calls fail fast while the broker is down."""

    def __init__(self, config, context_data, timeout):
        super().__init__(config, context_data=context_data, timeout=timeout)
        self._proxy = _ClusterProxy(self._worker_ctx, self._reply_listener)


class Borrowed:
    """A started proxy and the context dict its calls send as headers."""

    def __init__(self, config, timeout):
        self.context = {}
        self.runner = reply_as_own_user(GatewayRpcProxy(config, self.context, timeout), config)
        self.proxy = self.runner.start()
        self.broken = False

    def close(self):
        forget_replies(self.runner)  # a late answer (a link, a token) must find no queue
        try:
            self.runner.stop()
        except Exception:  # noqa: BLE001 - closing a broken connection may fail too
            pass


class RpcPool:
    """Started cluster proxies to borrow for a request; see the module docstring."""

    def __init__(self, config: dict, timeout: float = 10.0, breaker_seconds: float = 2.0,
                 factory=Borrowed):
        self.config, self.timeout, self.breaker_seconds = config, timeout, breaker_seconds
        self.factory = factory  # builds a started proxy; tests pass a fake
        self._idle = queue.LifoQueue()
        self._open_until = 0.0
        self._lock = threading.Lock()

    def borrow(self, correlation_id: str | None = None) -> Borrowed:
        """An idle proxy (or a new one) whose calls carry `correlation_id`."""
        if time.monotonic() < self._open_until:
            raise BrokerUnavailable("The message broker cannot be reached.")
        try:
            borrowed = self._idle.get_nowait()
        except queue.Empty:
            borrowed = self._start()
        borrowed.context.clear()
        if correlation_id:
            borrowed.context[CONTEXT_KEY] = correlation_id
        return borrowed

    def give_back(self, borrowed: Borrowed):
        if borrowed.broken:
            borrowed.close()
        else:
            self._idle.put(borrowed)

    def call(self, borrowed: Borrowed, service: str, method: str, *args, **kwargs):
        """Call `service.method` and wait for its answer (errors mapped as described)."""
        with self._mapped_errors(borrowed, service):
            return getattr(getattr(borrowed.proxy, service), method)(*args, **kwargs)

    def call_async(self, borrowed: Borrowed, service: str, method: str, *args, **kwargs):
        """Send a call now; `wait(reply)` collects its answer later."""
        with self._mapped_errors(borrowed, service):
            return getattr(getattr(borrowed.proxy, service), method).call_async(*args, **kwargs)

    def wait(self, borrowed: Borrowed, service: str, reply):
        with self._mapped_errors(borrowed, service):
            return reply.result()

    def close(self):
        while not self._idle.empty():
            self._idle.get_nowait().close()

    @contextmanager
    def _mapped_errors(self, borrowed, service):
        try:
            yield
        except BROKER_ERRORS as exc:
            borrowed.broken = True
            self._trip(exc)
            raise BrokerUnavailable("The message broker cannot be reached.") from exc
        except UnknownService as exc:
            raise ServiceUnavailable(f"The {service} service is not running.") from exc
        except RpcTimeout as exc:
            borrowed.broken = True  # its late answer would wait in its reply queue: thrown away
            raise ServiceUnavailable(f"The {service} service did not answer in time.") from exc

    def _start(self) -> Borrowed:
        try:
            return self.factory(self.config, self.timeout)
        except BROKER_ERRORS as exc:
            self._trip(exc)
            raise BrokerUnavailable("The message broker cannot be reached.") from exc

    def _trip(self, exc):
        log.warning("broker unreachable (%s: %s); failing fast for %.0f s",
                    type(exc).__name__, exc, self.breaker_seconds)
        with self._lock:
            self._open_until = time.monotonic() + self.breaker_seconds
        self.close()  # the idle proxies share the broker's fate
