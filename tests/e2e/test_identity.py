"""Who is asking, checked in the gateway: a token revoked through one gateway process is
refused by another on its next request; a valid token keeps working with intake stopped;
signing out ends every session; a buddy's credential is refused on every coordinator
operation of the API (taken from the OpenAPI document, so a new one is covered) and every
coordinator page of the portal (taken from the gateway's routes)."""
import re

import pytest
import requests

from gateway import create_app, credentials
from tests.support.buddies import PASSWORD, buddy_signed_in
from tests.support.builders import a_coordinator
from tests.support.portal import csrf_of, signed_in
from tests.support.waiting import eventually


@pytest.fixture
def second_gateway(fresh, tmp_path):
    """Another gateway process on the same platform, as a second host would run it."""
    process, url = fresh.another_gateway("gateway-2", tmp_path)
    yield url
    process.stop()


def test_a_token_revoked_through_one_gateway_is_refused_by_another(fresh, api, coordinator, second_gateway):
    other = requests.post(fresh.url("/api/v1/tokens"), json=coordinator, timeout=10).json()
    assert requests.get(second_gateway + "/api/v1/duos", timeout=10,
                        headers={"Authorization": f"Bearer {other['token']}"}).status_code == 200
    listed = api.get(fresh.url("/api/v1/tokens")).json()["items"]
    assert other["id"] in [t["id"] for t in listed] and "token" not in listed[0], "never the token itself"
    assert api.delete(fresh.url(f"/api/v1/tokens/{other['id']}")).status_code == 204
    refused = requests.get(second_gateway + "/api/v1/duos", timeout=10,
                           headers={"Authorization": f"Bearer {other['token']}"})
    assert refused.status_code == 401
    assert api.get(fresh.url("/api/v1/duos")).status_code == 200, "the caller's own token still works"


def test_a_valid_token_still_reads_what_does_not_need_intake_with_intake_stopped(fresh, api):
    api.get(fresh.url("/api/v1/duos"))  # its last use noted while intake is up
    intake = next(p for p in fresh.processes if p.name == "intake")
    intake.stop()
    try:
        assert api.get(fresh.url("/api/v1/duos")).status_code == 200
        assert api.get(fresh.url("/api/v1/matching/candidates")).status_code == 200
    finally:
        intake.start()
        eventually(fresh.healthy, timeout=60, interval=0.3, message="intake back")


def test_signing_out_ends_every_session_of_the_account(fresh, coordinator):
    laptop, phone = signed_in(fresh, coordinator), signed_in(fresh, coordinator)
    page = laptop.get(fresh.url("/portal"))
    assert laptop.post(fresh.url("/logout"), data={"csrf_token": csrf_of(page)}).status_code == 200
    after = phone.get(fresh.url("/portal"))
    assert after.url.startswith(fresh.url("/login")), "the phone's session ended too"
    assert "Coordinator Test" not in after.text, "nobody is shown as signed in"


def test_a_buddy_cannot_get_an_api_token(fresh, api):
    buddy = buddy_with_password(fresh, api)
    answer = requests.post(fresh.url("/api/v1/tokens"), json=buddy, timeout=10)
    assert answer.status_code == 403 and "portal" in answer.json()["message"]


def test_a_buddys_credential_is_refused_on_every_coordinator_operation(fresh, api, rpc):
    buddy = buddy_with_password(fresh, api)
    session = rpc.intake.start_session(buddy)
    with create_app({"TESTING": True}).app_context():
        as_bearer = credentials.sign(session)
        # an API credential of someone who is not a coordinator (partners' keys come next)
        token = credentials.sign({**session, "kind": "partner_key"})
    assert requests.get(fresh.url("/api/v1/duos"), headers={"Authorization": f"Bearer {as_bearer}"},
                        timeout=10).status_code == 401, "a portal session is no API token"
    spec = requests.get(fresh.url("/api/v1/openapi.json"), timeout=10).json()
    operations = [(method, path) for path, item in spec["paths"].items() for method, operation in item.items()
                  if isinstance(operation, dict) and operation.get("security")]
    assert len(operations) > 20, "the table comes from the API's own document"
    answers = {(method, path): requests.request(
        method, fresh.url(filled(spec, path)), json={}, headers={"Authorization": f"Bearer {token}"},
        timeout=10).status_code for method, path in operations}
    assert {key: status for key, status in answers.items() if status != 403} == {}


