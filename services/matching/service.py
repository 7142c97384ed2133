"""The matching service: keeps the candidate pool from screening decisions."""
from services.matching import pool
from services.matching.models import Base, Candidate
from services.shared.database import Database
from services.shared.handlers import on_event
from services.shared.models import is_uuid
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService, command, jsonable, load
from services.shared.wire.matching import CandidateFilter, CandidateView


class MatchingService(BackboneService):
    name = "matching"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)

    @on_event("intake", "participant_screened", version=2)
    def pool_screened_participant(self, event):
        pool.add_screened(self.db, event.data)

    @on_event("intake", "buddy_screened", version=2)
    def pool_screened_buddy(self, event):
        pool.add_screened(self.db, event.data)

    @on_event("intake", "person_profile_updated")
    def update_candidate_profile(self, event):
        pool.update_profile(self.db, event.data)

    @on_event("intake", "person_erased")
    def forget_person(self, event):
        pool.forget(self.db, event.data["person_id"])

    @command
    def list_candidates(self, filters: dict = None) -> list[dict]:
        return CandidateView(many=True).dump(pool.waiting(self.db, **load(CandidateFilter(), filters)))

    @command
    def export_person(self, person_id: str, actor_id: str = None) -> dict:
        candidate = self.db.get(Candidate, str(person_id)) if is_uuid(person_id) else None
        return jsonable({"candidate": candidate and CandidateView().dump(candidate)})
