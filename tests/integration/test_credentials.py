"""The credential store, as intake keeps it: kinds and scopes, revocation written to the shared
list before it counts, sign-out ending every session, accounts closed by a colleague (never
the last coordinator), last use noted at most once a minute."""
import pytest
from sqlalchemy import text

from services.intake.service import IntakeService
from services.shared.caller import Caller
from services.shared.errors import Conflict, Forbidden, Gone, NotAuthenticated, NotFound, RevocationListUnavailable
from services.shared.revocations import Revocations
from services.shared.wire.credentials import ROLE_SCOPES
from tests.support.applicants import invitation_token
from tests.support.builders import an_application
from tests.support.credentials import PASSWORD, a_buddy_with_an_account, as_holder
from tests.support.platform import free_port

@pytest.fixture
def shared(config):
    """The shared list as a gateway sees it, once it has loaded it whole."""
    revocations = Revocations(config["REDIS_URL"], config["REVOCATION_PREFIX"])
    revocations.load([], [])
    return revocations


def test_a_revoked_token_is_on_the_shared_list_and_no_longer_listed(intake, coordinators, shared, rpc_as):
    ann = intake.issue_token(coordinators[0])
    other = intake.issue_token(coordinators[0])
    bo = intake.issue_token(coordinators[1])
    as_ann = as_holder(rpc_as, ann)
    as_ann.revoke_credential(ann["id"])
    assert shared.refused(ann["id"], ann["account_id"]) is True
    assert [c["id"] for c in as_ann.list_credentials()] == [other["id"]]
    with pytest.raises(NotFound):
        as_ann.revoke_credential(bo["id"]), "nobody revokes another's token"
    with pytest.raises(NotAuthenticated):
        rpc_as(None).intake.list_credentials(), "nobody: nothing"
    assert [c["id"] for c in intake.list_revoked_credentials()["credentials"]] == [ann["id"]]


def test_signing_out_ends_every_session_but_not_the_api_tokens(intake, coordinators, rpc_as):
    sessions = [intake.start_session(coordinators[0]) for _ in range(2)]
    token = intake.issue_token(coordinators[0])
    ended = as_holder(rpc_as, sessions[0]).end_sessions()
    assert sorted(c["id"] for c in ended) == sorted(s["id"] for s in sessions)
    assert intake.check_credential(token["id"]) == {"valid": True}
    assert intake.check_credential(sessions[1]["id"]) == {"valid": False}


def test_a_colleague_closes_an_account_but_never_their_own_or_the_last(intake, coordinators, shared, rpc_as):
    ann, bo = (intake.start_session(c) for c in coordinators)
    as_ann, as_bo = as_holder(rpc_as, ann), as_holder(rpc_as, bo)
    with pytest.raises(Conflict):
        as_ann.deactivate_account(ann["account_id"])
    as_ann.deactivate_account(bo["account_id"])
    assert shared.refused("any-credential-of-bo", bo["account_id"]) is True
    with pytest.raises(NotAuthenticated):
        intake.start_session(coordinators[1])
    with pytest.raises(Forbidden):
        as_bo.deactivate_account(ann["account_id"]), "a closed account closes nothing"
    with pytest.raises(NotAuthenticated):
        rpc_as(None).intake.deactivate_account(ann["account_id"])


def test_the_last_active_coordinator_cannot_be_closed(intake, coordinators, rpc_as):
    ann = intake.start_session(coordinators[0])
    as_holder(rpc_as, ann).deactivate_account(intake.start_session(coordinators[1])["account_id"])
    someone = Caller("00000000-0000-4000-8000-0000000000c1", "coordinator_api_token", "coordinator",
                     ROLE_SCOPES["coordinator"])
    with pytest.raises(Forbidden):
        rpc_as(someone).intake.deactivate_account(ann["account_id"]), "not an active coordinator"
    with pytest.raises(Conflict) as refused:
        as_holder(rpc_as, ann).deactivate_account(ann["account_id"])
    assert "own account" in refused.value.message


