"""Retention on the backbone's due work: rows that fall due a configured number of days after
a moment (a decision, an attempt, the end of a trajectory) and are then forgotten or
anonymised. Each service keeps its own loops (intake/retention.py, matching/retention.py);
the periods are in config.yml and in docs/architecture.md ("Forgetting").
"""
from datetime import timedelta

from services.shared.due import DueLoop, DueQueue


def days(config: dict, setting: str, default: int) -> int:
    """The number of days `setting` says (a whole number), or `default` when it is not set."""
    value = config.get(setting)
    return default if value in (None, "") else int(value)


class RetentionLoop(DueLoop):
    """A due loop whose queue is made at setup from `days_setting` (default `default_days`).

    Subclasses set `metadata`, `channel` (nothing announces these rows: the loop polls every
    RETENTION_POLL_SECONDS), `identifier`, `days_setting`, `default_days`, and implement
    `make_queue(retained)`, `handle` and `give_up`.
    """

    settings = "RETENTION"
    poll_seconds = 600.0
    queue = None
    days_setting: str
    default_days: int

    def make_queue(self, retained: timedelta) -> DueQueue:
        raise NotImplementedError

    def setup(self):
        super().setup()
        retained = timedelta(days=days(self.container.config, self.days_setting, self.default_days))
        self.queue = self.make_queue(retained)
