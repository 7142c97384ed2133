"""Matching end to end, every process running: explained suggestions, the whole-pool draft,
and a pair from proposal through introduction and duo to its end and a new match."""
from tests.support.applicants import approved, pool_status
from tests.support.appointments import introduction_held
from tests.support.mailbox import calendar_of, mail_where, saying, with_calendar
from tests.support.waiting import eventually


def suggestions(api, platform, person) -> dict:
    answer = api.get(platform.url("/api/v1/matching/suggestions"), params={"person_id": person["person_id"]})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_suggestions_are_explained_and_exclusions_named(fresh, api):
    amina = approved(fresh, api, "participant", language="ar")
    lotte = approved(fresh, api, "buddy", language="nl", interests=["walking", "cooking", "music"])
    approved(fresh, api, "buddy", language="nl", interests=["music"])
    jan = approved(fresh, api, "buddy", language="nl", gender="male")
    found = suggestions(api, fresh, amina)
    first = found["suggestions"][0]
    assert first["person_id"] == lotte["person_id"] and len(found["suggestions"]) == 2
    assert first["score"] == round(sum(c["contribution"] for c in first["criteria"]), 2)
    assert {c["name"] for c in first["criteria"]} == {"interests", "availability", "distance", "roles", "age", "waiting"}
    assert "both speak Arabic" in first["explanation"] and "both like walking, cooking" in first["explanation"]
    assert [(e["person_id"], e["constraints"]) for e in found["excluded"]] == [(jan["person_id"], ["gender_preference"])]
    assert "gender" in found["excluded"][0]["explanation"]
    for_the_buddy = suggestions(api, fresh, lotte)
    assert [s["person_id"] for s in for_the_buddy["suggestions"]] == [amina["person_id"]]
    assert for_the_buddy["suggestions"][0]["score"] == first["score"], "the same pair scores the same"


def test_a_buddy_can_take_on_more_than_one_duo(fresh, api):
    amina = approved(fresh, api, "participant", language="ar")
    fatima = approved(fresh, api, "participant", language="ar")
    lotte = approved(fresh, api, "buddy", language="nl")
    propose = fresh.url("/api/v1/matching/proposals")
    assert api.post(propose, json={"buddy_id": lotte["person_id"], "participant_id": amina["person_id"]}).status_code == 201
    full = api.post(propose, json={"buddy_id": lotte["person_id"], "participant_id": fatima["person_id"],
                                   "reason": "Friends."})
    assert full.status_code == 409 and "capacity" in full.json()["message"]
    capacity = fresh.url(f"/api/v1/matching/candidates/{lotte['person_id']}/capacity")
    assert api.put(capacity, json={"capacity": 9}).status_code == 422
    raised = api.put(capacity, json={"capacity": 2}).json()
    assert (raised["capacity"], raised["room"], raised["status"]) == (2, 1, "waiting")
    assert api.post(propose, json={"buddy_id": lotte["person_id"], "participant_id": fatima["person_id"]}).status_code == 201
    assert pool_status(api, fresh, lotte) == "proposed"


def test_a_pair_goes_from_proposal_to_duo_to_its_end_and_both_can_be_matched_again(fresh, api, db):
    amina = approved(fresh, api, "participant", language="ar")
    lotte = approved(fresh, api, "buddy", language="nl", interests=["walking", "cooking", "music"])
    sofie = approved(fresh, api, "buddy", language="nl", interests=["music"])
    url = fresh.url("/api/v1/matching/proposals")
    second_best = {"buddy_id": sofie["person_id"], "participant_id": amina["person_id"]}
    refused = api.post(url, json=second_best)
    assert refused.status_code == 422 and "reason" in refused.json()["errors"]
    proposal = api.post(url, json={**second_best, "reason": "They met at the language café."})
    assert proposal.status_code == 201, proposal.text
    proposal = proposal.json()
    assert proposal["choice_reason"] == "They met at the language café."
    assert pool_status(api, fresh, amina) == "proposed" and pool_status(api, fresh, lotte) == "waiting"
    told = mail_where(fresh, amina, saying("/info?lang=ar"), "with the info pack in Arabic")
    assert told["Content-Language"] == "ar, nl" and "وجدنا لك مرافقًا" in told["Subject"]
    mail_where(fresh, sofie, saying("/info?lang=nl"), "with the info pack in Dutch")

    here = fresh.url(f"/api/v1/matching/proposals/{proposal['id']}")
    planned = api.post(here + "/introduction", json={"starts_at": "2030-05-06T14:00:00+02:00",
                                                     "location": "Huis van de Wereld, Sint-Truiden"})
    assert planned.status_code == 200 and planned.json()["status"] == "introduction_planned"
    invitation = mail_where(fresh, amina, with_calendar("REQUEST"), "inviting to the introduction")
    entry = calendar_of(invitation).walk("VEVENT")[0]
    assert str(entry["location"]) == "Huis van de Wereld, Sint-Truiden"

    too_early = api.post(here + "/answers", json={"side": "buddy", "answer": "yes"})
    assert too_early.status_code == 422 and "answer" in too_early.json()["errors"]
    introduction_held(db, proposal["id"])
    assert api.post(here + "/answers", json={"side": "buddy", "answer": "yes"}).json()["status"] == "introduction_planned"
    accepted = api.post(here + "/answers", json={"side": "participant", "answer": "yes"}).json()
    assert accepted["status"] == "accepted" and accepted["duo_id"]
    formed = mail_where(fresh, amina, saying("zijn nu een duo"), "saying they are a duo")
    assert "أصبحتما ثنائيًا" in formed["Subject"]
    duo_url = fresh.url(f"/api/v1/duos/{accepted['duo_id']}")
    assert api.get(duo_url).json()["status"] == "active"
    assert pool_status(api, fresh, amina) == "in_duo" and pool_status(api, fresh, sofie) == "in_duo"

    assert api.post(duo_url + "/pause", json={"reason": "Ramadan"}).json()["status"] == "paused"
    assert api.post(duo_url + "/pause", json={}).status_code == 409
    assert api.post(duo_url + "/resume", json={}).json()["status"] == "active"
    assert api.post(duo_url + "/extend", json={"planned_end_on": "2020-01-01"}).status_code == 409
    assert api.post(duo_url + "/extend", json={"planned_end_on": "2031-01-01"}).json()["planned_end_on"] == "2031-01-01"
    ended = api.post(duo_url + "/end", json={"reason": "completed"}).json()
    assert ended["status"] == "ended" and [h["action"] for h in ended["history"]] == [
        "formed", "paused", "resumed", "extended", "ended"]
    mail_where(fresh, amina, saying("انتهى مساركما"), "saying the trajectory ended")
    eventually(lambda: pool_status(api, fresh, amina) == "waiting", timeout=5)
    assert sofie["person_id"] in [s["person_id"] for s in suggestions(api, fresh, amina)["suggestions"]]


