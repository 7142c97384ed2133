"""One table from errors to HTTP answers: JSON for the API, a page for people."""
import pytest

from gateway import create_app
from gateway.rpc import BrokerUnavailable, ServiceUnavailable
from services.shared.errors import (
    Conflict, Forbidden, InvalidInput, NotAuthenticated, NotFound, RevocationListUnavailable, TooManyAttempts, Unavailable,
)

CASES = [
    (InvalidInput({"email": ["Not a valid email address."]}), 422, "invalid_input"),
    (NotFound("There is no application 1."), 404, "not_found"),
    (Conflict("Already decided."), 409, "conflict"),
    (NotAuthenticated("Who are you?"), 401, "not_authenticated"),
    (Forbidden("Coordinators only."), 403, "forbidden"),
    (TooManyAttempts("Slow down.", 900), 429, "too_many_attempts"),
    (BrokerUnavailable("The message broker cannot be reached."), 503, "broker_unavailable"),
    (ServiceUnavailable("The intake service is not running."), 503, "service_unavailable"),
    (Unavailable("The database is unavailable."), 503, "database_unavailable"),
    (RevocationListUnavailable("The list of revoked sign-ins cannot be written now."), 503,
     "revocation_list_unavailable"),
    (KeyError("a bug"), 500, "internal_error"),
]


@pytest.fixture(scope="module")
def client():
    app = create_app({"TESTING": False, "PROPAGATE_EXCEPTIONS": False})
    for index, (error, _, _) in enumerate(CASES):
        def raise_it(error=error):
            raise error
        app.add_url_rule(f"/api/v1/raise/{index}", f"api_raise_{index}", raise_it)
        app.add_url_rule(f"/portal/raise/{index}", f"portal_raise_{index}", raise_it)
    return app.test_client()


@pytest.mark.parametrize("index", range(len(CASES)))
def test_the_api_answers_each_error_with_its_status_and_code(client, index):
    error, status, code = CASES[index]
    answer = client.get(f"/api/v1/raise/{index}", headers={"X-Correlation-Id": "ref-42"})
    assert answer.status_code == status
    assert answer.json["code"] == code and answer.json["correlation_id"] == "ref-42"
    if status == 500:
        assert "a bug" not in answer.json["message"] and "ref-42" in answer.json["message"]


def test_field_errors_and_waiting_times_reach_the_caller(client):
    invalid = client.get("/api/v1/raise/0").json
    assert invalid["errors"] == {"email": ["Not a valid email address."]}
    throttled = client.get("/api/v1/raise/5")
    assert throttled.headers["Retry-After"] == "900"
    assert client.get("/api/v1/raise/6").headers["Retry-After"] == "5"
    assert client.get("/api/v1/raise/3").headers["WWW-Authenticate"].startswith("Bearer")


def test_people_get_a_page_in_their_language_with_the_reference(client):
    page = client.get("/portal/raise/1?lang=nl", headers={"X-Correlation-Id": "ref-7"})
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "Niet gevonden" in page.text and "ref-7" in page.text


def test_an_unknown_address_is_a_404_in_the_api_and_on_the_site(client):
    assert client.get("/api/v1/nothing-here").json["code"] == "not_found"
    assert client.get("/nothing-here").status_code == 404


def test_a_page_that_is_not_there_says_so_in_the_reader_s_language(client):
    arabic = client.get("/privacy/1999-01?lang=ar")
    assert arabic.status_code == 404 and "هذه الصفحة غير موجودة" in arabic.text
    assert "requested URL was not found" not in arabic.text
    assert "does not exist (any more)" in client.get("/api/v1/nothing-here").json["message"]