def test_the_last_use_is_noted_at_most_once_a_minute(intake, coordinators, db, rpc_as):
    token = intake.issue_token(coordinators[0])
    for _ in range(3):
        intake.note_credential_used(token["id"])
    with db.connect() as connection:
        first = connection.execute(text("SELECT last_used_at FROM intake.credential")).scalar()
    intake.note_credential_used(token["id"])
    assert first is not None
    assert as_holder(rpc_as, token).list_credentials()[0]["last_used_at"] == first.isoformat()


def test_without_the_shared_list_nothing_is_revoked_half_way(start_service, rpc, coordinators, config, rpc_as):
    start_service(IntakeService, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    token = rpc.intake.issue_token(coordinators[0])
    with pytest.raises(RevocationListUnavailable):
        as_holder(rpc_as, token).revoke_credential(token["id"])
    assert rpc.intake.check_credential(token["id"]) == {"valid": True}, "still valid: nothing changed"


def test_a_closed_buddy_account_is_not_reopened_by_an_invitation(link_maker, intake, coordinators, outbox, rpc_as):
    """Found by trying: a pending invitation set a new password and reopened a closed account."""
    created, session = a_buddy_with_an_account(intake, link_maker, outbox)
    intake.reinvite_buddy(created["person_id"])
    pending = invitation_token(link_maker, outbox("buddy_invited")[-1])
    as_holder(rpc_as, intake.start_session(coordinators[0])).deactivate_account(session["account_id"])
    with pytest.raises(Gone):
        intake.accept_invitation(pending, {"password": "another long password"})
    with pytest.raises(Conflict):
        intake.reinvite_buddy(created["person_id"])
    with pytest.raises(NotAuthenticated):
        intake.start_session({"email": "an@example.org", "password": PASSWORD})


def test_a_closed_account_that_never_had_a_password_stays_closed(link_maker, intake, coordinators, outbox, rpc_as):
    """Found by trying: a buddy closed before choosing a password was reopened by a new
    invitation ("your account is ready") and, once Redis forgot, could sign in."""
    created = intake.submit_application(an_application(role="buddy", email="never@example.org"))
    intake.record_screening(created["application_id"], {"decision": "approved", "reason": "ok"})
    pending = invitation_token(link_maker, outbox("buddy_invited")[-1])
    closer = as_holder(rpc_as, intake.start_session(coordinators[0]))
    [account] = [a for a in closer.list_accounts() if a["email"] == "never@example.org"]
    closer.deactivate_account(account["id"])
    with pytest.raises(Gone, match="This account was closed"):  # said before anything is asked,
        intake.check_invitation(pending)  # and not "used already": it never was
    with pytest.raises(Gone):
        intake.accept_invitation(pending, {"password": "a long and lovely password"})
    with pytest.raises(Conflict):
        intake.reinvite_buddy(created["person_id"])
    assert [a["active"] for a in closer.list_accounts() if a["email"] == "never@example.org"] == [False]


def test_a_new_password_ends_the_sessions_opened_with_the_old_one(link_maker, intake, outbox, shared):
    """Found by trying: a session opened before a password reset kept working."""
    created, before = a_buddy_with_an_account(intake, link_maker, outbox)
    intake.reinvite_buddy(created["person_id"])
    intake.accept_invitation(invitation_token(link_maker, outbox("buddy_invited")[-1]),
                             {"password": "a brand new lovely password"})
    assert intake.check_credential(before["id"]) == {"valid": False}
    assert shared.refused(before["id"], before["account_id"]) is True


def test_the_shared_list_is_whole_or_missing_never_missing_one_revocation(intake, coordinators, shared, rpc_as):
    """Found by trying: an evicted key un-revoked one token while the list still said 'whole'."""
    token = intake.issue_token(coordinators[0])
    as_holder(rpc_as, token).revoke_credential(token["id"])
    assert shared.refused(token["id"], token["account_id"]) is True
    shared.redis.delete(shared.key)  # whatever Redis drops, it drops the list with its marker
    assert shared.refused(token["id"], token["account_id"]) is None, "reload first, never 'not revoked'"
