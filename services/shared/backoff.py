"""The one exponential back-off of the platform: handlers, loops, the relay and deliveries all
wait with it, so "how long until the next try" has one answer and one test."""
import random


def backoff(attempt: int, base: float, ceiling: float, jitter: float = 0.2) -> float:
    """Seconds to wait after failed try number `attempt` (1 for the first) before the next.

    Nominally `base * 2 ** (attempt - 1)`, capped at `ceiling` (both in seconds), then spread
    by ± `jitter` (a fraction: 0.2 gives 80 %–120 % of the nominal delay) so that many waiters
    that failed together do not all come back together. An attempt below 1 counts as 1.
    """
    nominal = min(base * 2 ** (max(attempt, 1) - 1), ceiling)
    return nominal * random.uniform(1 - jitter, 1 + jitter)
