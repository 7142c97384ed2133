"""Waiting for a PostgreSQL NOTIFY, so background loops react within milliseconds of a commit
and poll only as a fallback."""
import logging
import time

import eventlet
import psycopg
from nameko.extensions import DependencyProvider

from services.shared.backoff import backoff

log = logging.getLogger(__name__)
STOP_CHECK_SECONDS = 1.0  # a stopping loop notices within this long


class NotifyListener:
    """LISTENs on one channel over a dedicated connection, reconnecting after failures."""

    def __init__(self, url: str, channel: str):
        self.url, self.channel, self.connection = url, channel, None

    def wait(self, timeout: float) -> bool:
        """Return when a notification arrives (True), or after `timeout` seconds (False)."""
        try:
            if self.connection is None or self.connection.closed:
                self.connection = psycopg.connect(self.url, autocommit=True, connect_timeout=5)
                self.connection.execute(f'LISTEN "{self.channel}"')
            return any(True for _ in self.connection.notifies(timeout=timeout, stop_after=1))
        except psycopg.Error as exc:
            log.warning("listener on %s lost its connection (%s); polling meanwhile",
                        self.channel, exc)
            self.close()
            eventlet.sleep(timeout)
            return False

    def close(self):
        if self.connection is not None:
            try:
                self.connection.close()
            except psycopg.Error:
                pass
        self.connection = None


class NotifiedLoop(DependencyProvider):
    """A background green thread that works in batches: it runs `run_once` while there is
    work, waits for a NOTIFY (or the poll interval) when there is none, and backs off
    exponentially while the database or broker is down. Subclasses set up `self.listener`,
    and may set `self.health` (a loophealth.LoopHealth) to have each pass's outcome recorded."""

    identifier = "notified-loop"
    poll_seconds = 1.0
    enabled = True
    health = None

    def start(self):
        self._stopping, self._thread = False, None
        if self.enabled:
            self._thread = self.container.spawn_managed_thread(self._run, identifier=self.identifier)

    def stop(self):
        self._stopping = True
        if self._thread is not None:
            self._thread.wait()
        self.release()

    def kill(self):
        self._stopping = True
        self.release()

    def get_dependency(self, worker_ctx):
        return self

    def run_once(self) -> bool:
        """Do one batch; True if there may be more work right away."""
        raise NotImplementedError

    def release(self):
        """Close what the loop holds (connections, engines)."""
        self.listener.close()

    def _run(self):
        failures = 0
        while not self._stopping:
            try:
                busy = self.run_once()
                failures = 0
                if self.health is not None:
                    self.health.succeeded()
            except Exception as exc:  # noqa: BLE001 - broker or database down: retry later
                failures += 1
                if self.health is not None:
                    self.health.failed(exc)
                delay = backoff(failures, 0.3, 10, jitter=0.25)
                log.warning("%s: %s: %s; retrying in %.1f s", self.identifier,
                            type(exc).__name__, exc, delay)
                eventlet.sleep(delay)
                continue
            if not busy:
                self._wait_for_work()

    def _wait_for_work(self):
        """Wait for a NOTIFY or the poll interval, a second at a time, so that stopping the
        service never waits for a long poll (retention polls every ten minutes)."""
        deadline = time.monotonic() + self.poll_seconds
        while not self._stopping and time.monotonic() < deadline:
            if self.listener.wait(min(STOP_CHECK_SECONDS, max(deadline - time.monotonic(), 0))):
                return
