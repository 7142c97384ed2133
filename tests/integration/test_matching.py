"""The matching pool follows intake's decisions, profile changes and erasures."""
import uuid
from datetime import datetime, timezone

from services.matching.service import MatchingService
from tests.support.builders import PROFILES
from tests.support.events import an_event, publish, screened
from tests.support.waiting import eventually


def test_approved_people_wait_in_the_pool_with_their_profile_and_leave_when_erased(
        start_service, rpc, config):
    start_service(MatchingService)
    amina, lotte, tom = (str(uuid.uuid4()) for _ in range(3))
    publish(config, screened(amina, profile=PROFILES["participant"]),
            screened(lotte, role="buddy", profile=PROFILES["buddy"]),
            screened(tom, decision="rejected", role="buddy"))
    pool = eventually(lambda: len(rpc.matching.list_candidates()) == 2 and rpc.matching.list_candidates())
    assert {c["person_id"]: c["role"] for c in pool} == {amina: "participant", lotte: "buddy"}
    assert next(c for c in pool if c["person_id"] == amina)["profile"]["district"] == "brustem"
    assert "first_name" not in pool[0], "matching keeps no names"

    publish(config, an_event("person_profile_updated", {
        "person_id": amina, "role": "participant", "profile": {**PROFILES["participant"], "district": "velm"}}))
    eventually(lambda: rpc.matching.export_person(amina)["candidate"]["profile"]["district"] == "velm")

    publish(config, an_event("person_erased", {"person_id": amina, "erased_at": datetime.now(timezone.utc)}))
    eventually(lambda: [c["person_id"] for c in rpc.matching.list_candidates()] == [lotte])
    assert rpc.matching.export_person(amina) == {"candidate": None, "proposals": [], "duos": []}
