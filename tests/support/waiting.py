"""Bounded waiting: poll until something is true, then stop."""
import time

import eventlet


def eventually(check, timeout: float = 10.0, interval: float = 0.05, message: str = ""):
    """Call `check` until it returns something truthy (returned); fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        eventlet.sleep(interval)
    raise AssertionError(f"not within {timeout} s: {message or check.__name__} (last: {last!r})")
