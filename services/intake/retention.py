"""Retention: what intake keeps only as long as it is needed, on the backbone's due work.

- A rejected applicant is erased everywhere `REJECTED_RETENTION_DAYS` after the decision
  (`person_erased`, as on request): the application stays, anonymised, so reports still count
  it.
- A sign-in attempt is forgotten `SIGN_IN_ATTEMPT_RETENTION_DAYS` after it was made (it serves
  throttling for minutes, and an operator looking into a break-in for a few weeks).
"""
import logging
from datetime import timedelta

from sqlalchemy import delete, select, update

from services.intake import privacy
from services.intake.models import Application, Base, LoginAttempt, Person
from services.shared.due import DueLoop, DueQueue

log = logging.getLogger(__name__)
DEFAULT_DAYS = {"REJECTED_RETENTION_DAYS": 365, "SIGN_IN_ATTEMPT_RETENTION_DAYS": 30}


def days(config: dict, setting: str) -> int:
    value = config.get(setting)
    return DEFAULT_DAYS[setting] if value in (None, "") else int(value)


class RetentionLoop(DueLoop):
    """A due loop whose rows fall due a configured number of days after a moment."""

    metadata = Base.metadata
    channel = "intake_retention"  # nothing announces these: the loop polls
    settings = "RETENTION"
    poll_seconds = 600.0
    queue = None  # made at setup, from the configured number of days

    def make_queue(self, retained: timedelta) -> DueQueue:
        raise NotImplementedError

    def setup(self):
        super().setup()
        self.queue = self.make_queue(timedelta(days=days(self.container.config, self.days_setting)))


class RejectedRetention(RetentionLoop):
    identifier, days_setting = "retention-rejected", "REJECTED_RETENTION_DAYS"

    def make_queue(self, retained):
        living = select(Person.id).where(Person.erased_at.is_(None))
        table = Application.__table__  # rows, not objects: the mapped class joins its person
        return DueQueue("rejected applicants to forget", table, table.c.decided_at + retained,
                        (table.c.status == "rejected") & table.c.person_id.in_(living)
                        & table.c.retention_error.is_(None), grace=timedelta(hours=2))

    def handle(self, session, application):
        person = session.get(Person, application.person_id)
        if person is not None and person.erased_at is None:  # two rejected applications: once
            privacy.erase(session, person.id, None, why="retention: rejected application")

    def give_up(self, session, application, reason):
        session.execute(update(Application).where(Application.id == application.id)
                        .values(retention_error=reason[:1000]))


class SignInRetention(RetentionLoop):
    identifier, days_setting = "retention-sign-in", "SIGN_IN_ATTEMPT_RETENTION_DAYS"

    def make_queue(self, retained):
        table = LoginAttempt.__table__
        return DueQueue("sign-in attempts to forget", table, table.c.attempted_at + retained,
                        table.c.id.is_not(None), grace=timedelta(hours=2))

    def handle(self, session, attempt):
        session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt.id))

    def give_up(self, session, attempt, reason):
        log.warning("could not forget sign-in attempt %s: %s", attempt.id, reason)
        session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt.id))