def test_a_no_puts_both_back_in_the_pool_and_they_are_not_suggested_again(fresh, api):
    amina = approved(fresh, api, "participant", language="ar")
    lotte = approved(fresh, api, "buddy", language="nl")
    proposal = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": lotte["person_id"], "participant_id": amina["person_id"]}).json()
    answers = fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/answers")
    assert api.post(answers, json={"side": "participant", "answer": "no"}).status_code == 422
    declined = api.post(answers, json={"side": "participant", "answer": "no", "reason": "Prefers someone older."})
    assert declined.json()["status"] == "declined" and declined.json()["decline_reason"] == "Prefers someone older."
    assert pool_status(api, fresh, amina) == "waiting" and pool_status(api, fresh, lotte) == "waiting"
    found = suggestions(api, fresh, amina)
    assert found["suggestions"] == [] and found["excluded"][0]["constraints"] == ["declined_before"]
    assert api.post(answers, json={"side": "buddy", "answer": "yes"}).status_code == 409


def test_the_whole_pool_proposal_keeps_locks_leaves_out_forbidden_pairs_and_is_proposed_pair_by_pair(fresh, api):
    people = [approved(fresh, api, "participant", language="ar") for _ in range(2)]
    buddies = [approved(fresh, api, "buddy", language="nl") for _ in range(2)]
    url = fresh.url("/api/v1/matching/proposal")
    draft = api.post(url, json={}).json()
    assert len(draft["pairs"]) == 2
    assert abs(draft["total_score"] - sum(p["score"] for p in draft["pairs"])) <= 0.01 * 2  # rounding
    first = {k: draft["pairs"][0][k] for k in ("buddy_id", "participant_id")}
    forbidden = api.post(url, json={"forbidden": [first]}).json()
    assert first not in [{k: p[k] for k in ("buddy_id", "participant_id")} for p in forbidden["pairs"]]
    crossed = {"buddy_id": first["buddy_id"],
               "participant_id": next(p["person_id"] for p in people if p["person_id"] != first["participant_id"])}
    locked = api.post(url, json={"locked": [crossed]}).json()
    assert {**crossed, "locked": True} in [{k: p[k] for k in ("buddy_id", "participant_id", "locked")}
                                          for p in locked["pairs"]]
    accepted = api.post(fresh.url("/api/v1/matching/proposals"), json={**first, "from_draft": True})
    assert accepted.status_code == 201 and accepted.json()["choice_reason"]
    after = api.post(url, json={}).json()
    assert [p["participant_id"] for p in after["pairs"]] != [first["participant_id"]]
    assert len(after["pairs"]) == 1 and buddies


def test_erasing_someone_in_a_duo_ends_it_and_frees_the_other(fresh, api):
    amina = approved(fresh, api, "participant", language="ar")
    lotte = approved(fresh, api, "buddy", language="nl")
    proposal = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": lotte["person_id"], "participant_id": amina["person_id"]}).json()
    for side in ("buddy", "participant"):
        api.post(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/answers"), json={"side": side, "answer": "yes"})
    assert api.delete(fresh.url(f"/api/v1/people/{amina['person_id']}")).status_code == 200
    eventually(lambda: pool_status(api, fresh, lotte) == "waiting", timeout=10)
    [duo] = api.get(fresh.url("/api/v1/duos")).json()["items"]
    assert duo["status"] == "ended" and duo["end_reason"] == "erased" and duo["participant_id"] is None
