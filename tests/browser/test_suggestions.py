"""The suggestion page in a real browser: the coordinator reads the reasons, picks the second
suggestion, is asked why, and the proposal keeps the reason."""
from tests.support.applicants import approved, pool_status


def test_the_coordinator_reads_the_reasons_and_explains_a_second_choice(browse, fresh, api, coordinator):
    amina = approved(fresh, api, "participant", language="ar", first_name="Amina")
    approved(fresh, api, "buddy", language="nl", first_name="Lotte", interests=["walking", "cooking", "music"])
    sofie = approved(fresh, api, "buddy", language="nl", first_name="Sofie", interests=["music"])
    approved(fresh, api, "buddy", language="nl", first_name="Jan", gender="male")
    browse("choose_a_suggestion", email=coordinator["email"], password=coordinator["password"])
    [proposal] = api.get(fresh.url("/api/v1/matching/proposals")).json()["items"]
    assert (proposal["buddy_id"], proposal["participant_id"]) == (sofie["person_id"], amina["person_id"])
    assert proposal["choice_reason"] == "Ze wonen in dezelfde straat."
    assert pool_status(api, fresh, amina) == "proposed"
