"""Flood protection on the public doors: a person never meets it, a flood does, and is told
in its own language when to try again. The counts are in Redis, shared by every gateway
process; behind a trusted proxy each client counts on its own; with Redis down the doors
stay open."""
import logging
import uuid

import pytest

from gateway import create_app
from tests.support.platform import free_port

FEW = 2


def a_gateway(prefix: str, **settings):
    """A gateway process's app, counting under `prefix` (each test its own, in the shared Redis)."""
    storage = {"socket_connect_timeout": 0.3, "socket_timeout": 0.3, "key_prefix": prefix}
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "APPLY_RATE_LIMIT": f"{FEW} per minute",
                       "PASSWORD_RESET_RATE_LIMIT": f"{FEW} per minute",
                       "RATELIMIT_STORAGE_OPTIONS": storage, **settings}).test_client()


@pytest.fixture
def prefix():
    return f"test-{uuid.uuid4().hex}"


@pytest.fixture
def client(prefix):
    return a_gateway(prefix)


def test_the_form_answers_a_flood_with_a_page_in_the_applicants_language(client):
    for _ in range(FEW):  # no role: sent back to the choice, without calling any service
        assert client.post("/apply?lang=fr", data={}).status_code == 303
    flooded = client.post("/apply?lang=fr", data={})
    assert flooded.status_code == 429 and flooded.mimetype == "text/html"
    assert "Réessayez un peu plus tard" in flooded.text
    assert 0 < int(flooded.headers["Retry-After"]) <= 61  # a minute, rounded up


def test_the_api_answers_a_flood_with_json_and_retry_after(client):
    for _ in range(FEW):
        assert client.post("/api/v1/applications", json={}).status_code == 422
    flooded = client.post("/api/v1/applications", json={})
    assert flooded.status_code == 429
    assert flooded.json["code"] == "too_many_requests"
    assert 0 < int(flooded.headers["Retry-After"]) <= 61  # a minute, rounded up


def test_reading_the_form_is_never_limited(client):
    assert all(client.get("/apply?role=buddy").status_code == 200 for _ in range(FEW * 3))


def test_two_gateway_processes_share_one_limit(prefix):
    first, second = a_gateway(prefix), a_gateway(prefix)
    assert [first.post("/api/v1/applications", json={}).status_code for _ in range(FEW)] == [422] * FEW
    assert second.post("/api/v1/applications", json={}).status_code == 429


def test_behind_a_trusted_proxy_each_client_counts_on_its_own(prefix):
    behind = a_gateway(prefix, TRUSTED_PROXIES=1)
    for n in range(6):  # six people behind the city's proxy, each applying once
        answer = behind.post("/api/v1/applications", json={}, headers={"X-Forwarded-For": f"198.51.100.{n}"})
        assert answer.status_code == 422
    for _ in range(FEW):
        behind.post("/api/v1/applications", json={}, headers={"X-Forwarded-For": "198.51.100.9"})
    flood = behind.post("/api/v1/applications", json={}, headers={"X-Forwarded-For": "198.51.100.9"})
    assert flood.status_code == 429, "one of them flooding is still limited"


def test_without_a_trusted_proxy_a_forged_forwarded_address_changes_nothing(client):
    answers = [client.post("/api/v1/applications", json={}, headers={"X-Forwarded-For": f"203.0.113.{n}"})
               for n in range(FEW + 1)]
    assert answers[-1].status_code == 429


def test_with_redis_down_the_doors_stay_open_and_one_warning_a_minute_is_logged(prefix, caplog):
    nowhere = a_gateway(prefix, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0")
    with caplog.at_level(logging.WARNING):
        answers = [nowhere.post("/api/v1/applications", json={}).status_code for _ in range(FEW + 2)]
    assert answers == [422] * (FEW + 2), "validated and answered as usual: not limited, not failed"
    said = [record for record in caplog.records if record.name == "flask-limiter"]
    assert [(r.levelname, r.exc_info) for r in said] == [("WARNING", None)], "one line, not a traceback a request"
    assert "rate limits not applied" in said[0].getMessage()


def test_the_form_and_the_api_share_one_limit(client):
    """Found by trying: each door had its own count, so the real limit was twice the setting."""
    assert [client.post("/api/v1/applications", json={}).status_code for _ in range(FEW)] == [422] * FEW
    assert client.post("/apply?lang=fr", data={}).status_code == 429


def test_asking_for_password_links_is_limited_per_address(client):
    """Like the form: a person never meets it, a script trying addresses does."""
    for _ in range(FEW):  # not an address: answered at the edge, without calling intake
        assert client.post("/account/forgot?lang=nl", data={"email": "nobody"}).status_code == 422
    flooded = client.post("/account/forgot?lang=nl", data={"email": "nobody"})
    assert flooded.status_code == 429 and "Er kwamen in korte tijd veel aanvragen" in flooded.text
    assert client.get("/account/forgot?lang=nl").status_code == 200, "reading the page is never limited"
