"""The credential store, as intake keeps it: kinds and scopes, revocation written to the shared
list before it counts, sign-out ending every session, accounts closed by a colleague (never
the last coordinator), last use noted at most once a minute."""
import pytest
from sqlalchemy import text

from services.intake import accounts
from services.intake.service import IntakeService
from services.manage import service_session
from services.shared.errors import Conflict, Forbidden, NotAuthenticated, NotFound, Unavailable
from services.shared.revocations import Revocations
from tests.support.applicants import invitation_token
from tests.support.builders import an_application
from tests.support.platform import free_port

PASSWORD = "a long and lovely password"


@pytest.fixture
def coordinators(config, db):
    with service_session(config, "intake") as session:
        for name in ("ann", "bo"):
            accounts.create_account(session, f"{name}@example.org", PASSWORD, "coordinator", name.title())
        session.commit()
    return [{"email": f"{name}@example.org", "password": PASSWORD} for name in ("ann", "bo")]


@pytest.fixture
def shared(config):
    """The shared list as a gateway sees it, once it has loaded it whole."""
    revocations = Revocations(config["REDIS_URL"], config["REVOCATION_PREFIX"])
    revocations.load([], [])
    return revocations


def test_a_coordinators_token_has_every_coordinator_scope_and_a_buddy_gets_none(intake, coordinators, outbox):
    issued = intake.issue_token(coordinators[0])
    assert issued["kind"] == "coordinator_api_token" and "people:erase" in issued["scopes"]
    assert not [scope for scope in issued["scopes"] if scope.startswith("own:")]
    created = intake.submit_application(an_application(role="buddy", email="lotte@example.org"))
    intake.record_screening(created["application_id"], {"decision": "approved", "reason": "ok"})
    intake.accept_invitation(invitation_token(intake, outbox("buddy_invited")[0]), {"password": PASSWORD})
    with pytest.raises(Forbidden):
        intake.issue_token({"email": "lotte@example.org", "password": PASSWORD})
    assert intake.start_session({"email": "lotte@example.org", "password": PASSWORD})["scopes"] == [
        "own:read", "own:write"]


def test_a_revoked_token_is_on_the_shared_list_and_no_longer_listed(intake, coordinators, shared):
    ann = intake.issue_token(coordinators[0])
    other = intake.issue_token(coordinators[0])
    bo = intake.issue_token(coordinators[1])
    intake.revoke_credential(ann["account_id"], ann["id"])
    assert shared.refused(ann["id"], ann["account_id"]) is True
    assert [c["id"] for c in intake.list_credentials(ann["account_id"])] == [other["id"]]
    with pytest.raises(NotFound):
        intake.revoke_credential(ann["account_id"], bo["id"]), "nobody revokes another's token"
    assert [c["id"] for c in intake.list_revoked_credentials()["credentials"]] == [ann["id"]]


def test_signing_out_ends_every_session_but_not_the_api_tokens(intake, coordinators):
    sessions = [intake.start_session(coordinators[0]) for _ in range(2)]
    token = intake.issue_token(coordinators[0])
    ended = intake.end_sessions(sessions[0]["account_id"])
    assert sorted(c["id"] for c in ended) == sorted(s["id"] for s in sessions)
    assert intake.check_credential(token["id"]) == {"valid": True}
    assert intake.check_credential(sessions[1]["id"]) == {"valid": False}


def test_a_colleague_closes_an_account_but_never_their_own_or_the_last(intake, coordinators, shared):
    ann, bo = (intake.start_session(c) for c in coordinators)
    with pytest.raises(Conflict):
        intake.deactivate_account(ann["account_id"], ann["account_id"])
    intake.deactivate_account(bo["account_id"], ann["account_id"])
    assert shared.refused("any-credential-of-bo", bo["account_id"]) is True
    with pytest.raises(NotAuthenticated):
        intake.start_session(coordinators[1])
    with pytest.raises(Conflict) as refused:
        intake.deactivate_account(ann["account_id"], None)
    assert "last active coordinator" in refused.value.message


def test_the_last_use_is_noted_at_most_once_a_minute(intake, coordinators, db):
    token = intake.issue_token(coordinators[0])
    for _ in range(3):
        intake.note_credential_used(token["id"])
    with db.connect() as connection:
        first = connection.execute(text("SELECT last_used_at FROM intake.credential")).scalar()
    intake.note_credential_used(token["id"])
    assert first is not None
    assert intake.list_credentials(token["account_id"])[0]["last_used_at"] == first.isoformat()


def test_without_the_shared_list_nothing_is_revoked_half_way(start_service, rpc, coordinators, config):
    start_service(IntakeService, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    token = rpc.intake.issue_token(coordinators[0])
    with pytest.raises(Unavailable):
        rpc.intake.revoke_credential(token["account_id"], token["id"])
    assert rpc.intake.check_credential(token["id"]) == {"valid": True}, "still valid: nothing changed"
