"""Retention: what intake keeps only as long as it is needed, on the backbone's due work.

- A rejected applicant is erased everywhere `REJECTED_RETENTION_DAYS` after the decision
  (`person_erased`, as on request): the application stays, anonymised, so reports still count
  it.
- A sign-in attempt is forgotten `SIGN_IN_ATTEMPT_RETENTION_DAYS` after it was made (it serves
  throttling for minutes, and an operator looking into a break-in for a few weeks).
- A link (links.py) is forgotten `EXPIRED_LINK_RETENTION_DAYS` after it expired: it opens
  nothing any more, and until then its page can say "expired" rather than "not valid".
"""
import logging
from datetime import timedelta

from sqlalchemy import delete, select, update

from services.intake import privacy
from services.intake.models import Application, Base, Link, LoginAttempt, Person
from services.shared import retention
from services.shared.due import DueQueue

log = logging.getLogger(__name__)


class RetentionLoop(retention.RetentionLoop):
    metadata = Base.metadata
    channel = "intake_retention"  # nothing announces these: the loop polls


class RejectedRetention(RetentionLoop):
    identifier, days_setting, default_days = "retention-rejected", "REJECTED_RETENTION_DAYS", 365

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
    identifier, days_setting, default_days = "retention-sign-in", "SIGN_IN_ATTEMPT_RETENTION_DAYS", 30

    def make_queue(self, retained):
        table = LoginAttempt.__table__
        return DueQueue("sign-in attempts to forget", table, table.c.attempted_at + retained,
                        table.c.id.is_not(None), grace=timedelta(hours=2))

    def handle(self, session, attempt):
        session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt.id))

    def give_up(self, session, attempt, reason):
        log.warning("could not forget sign-in attempt %s: %s", attempt.id, reason)
        session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt.id))



class LinkRetention(RetentionLoop):
    identifier, days_setting, default_days = "retention-links", "EXPIRED_LINK_RETENTION_DAYS", 30

    def make_queue(self, retained):
        table = Link.__table__
        return DueQueue("expired links to forget", table, table.c.expires_at + retained,
                        table.c.id.is_not(None), grace=timedelta(hours=2))

    def handle(self, session, link):
        session.execute(delete(Link).where(Link.id == link.id))

    def give_up(self, session, link, reason):
        log.warning("could not forget link %s: %s", link.id, reason)
        session.execute(delete(Link).where(Link.id == link.id))
