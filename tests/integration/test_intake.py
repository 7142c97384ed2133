"""The intake service over RPC: what it stores, what it announces, and its tokens."""
import pytest
from sqlalchemy import text

from services.intake.service import IntakeService
from services.shared.errors import InvalidInput, NotAuthenticated
from tests.support.builders import COORDINATOR_PASSWORD, a_coordinator, an_application


@pytest.fixture
def intake(start_service, rpc):
    start_service(IntakeService)
    return rpc.intake


def outbox(db) -> list[dict]:
    with db.connect() as connection:
        return connection.execute(text("SELECT payload FROM intake.outbox ORDER BY id")).scalars().all()


def test_an_application_is_stored_with_its_consent_and_announced_with_no_more_than_needed(intake, db):
    created = intake.submit_application(an_application(role="buddy", language="fr"))
    with db.connect() as connection:
        stored = connection.execute(text(
            "SELECT a.status, a.consent_version, a.consented_at IS NOT NULL AS consented, p.language"
            " FROM intake.application a JOIN intake.person p ON p.id = a.person_id")).one()
    assert stored == ("received", "2026-11", True, "fr")
    [event] = outbox(db)
    assert event["type"] == "application_received"
    assert set(event["data"]) == {"application_id", "person_id", "role", "first_name", "language",
                                  "email", "phone", "status_url", "submitted_at"}
    assert event["data"]["person_id"] == created["person_id"]
    assert created["status_url"] == event["data"]["status_url"]


def test_a_repeated_submission_finds_the_application_it_made(intake, db):
    application = an_application()
    first = intake.submit_application(application, "key-1")
    again = intake.submit_application(application, "key-1")
    assert again == first
    assert len(outbox(db)) == 1, "announced once"
    other = intake.submit_application(application, "key-2")
    assert other["application_id"] != first["application_id"]


def test_invalid_input_stores_nothing(intake, db):
    with pytest.raises(InvalidInput) as raised:
        intake.submit_application(an_application(email="nope", consent=False))
    assert set(raised.value.errors) == {"email", "consent"}
    assert outbox(db) == []


@pytest.mark.parametrize("role", ["participant", "buddy"])
def test_a_decision_is_announced_as_the_role_s_own_event(intake, db, role):
    created = intake.submit_application(an_application(role=role))
    intake.record_screening(created["application_id"], {"decision": "waitlisted", "reason": "wait"})
    decided = intake.record_screening(created["application_id"], {"decision": "approved", "reason": "go"})
    assert decided["status"] == "approved"
    assert [d["decision"] for d in decided["decisions"]] == ["waitlisted", "approved"]
    events = outbox(db)
    assert [e["type"] for e in events] == ["application_received", f"{role}_screened", f"{role}_screened"]
    assert events[-1]["data"]["decision"] == "approved"
    assert "email" not in events[-1]["data"], "matching does not need the address"


def test_a_token_opens_the_api_until_it_expires(intake, db, config):
    coordinator = a_coordinator(config)
    issued = intake.issue_token(coordinator, "127.0.0.1")
    assert intake.verify_token(issued["token"])["email"] == coordinator["email"]
    with db.begin() as connection:
        connection.execute(text("UPDATE intake.api_token SET expires_at = now() - interval '1 s'"))
    with pytest.raises(NotAuthenticated):
        intake.verify_token(issued["token"])
    with db.connect() as connection:
        stored = connection.execute(text("SELECT token_hash FROM intake.api_token")).scalar_one()
    assert issued["token"] not in stored, "only the token's hash is kept"


def test_passwords_are_kept_as_argon2id_hashes(intake, db, config):
    a_coordinator(config)
    with db.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM intake.account")).scalar_one()
    assert stored.startswith("$argon2id$") and COORDINATOR_PASSWORD not in stored
