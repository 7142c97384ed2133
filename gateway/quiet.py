"""What repeats on every request while a part is down, said once a minute instead: the
operator at 2 a.m. needs to know Redis is down, not to read it ten thousand times."""
import time

QUIET_SECONDS = 60


class NowAndThen:
    """`due(cause)` is true the first time, then again once `seconds` have passed."""

    def __init__(self, seconds: float = QUIET_SECONDS):
        self.seconds, self.said = seconds, {}  # cause -> time.monotonic() it was last said

    def due(self, cause: str) -> bool:
        now = time.monotonic()
        if now - self.said.get(cause, float("-inf")) < self.seconds:
            return False
        self.said[cause] = now
        return True
