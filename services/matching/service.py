"""The matching service: the pool, explained suggestions, the whole-pool proposal, duos."""
from services.matching import duos, own, pool, proposals, settings, suggest
from services.matching.models import Base, Candidate
from services.matching.retention import EndedDuoRetention
from services.shared.database import Database
from services.shared.errors import InvalidInput, NotFound
from services.shared.forgetting import forget_copies
from services.shared.handlers import on_event
from services.shared.models import is_uuid
from services.shared.relay import OutboxRelay
from services.shared.caller import scoped
from services.shared.service import BackboneService, command, jsonable, load
from services.shared.wire import matching as wire
from services.shared.wire.appointments import AppointmentView, AppointmentWindow
from services.shared.wire.own_match import OwnMatchView


class MatchingService(BackboneService):
    name = "matching"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)
    ended_duo_retention = EndedDuoRetention()

    @on_event("intake", "participant_screened", version=2)
    def pool_screened_participant(self, event):
        pool.add_screened(self.db, event.data)

    @on_event("intake", "buddy_screened", version=2)
    def pool_screened_buddy(self, event):
        pool.add_screened(self.db, event.data)

    @on_event("intake", "person_profile_updated", awaits=pool.missing_candidate)
    def update_candidate_profile(self, event):
        pool.update_profile(self.db, event.data)

    @on_event("intake", "person_erased")
    def forget_person(self, event):
        duos.forget(self.db, event.data["person_id"])
        pool.forget(self.db, event.data["person_id"])
        forget_copies(self.db, event.data["person_id"])

    @command(scoped("matching:read"))
    def list_candidates(self, filters: dict = None) -> list[dict]:
        return wire.CandidateView(many=True).dump(pool.board(self.db, **load(wire.CandidateFilter(), filters)))

    @command(scoped("matching:read"))
    def get_pool_summary(self) -> dict:
        return {"waiting": pool.waiting_by_role(self.db)}

    @command(scoped("matching:write"))
    def set_capacity(self, person_id: str, data: dict) -> dict:
        candidate = pool.set_capacity(self.db, _id(person_id), load(wire.CapacityInput(), data)["capacity"])
        self.db.commit()
        busy = pool.commitments(self.db, [candidate.person_id]).get(candidate.person_id, 0)
        return wire.CandidateView().dump(pool.on_board(candidate, busy))

    @command(scoped("matching:read"))
    def suggest(self, query: dict) -> dict:
        return jsonable(suggest.for_person(self.db, **load(wire.SuggestionQuery(), query)))

    @command(scoped("matching:read"))
    def draft_proposal(self, data: dict = None) -> dict:
        return jsonable(suggest.draft(self.db, **load(wire.DraftInput(), data)))

    @command(scoped("matching:write"))
    def propose(self, data: dict) -> dict:
        return self._proposal(proposals.propose(self.db, load(wire.ProposeInput(), data)))

    @command(scoped("duos:read", "own:read"))
    def list_proposals(self, filters: dict = None) -> list[dict]:
        """Proposals (ProposalView) by ProposalFilter; a buddy (`own:read`) only their own,
        naming themselves as `person_id`."""
        found = proposals.listing(self.db, **self._own_filter(load(wire.ProposalFilter(), filters)))
        return [self._view(p) for p in found]

    @command(scoped("duos:read"))
    def get_proposal(self, proposal_id: str) -> dict:
        return self._view(proposals.find(self.db, _id(proposal_id)))

    @command(scoped("duos:write"))
    def plan_introduction(self, proposal_id: str, data: dict) -> dict:
        found = proposals.plan_introduction(self.db, _id(proposal_id), load(wire.IntroductionInput(), data),
                                            self.caller.id)
        return self._proposal(found)

    @command(scoped("duos:read"))
    def list_own_appointments(self, window: dict) -> list[dict]:
        """The introduction meetings the caller planned (or last moved) on open proposals that
        overlap `window` (AppointmentWindow: {"starts_at", "ends_at"}), earliest first, naming
        the buddy and the participant by id (AppointmentView; intake's `names_of` has their
        names), so that planning another appointment can warn (issue 12).
        NotAuthenticated, Forbidden, InvalidInput."""
        found = proposals.own_introductions(self.db, self.caller.signed_in().id, **load(AppointmentWindow(), window))
        return jsonable(AppointmentView(many=True).dump(found))

    @command(scoped("duos:write"))
    def record_answer(self, proposal_id: str, data: dict) -> dict:
        answer = load(wire.AnswerInput(), data)
        return self._proposal(proposals.answer(self.db, _id(proposal_id), answer,
                                               int(self.config.get("DUO_LENGTH_DAYS") or 182)))

    @command(scoped("duos:read", "own:read"))
    def list_duos(self, filters: dict = None) -> list[dict]:
        """Duos (DuoView) by DuoFilter; a buddy (`own:read`) only their own, naming themselves
        as `person_id`."""
        found = duos.listing(self.db, **self._own_filter(load(wire.DuoFilter(), filters)))
        return wire.DuoView(many=True).dump(found)

    def _own_filter(self, filters: dict) -> dict:
        """`filters`, when the caller may read every duo or names themselves; else Forbidden."""
        self.caller.may_act_on(filters.get("person_id"), "duos:read", "own:read")
        return filters

    @command(scoped("duos:read", "own:read"))
    def get_own_match(self, person_id: str) -> dict | None:
        """The person's latest match as they may see it (OwnMatchView: partner id, the
        introduction meeting, the duo; own.py), or None. A coordinator (`duos:read`), or the
        person themselves (`own:read`: a buddy, the holder of their status link); else Forbidden."""
        self.caller.may_act_on(person_id, "duos:read", "own:read")
        found = own.own_match(self.db, _id(person_id))
        return found and jsonable(OwnMatchView().dump(found))

    @command(scoped("duos:read"))
    def get_duo(self, duo_id: str) -> dict:
        return wire.DuoView().dump(duos.find(self.db, _id(duo_id)))

    @command(scoped("duos:write"))
    def change_duo(self, duo_id: str, action: str, data: dict = None) -> dict:
        if action not in DUO_ACTIONS:
            raise InvalidInput({"action": [f"Must be one of: {', '.join(DUO_ACTIONS)}."]})
        duo = DUO_ACTIONS[action](self.db, _id(duo_id), data or {})
        self.db.commit()
        return wire.DuoView().dump(duo)

    @command(scoped("matching:read"))
    def get_weights(self) -> dict:
        return settings.view(self.db)

    @command(scoped("matching:write"))
    def tune_weights(self, data: dict) -> dict:
        settings.tune(self.db, **load(wire.WeightsInput(), data))
        self.db.commit()
        return settings.view(self.db)

    @command(scoped("matching:write"))
    def reset_weights(self) -> dict:
        settings.reset(self.db)
        self.db.commit()
        return settings.view(self.db)

    @command(scoped("people:export"))
    def export_person(self, person_id: str) -> dict:
        """What matching holds about a person (`people:export`): {"candidate", "proposals",
        "duos"}. NotAuthenticated, Forbidden."""
        if not is_uuid(person_id):
            return {"candidate": None, "proposals": [], "duos": []}
        candidate = self.db.get(Candidate, str(person_id))
        return jsonable({"candidate": candidate and wire.CandidateView().dump(candidate),
                         "proposals": [self._view(p) for p in proposals.listing(self.db, person_id=person_id)],
                         "duos": wire.DuoView(many=True).dump(duos.listing(self.db, person_id=person_id))})

    def _proposal(self, proposal) -> dict:
        self.db.commit()
        return self._view(proposal)

    def _view(self, proposal) -> dict:
        duo = next(iter(duos.by_proposal(self.db, proposal.id)), None)
        return jsonable(wire.ProposalView().dump({**vars(proposal), "duo_id": duo and duo.id}))


def _id(value: str) -> str:
    """An id from a caller: anything but a UUID cannot name a row (answered as not found)."""
    if not is_uuid(value):
        raise NotFound("No such record.")
    return str(value)


DUO_ACTIONS = {
    "pause": lambda db, duo_id, data: duos.pause(db, duo_id, load(wire.PauseInput(), data)["reason"]),
    "resume": lambda db, duo_id, data: duos.resume(db, duo_id),
    "extend": lambda db, duo_id, data: duos.extend(db, duo_id, load(wire.ExtendInput(), data)["planned_end_on"]),
    "end": lambda db, duo_id, data: duos.end(db, duo_id, **load(wire.EndInput(), data)),
}
