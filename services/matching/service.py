"""The matching service: keeps the candidate pool from screening decisions."""
from services.matching import pool
from services.matching.models import Base
from services.shared.database import Database
from services.shared.handlers import on_event
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService, command, load
from services.shared.wire.matching import CandidateFilter, CandidateView


class MatchingService(BackboneService):
    name = "matching"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)

    @on_event("intake", "participant_screened")
    def pool_screened_participant(self, event):
        pool.add_screened(self.db, event.data)

    @on_event("intake", "buddy_screened")
    def pool_screened_buddy(self, event):
        pool.add_screened(self.db, event.data)

    @command
    def list_candidates(self, filters: dict = None) -> list[dict]:
        return CandidateView(many=True).dump(pool.waiting(self.db, **load(CandidateFilter(), filters)))