def test_a_buddys_session_is_refused_on_every_coordinator_page(fresh, api):
    """Every portal page and form but their own, from the gateway's own routes (a new page is
    covered the day it is added)."""
    buddy = buddy_with_password(fresh, api)
    browser = requests.Session()
    form = browser.get(fresh.url("/login"))
    landed = browser.post(fresh.url("/login"), data={**buddy, "csrf_token": csrf_of(form)})
    assert landed.url.endswith("/me"), "a buddy lands on their own page"
    with create_app({"TESTING": True}).app_context() as context:
        rules = [(method, rule.rule) for rule in context.app.url_map.iter_rules()
                 if rule.rule.startswith("/portal") for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    assert len(rules) > 30
    answers = {(method, rule): browser.request(
        method, fresh.url(re.sub(r"<int:[^>]+>", "1", re.sub(r"<(?!int:)[^>]+>", "00000000-0000-4000-8000-000000000000",
                                                                 rule))),
        data={"csrf_token": csrf_of(landed)}, allow_redirects=False, timeout=10).status_code
        for method, rule in rules}
    assert {key: status for key, status in answers.items() if status != 403} == {}


def filled(spec: dict, path: str) -> str:
    """The path with a value of the right type in each of its parameters."""
    declared = [p for item in [spec["paths"][path]] for p in item.get("parameters", [])]
    declared += [p for op in spec["paths"][path].values() if isinstance(op, dict)
                 for p in op.get("parameters", [])]
    types = {p["name"]: p.get("schema", {}).get("type") for p in declared if p.get("in") == "path"}
    return re.sub(r"\{([^}]+)\}", lambda m: "1" if types.get(m.group(1)) == "integer"
                  else "00000000-0000-4000-8000-000000000000", path)


def buddy_with_password(fresh, api) -> dict:
    person, _ = buddy_signed_in(fresh, api, language="nl")
    return {"email": person["email"], "password": PASSWORD}


def test_a_coordinator_closes_a_colleague_s_account_in_the_portal_after_confirming(fresh, coordinator, config):
    colleague = a_coordinator(config, email="colleague@example.org", name="Colleague Closed")
    mine, theirs = signed_in(fresh, coordinator), signed_in(fresh, colleague)
    page = mine.get(fresh.url("/portal/accounts"))
    assert page.status_code == 200 and "Colleague Closed" in page.text
    their_id = re.search(r'/portal/accounts/([0-9a-f-]{36})/deactivate', page.text).group(1)
    unconfirmed = mine.post(fresh.url(f"/portal/accounts/{their_id}/deactivate"), data={"csrf_token": csrf_of(page)})
    assert "Vink het vakje aan" in unconfirmed.text and theirs.get(fresh.url("/portal")).url.endswith("/portal")
    closed = mine.post(fresh.url(f"/portal/accounts/{their_id}/deactivate"),
                       data={"csrf_token": csrf_of(page), "confirm": "yes"})
    assert "Het account is gesloten" in closed.text
    assert theirs.get(fresh.url("/portal")).url.startswith(fresh.url("/login")), "their session ended at once"
    assert "Portaalsessie" in mine.get(fresh.url("/portal/accounts")).text, "one's own sessions are listed"


def test_a_coordinator_on_the_buddy_page_is_sent_to_their_portal_not_round_in_a_loop(fresh, coordinator):
    browser = signed_in(fresh, coordinator)
    answer = browser.get(fresh.url("/me"), allow_redirects=False)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/portal")
