"""Finding anyone, as the coordinator does it: the search box on every portal page, a phone
number typed in Persian digits that lands on the person's page with their duo, namesakes told
apart; and GET /api/v1/search for coordinators only."""
import re
import uuid
from datetime import datetime, timedelta, timezone

import requests

from gateway import create_app, credentials
from tests.support.applicants import applied, approved
from tests.support.portal import signed_in
from tests.support.processes import wait_healthy
from tests.support.waiting import eventually


def test_a_number_in_persian_digits_lands_on_the_person_with_their_duo_and_messages(fresh, api, coordinator):
    amina = approved(fresh, api, "participant", first_name="Amina", last_name="Haddad", phone="0470 12 34 56")
    lotte = approved(fresh, api, "buddy", first_name="Lotte", last_name="Peeters", language="nl")
    proposal = api.post(fresh.url("/api/v1/matching/proposals"), json={
        "buddy_id": lotte["person_id"], "participant_id": amina["person_id"], "reason": "Same street."}).json()
    for side in ("buddy", "participant"):
        api.post(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/answers"), json={"side": side, "answer": "yes"})
    browser = signed_in(fresh, coordinator)
    page = browser.get(fresh.url("/portal/search"), params={"q": "۰۴۷۰ ۱۲ ۳۴ ۵۶"})
    assert page.url.endswith(f"/portal/people/{amina['person_id']}"), "the only match opens at once"
    assert "<h1>Amina Haddad" in page.text and "+32470123456" in page.text
    assert "goedgekeurd" in page.text, "the application and its screening"
    assert f'href="/portal/people/{lotte["person_id"]}">Lotte Peeters</a>' in page.text, "with whom"
    assert "aanvaard: een duo" in page.text and "actief" in page.text, "the proposal and the duo"
    eventually(lambda: "Een match voorgesteld" in browser.get(page.url).text, timeout=20,
               message="her messages listed, by their title")


def test_namesakes_are_told_apart_by_address_role_and_since_when(fresh, coordinator):
    buddy = applied(fresh, role="buddy", first_name="Sara", last_name="Peeters", email="sara.b@example.org")
    participant = applied(fresh, first_name="Sára", last_name="Peeters", email="sara.p@example.org")
    results = signed_in(fresh, coordinator).get(fresh.url("/portal/search"), params={"q": "peeters SARA"})
    assert "2 personen gevonden" in results.text
    rows = {re.search(r'/portal/people/([0-9a-f-]{36})"', row).group(1): row
            for row in results.text.split("<tr>")[2:]}
    assert set(rows) == {buddy["person_id"], participant["person_id"]}, "each links to its person"
    assert "sara.b@example.org" in rows[buddy["person_id"]] and ">buddy<" in rows[buddy["person_id"]]
    assert "sara.p@example.org" in rows[participant["person_id"]] and ">deelnemer<" in rows[participant["person_id"]]
    english = signed_in(fresh, coordinator).get(fresh.url("/portal/search"), params={"q": "sa", "lang": "en"})
    assert "2 people found" in english.text and ">participant<" in english.text


def test_too_short_a_query_is_explained(fresh, coordinator):
    browser = signed_in(fresh, coordinator)
    page = browser.get(fresh.url("/portal/search"), params={"q": "a"})
    assert page.status_code == 422
    assert "Typ minstens twee letters of cijfers" in page.text and 'aria-invalid="true"' in page.text
    digits = browser.get(fresh.url("/portal/search"), params={"q": "+32"})
    assert digits.status_code == 422 and "Typ minstens vier cijfers van een telefoonnummer." in digits.text


def test_the_search_box_is_on_every_portal_page(fresh, coordinator):
    browser = signed_in(fresh, coordinator)
    with create_app({"TESTING": True}).app_context() as context:
        pages = sorted({rule.rule for rule in context.app.url_map.iter_rules() if rule.rule.startswith("/portal")
                        and "GET" in rule.methods and not rule.arguments})
    shown = {path: browser.get(fresh.url(path)) for path in pages}
    html = {path: page for path, page in shown.items() if page.headers["Content-Type"].startswith("text/html")}
    assert len(html) >= 10
    assert [path for path, page in html.items() if 'action="/portal/search"' not in page.text] == []


def test_the_api_finds_by_address_in_another_case_for_coordinators_only(fresh, api):
    person = applied(fresh, first_name="Yonas", last_name="Tesfaye", email="Yonas.T@Example.org")
    found = api.get(fresh.url("/api/v1/search"), params={"q": "YONAS.T@EXAMPLE.ORG"})
    assert found.status_code == 200
    assert found.json() == {"kind": "email", "total": 1, "people": [{
        **{key: found.json()["people"][0][key] for key in ("applied_at",)},
        "person_id": person["person_id"], "first_name": "Yonas", "last_name": "Tesfaye",
        "email": "Yonas.T@Example.org", "phone": None, "role": "participant", "status": "received"}]}
    whole = api.get(fresh.url(f"/api/v1/people/{person['person_id']}")).json()
    assert [a["status"] for a in whole["person"]["applications"]] == ["received"]
    short = api.get(fresh.url("/api/v1/search"), params={"q": "Y"})
    assert short.status_code == 422 and short.json()["code"] == "invalid_input" and "q" in short.json()["errors"]
    assert requests.get(fresh.url("/api/v1/search"), params={"q": "yonas"}, timeout=10).status_code == 401
    buddys = requests.get(fresh.url("/api/v1/search"), params={"q": "yonas"}, timeout=10,
                          headers={"Authorization": f"Bearer {a_buddys_token()}"})
    assert buddys.status_code == 403 and "Yonas" not in buddys.text


def test_the_search_is_documented_with_its_answer_and_who_may_call_it(fresh):
    spec = requests.get(fresh.url("/api/v1/openapi.json"), timeout=10).json()
    operation = spec["paths"]["/api/v1/search"]["get"]
    assert {"200", "401", "403", "422"} <= set(operation["responses"])
    assert operation["security"] == [{"bearerAuth": []}]
    assert "PeopleFound" in str(operation["responses"]["200"])
    assert "PersonRecord" in str(spec["paths"]["/api/v1/people/{person_id}"]["get"]["responses"]["200"])


def a_buddys_token() -> str:
    """An API credential of a buddy's account, signed as the gateway signs one."""
    with create_app({"TESTING": True}).app_context():
        return credentials.sign({
            "id": str(uuid.uuid4()), "account_id": str(uuid.uuid4()), "kind": "coordinator_api_token",
            "role": "buddy", "scopes": ["own:read", "own:write"], "person_id": str(uuid.uuid4()),
            "expires_at": (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()})


def test_the_person_s_page_shows_what_intake_holds_while_matching_is_down(fresh, api, coordinator, config):
    amina = approved(fresh, api, "participant", first_name="Amina", last_name="Haddad")
    browser = signed_in(fresh, coordinator)
    matching = next(process for process in fresh.processes if process.name == "matching")
    matching.stop()
    try:
        page = browser.get(fresh.url(f"/portal/people/{amina['person_id']}"), timeout=60)
    finally:
        matching.start()
        wait_healthy(config, "matching", process=matching)
    assert page.status_code == 200 and "<h1>Amina Haddad" in page.text and "goedgekeurd" in page.text
    assert page.text.count("De dienst matching antwoordde niet: dit deel kan nu niet getoond worden.") == 2
