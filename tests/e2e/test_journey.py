"""The thin journey through the API, with every part running: an applicant applies, gets the
confirmation email in their language, the coordinator approves, and the person waits in the
matching pool — through the outbox, the relay, RabbitMQ and the inbox."""
import re

import requests
from sqlalchemy import text

from tests.support.builders import a_minimal_application, an_application
from tests.support.trail import message_trail
from tests.support.waiting import eventually


def count_rows(db, table) -> int:
    with db.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_an_applicant_reaches_the_matching_pool(fresh, api, db):
    application = an_application(language="ar", first_name="Amina")
    created = requests.post(fresh.url("/api/v1/applications"), json=application, timeout=10,
                            headers={"X-Correlation-Id": "journey-1"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert set(body) == {"application_id", "person_id", "status_url"}
    assert created.headers["X-Correlation-Id"] == "journey-1"

    try:
        mail = eventually(lambda: fresh.mails(to=application["email"]), timeout=15)[0]
    except AssertionError as exc:  # say where it stopped: outbox, inbox, held, delivery, parked
        raise AssertionError(f"{exc}; {message_trail(db, body['person_id'])}") from None
    assert mail["Content-Language"] == "ar, nl"
    assert mail["Subject"].startswith("لقد استلمنا طلبك")
    text_part = mail.get_body(("plain",)).get_content()
    [link] = set(re.findall(r"http://\S+/status/[\w-]+", text_part))  # in her language and in Dutch
    assert link != body["status_url"] and "Amina" in text_part, "a link of its own, minted as it was sent"
    page = requests.get(link, timeout=10)
    assert page.status_code == 200 and 'lang="ar"' in page.text, "her status page, in her language"
    assert "In het Nederlands" in text_part
    assert 'dir="rtl"' in mail.get_body(("html",)).get_content()

    status_page = requests.get(body["status_url"], timeout=10)
    assert status_page.status_code == 200

    decision = api.post(fresh.url(f"/api/v1/applications/{body['application_id']}/screening"),
                        json={"decision": "approved", "reason": "Warm intake, clear wishes."})
    assert decision.status_code == 200, decision.text
    assert decision.json()["status"] == "approved"

    def pooled():
        candidates = api.get(fresh.url("/api/v1/matching/candidates")).json()["items"]
        return [c for c in candidates if c["person_id"] == body["person_id"]]
    candidate = eventually(pooled, timeout=5, message="the approved person in the pool")[0]
    assert candidate["role"] == "participant" and candidate["profile"]["district"] == "brustem"
    assert "first_name" not in candidate, "matching keeps no names"

    with db.connect() as connection:
        correlations = connection.execute(text(
            "SELECT correlation_id FROM notifications.delivery WHERE template = 'application_received'")
        ).scalars().all()
    assert correlations == ["journey-1"], "the request's correlation id reached notifications"


def test_bad_input_gets_an_error_per_field_and_nothing_is_stored(fresh, db):
    answer = requests.post(fresh.url("/api/v1/applications"), timeout=10, json={
        "role": "visitor", "first_name": " ", "email": "not-an-address", "language": "xx",
        "consent": False, "favourite_colour": "green"})
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert set(errors) == {"role", "first_name", "last_name", "email", "language", "consent",
                           "favourite_colour"}
    assert answer.json()["code"] == "invalid_input"
    assert count_rows(db, "intake.application") == 0
    assert count_rows(db, "intake.outbox") == 0


def test_sending_the_same_application_twice_with_its_key_makes_one(fresh, db):
    url, application = fresh.url("/api/v1/applications"), an_application()
    first = requests.post(url, json=application, headers={"Idempotency-Key": "form-7"}, timeout=10)
    again = requests.post(url, json=application, headers={"Idempotency-Key": "form-7"}, timeout=10)
    assert first.status_code == again.status_code == 201
    ids = ("application_id", "person_id")
    assert [again.json()[key] for key in ids] == [first.json()[key] for key in ids]
    assert all(requests.get(answer.json()["status_url"], timeout=10).status_code == 200 for answer in (first, again))
    assert count_rows(db, "intake.application") == 1
    bad = requests.post(url, json=application, headers={"Idempotency-Key": "x" * 201}, timeout=10)
    assert bad.status_code == 422 and "Idempotency-Key" in bad.json()["errors"]


def test_an_application_needs_a_way_to_reach_the_person(fresh, db):
    answer = requests.post(fresh.url("/api/v1/applications"), timeout=10,
                           json=a_minimal_application(email=None))
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {"email", "phone"}
    assert count_rows(db, "intake.application") == 0
    only_the_basics = requests.post(fresh.url("/api/v1/applications"), timeout=10,
                                    json=a_minimal_application())
    assert only_the_basics.status_code == 201, "the intake completes the rest"


def test_a_phone_only_applicant_gets_a_text_message_instead(fresh, api, db):
    created = requests.post(fresh.url("/api/v1/applications"), timeout=10,
                            json=a_minimal_application(email=None, phone="0470 12 34 56"))
    assert created.status_code == 201
    deliveries = eventually(lambda: [d for d in api.get(fresh.url("/api/v1/notifications"), params={
        "person_id": created.json()["person_id"]}).json()["items"] if d["status"] == "sent"], timeout=15)
    assert deliveries[0]["channel"] == "sms" and deliveries[0]["recipient"] == "+32470123456"
    [text] = fresh.texts(to="+32470123456")
    link, privacy = text["Body"].split()[-2:]  # its own link, then the privacy notice's
    assert "/status/" in link and requests.get(link, timeout=10).status_code == 200, "the text's own link opens"
    assert privacy.endswith("/privacy?lang=ti") and requests.get(privacy, timeout=10).status_code == 200


def test_screening_rules_reach_the_caller_as_http_codes(fresh, api):
    created = requests.post(fresh.url("/api/v1/applications"), json=an_application(),
                            timeout=10).json()
    url = fresh.url(f"/api/v1/applications/{created['application_id']}/screening")
    assert api.post(url, json={"decision": "waitlisted", "reason": "No buddy yet"}).status_code == 200
    assert api.post(url, json={"decision": "approved", "reason": "Buddy found"}).status_code == 200
    again = api.post(url, json={"decision": "rejected", "reason": "Changed my mind"})
    assert again.status_code == 409 and "approved" in again.json()["message"]
    incomplete = requests.post(fresh.url("/api/v1/applications"), json=a_minimal_application(),
                               timeout=10).json()
    refused = api.post(fresh.url(f"/api/v1/applications/{incomplete['application_id']}/screening"),
                       json={"decision": "approved", "reason": "ok"})
    assert refused.status_code == 409 and "complete the profile" in refused.json()["message"]
    missing = api.post(fresh.url("/api/v1/applications/3f8e2a4c-0000-4000-8000-000000000000/screening"),
                       json={"decision": "approved", "reason": "x"})
    assert missing.status_code == 404
    assert api.post(url, json={"decision": "maybe"}).status_code == 422


def test_the_api_wants_a_coordinator_token(fresh, coordinator):
    url = fresh.url("/api/v1/matching/candidates")
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, headers={"Authorization": "Bearer forged"}, timeout=10).status_code == 401
    wrong = requests.post(fresh.url("/api/v1/tokens"), timeout=10,
                          json={**coordinator, "password": "wrong password"})
    assert wrong.status_code == 401
    assert wrong.json()["message"] == "The e-mail address or the password is not right."


def test_guessing_passwords_is_throttled(fresh, coordinator):
    for _ in range(5):
        requests.post(fresh.url("/api/v1/tokens"), timeout=10, json={**coordinator, "password": "guess"})
    throttled = requests.post(fresh.url("/api/v1/tokens"), json=coordinator, timeout=10)
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) > 0


def test_health_names_every_part(fresh):
    answer = requests.get(fresh.url("/healthz"), timeout=10)
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "broker": "ok", "database": "ok", "redis": "ok", "services": {
        name: "ok" for name in ("intake", "matching", "followup", "events", "notifications")}}


def test_the_openapi_document_describes_the_endpoints(fresh):
    document = requests.get(fresh.url("/api/v1/openapi.json"), timeout=10).json()
    paths = document["paths"]
    assert {"/api/v1/applications", "/api/v1/applications/{application_id}",
            "/api/v1/applications/{application_id}/screening", "/api/v1/tokens",
            "/api/v1/applications/{application_id}/intake",
            "/api/v1/applications/{application_id}/intake/record",
            "/api/v1/people/{person_id}/export", "/api/v1/people/{person_id}",
            "/api/v1/matching/candidates"} <= set(paths)
    assert {"post", "put", "delete"} <= set(paths["/api/v1/applications/{application_id}/intake"])
    assert "bearerAuth" in document["components"]["securitySchemes"]
