"""Matching refuses what cannot be right, under the field it is about: an introduction in the
past, a yes before the introduction took place, a participant already taken; and offers no
proposal for someone who cannot be proposed."""
import uuid
from datetime import timedelta

import pytest

from services.matching.service import MatchingService
from services.shared.caller import Caller
from services.shared.errors import Conflict, InvalidInput
from services.shared.models import utcnow
from services.shared.wire.credentials import ROLE_SCOPES
from tests.support.appointments import introduction_held
from tests.support.builders import PROFILES
from tests.support.events import publish, screened
from tests.support.waiting import eventually

SOON = {"location": "Huis van de Wereld, Sint-Truiden"}


@pytest.fixture
def pair(start_service, rpc, config):
    """A matching service with a participant and two buddies waiting: (participant, buddies)."""
    start_service(MatchingService)
    amina, lotte, sofie = (str(uuid.uuid4()) for _ in range(3))
    publish(config, screened(amina, profile=PROFILES["participant"]),
            *(screened(buddy, role="buddy", profile=PROFILES["buddy"]) for buddy in (lotte, sofie)))
    eventually(lambda: len(rpc.matching.list_candidates()) == 3)
    return amina, (lotte, sofie)


def test_an_introduction_is_planned_ahead_and_answered_yes_once_it_took_place(pair, rpc, db):
    amina, (lotte, _) = pair
    proposal = rpc.matching.propose({"buddy_id": lotte, "participant_id": amina, "reason": "Close by."})
    with pytest.raises(InvalidInput) as past:
        rpc.matching.plan_introduction(proposal["id"], {**SOON, "starts_at": (utcnow() - timedelta(hours=1)).isoformat()})
    assert past.value.errors == {"starts_at": ["Choose a moment in the future."]}
    rpc.matching.plan_introduction(proposal["id"], {**SOON, "starts_at": (utcnow() + timedelta(days=2)).isoformat()})
    with pytest.raises(InvalidInput) as early:
        rpc.matching.record_answer(proposal["id"], {"side": "buddy", "answer": "yes"})
    assert early.value.errors == {"answer": [
        "The introduction meeting has not taken place yet: record a yes after it."]}
    introduction_held(db, proposal["id"])
    rpc.matching.record_answer(proposal["id"], {"side": "buddy", "answer": "yes"})
    formed = rpc.matching.record_answer(proposal["id"], {"side": "participant", "answer": "yes"})
    assert formed["status"] == "accepted" and formed["duo_id"]


def test_a_no_may_come_before_the_introduction(pair, rpc):
    amina, (lotte, _) = pair
    proposal = rpc.matching.propose({"buddy_id": lotte, "participant_id": amina, "reason": "Close by."})
    rpc.matching.plan_introduction(proposal["id"], {**SOON, "starts_at": (utcnow() + timedelta(days=2)).isoformat()})
    declined = rpc.matching.record_answer(proposal["id"], {"side": "participant", "answer": "no",
                                                           "reason": "She found work in the evenings."})
    assert declined["status"] == "declined"


def test_someone_already_proposed_is_not_offered_and_refused_under_the_field(pair, rpc):
    amina, (lotte, sofie) = pair
    assert rpc.matching.suggest({"person_id": amina})["proposable"] is True
    rpc.matching.propose({"buddy_id": lotte, "participant_id": amina, "reason": "Close by."})
    assert rpc.matching.suggest({"person_id": amina})["proposable"] is False
    assert rpc.matching.suggest({"person_id": lotte})["proposable"] is False, "a buddy at capacity"
    assert rpc.matching.suggest({"person_id": sofie})["suggestions"] == [], "Amina is taken"
    with pytest.raises(Conflict) as taken:  # a second tab, still showing the old page
        rpc.matching.propose({"buddy_id": sofie, "participant_id": amina, "reason": "Also close."})
    assert taken.value.errors == {"participant_id": ["This participant already has a proposal or a duo."]}


def test_a_coordinator_lists_only_their_own_introductions_that_overlap_a_window(start_service, rpc, rpc_as, config):
    start_service(MatchingService)
    people = {name: str(uuid.uuid4()) for name in ("amina", "yonas", "sara", "lotte", "sofie", "els")}
    publish(config, *(screened(people[name], profile=PROFILES["participant"]) for name in ("amina", "yonas", "sara")),
            *(screened(people[name], role="buddy", profile=PROFILES["buddy"]) for name in ("lotte", "sofie", "els")))
    eventually(lambda: len(rpc.matching.list_candidates()) == 6)
    ann, bo = (rpc_as(Caller(str(uuid.uuid4()), "coordinator_session", "coordinator",
                             ROLE_SCOPES["coordinator"])).matching for _ in range(2))
    planned = {}
    for who, buddy, participant, starts in ((ann, "lotte", "amina", "2030-03-04T10:00:00+01:00"),
                                            (ann, "sofie", "yonas", "2030-03-04T11:00:00+01:00"),
                                            (bo, "els", "sara", "2030-03-04T10:00:00+01:00")):
        proposal = who.propose({"buddy_id": people[buddy], "participant_id": people[participant], "reason": "Near."})
        planned[participant] = who.plan_introduction(proposal["id"], {**SOON, "starts_at": starts})["id"]
    window = {"starts_at": "2030-03-04T10:30:00+01:00", "ends_at": "2030-03-04T11:00:00+01:00"}
    assert ann.list_own_appointments(window) == [{
        "kind": "introduction", "id": planned["amina"], "person_ids": [people["lotte"], people["amina"]],
        "starts_at": "2030-03-04T09:00:00+00:00", "ends_at": "2030-03-04T10:00:00+00:00", "names": {}}]
    ann.record_answer(planned["amina"], {"side": "participant", "answer": "no", "reason": "Moved away."})
    assert ann.list_own_appointments(window) == [], "a decided proposal's introduction is off"
    assert [a["id"] for a in bo.list_own_appointments(window)] == [planned["sara"]]
