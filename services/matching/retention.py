"""Retention of ended trajectories: `ENDED_DUO_RETENTION_DAYS` after a duo ended, what was
written about it (its history's details, the proposal's reasons) and who was in it are
forgotten. The duo stays, with its dates and its reason for ending, so reports still count
it; the people themselves stay in the pool (they may be in newer duos).
"""
import logging
from datetime import timedelta

from sqlalchemy import update

from services.matching.models import Base, Duo, Proposal
from services.shared import retention
from services.shared.due import DueQueue
from services.shared.models import utcnow

log = logging.getLogger(__name__)


class EndedDuoRetention(retention.RetentionLoop):
    metadata = Base.metadata
    channel = "matching_retention"  # nothing announces these: the loop polls
    identifier, days_setting, default_days = "retention-ended-duos", "ENDED_DUO_RETENTION_DAYS", 730

    def make_queue(self, retained):
        table = Duo.__table__
        return DueQueue("ended duos to anonymise", table, table.c.ended_on + retained,
                        (table.c.status == "ended") & table.c.forgotten_at.is_(None),
                        grace=timedelta(hours=2))

    def handle(self, session, duo):
        forget_duo(session, duo.id)

    def give_up(self, session, duo, reason):
        log.warning("could not anonymise ended duo %s: %s", duo.id, reason)
        session.execute(update(Duo).where(Duo.id == duo.id).values(forgotten_at=utcnow()))


def forget_duo(session, duo_id: str) -> None:
    """The ended duo keeps its dates and reason; its people and its words go."""
    duo = session.get(Duo, duo_id)
    duo.history = [{"at": entry.get("at"), "action": entry.get("action")} for entry in duo.history]
    duo.buddy_id = duo.participant_id = None
    duo.forgotten_at = utcnow()
    session.execute(update(Proposal).where(Proposal.id == duo.proposal_id).values(
        buddy_id=None, participant_id=None, choice_reason=None, decline_reason=None))
