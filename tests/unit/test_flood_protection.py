"""Flood protection on the public doors: a person never meets it, a flood does, and is told
in its own language when to try again."""
import pytest

from gateway import create_app

FEW = 2


@pytest.fixture
def client():
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False,
                      "APPLY_RATE_LIMIT": f"{FEW} per minute"})
    return app.test_client()


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
