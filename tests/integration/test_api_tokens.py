"""API tokens as intake issues them: a coordinator's holds every coordinator scope, or only
those asked for, with a label; a buddy gets none; guesses at the password, even all at once,
are counted one by one."""
import eventlet
import pytest

from services.shared.errors import Forbidden, InvalidInput, NotAuthenticated, TooManyAttempts
from tests.support.applicants import invitation_token
from tests.support.builders import an_application
from tests.support.credentials import PASSWORD, as_holder


def test_a_coordinators_token_has_every_coordinator_scope_and_a_buddy_gets_none(link_maker, intake, coordinators, outbox):
    issued = intake.issue_token(coordinators[0])
    assert issued["kind"] == "coordinator_api_token" and "people:erase" in issued["scopes"]
    assert not [scope for scope in issued["scopes"] if scope.startswith("own:")]
    created = intake.submit_application(an_application(role="buddy", email="lotte@example.org"))
    intake.record_screening(created["application_id"], {"decision": "approved", "reason": "ok"})
    intake.accept_invitation(invitation_token(link_maker, outbox("buddy_invited")[0]), {"password": PASSWORD})
    with pytest.raises(Forbidden):
        intake.issue_token({"email": "lotte@example.org", "password": PASSWORD})
    assert intake.start_session({"email": "lotte@example.org", "password": PASSWORD})["scopes"] == [
        "own:read", "own:write"]


def test_a_token_holds_only_the_scopes_asked_for_and_says_what_it_is_for(intake, coordinators, rpc_as):
    issued = intake.issue_token({**coordinators[0], "label": "monthly report", "scopes": ["applications:read"]})
    assert issued["scopes"] == ["applications:read"]
    holder = as_holder(rpc_as, issued)
    assert holder.list_applications({}) == []
    with pytest.raises(Forbidden):
        holder.record_screening("00000000-0000-4000-8000-000000000001", {"decision": "approved", "reason": "ok"})
    full = as_holder(rpc_as, intake.issue_token(coordinators[0]))
    [listed] = [c for c in full.list_credentials() if c["id"] == issued["id"]]
    assert (listed["label"], listed["scopes"]) == ("monthly report", ["applications:read"])
    # found by trying: without `tokens:manage` it listed and ended its account's other tokens
    for manage in (holder.list_credentials, lambda: holder.revoke_credential(listed["id"]), holder.end_sessions):
        with pytest.raises(Forbidden):
            manage()


@pytest.mark.parametrize("asked, field", [
    ({"scopes": ["keys:steal"]}, "scopes"), ({"scopes": []}, "scopes"), ({"scopes": ["own:read"]}, "scopes"),
    ({"label": ""}, "label"), ({"label": "x" * 101}, "label"), ({"label": "\u0000nul"}, "label"),
])
def test_a_token_request_out_of_bounds_is_refused_with_the_field_named(intake, coordinators, asked, field):
    with pytest.raises(InvalidInput) as refused:
        intake.issue_token({**coordinators[0], **asked})
    assert list(refused.value.errors) == [field]


def test_a_burst_of_guesses_at_once_is_counted_one_by_one(intake, coordinators, rpc_as):
    """Found by trying: twenty guesses sent together all passed the same count of failures,
    so the limit of five let twenty through."""
    guesses = [rpc_as(None).intake for _ in range(20)]  # one proxy each: they are single-threaded

    def guess(intake_proxy):
        try:
            intake_proxy.start_session({"email": coordinators[0]["email"], "password": "a wrong guess"}, "192.0.2.7")
        except (NotAuthenticated, TooManyAttempts) as refused:
            return type(refused).__name__
    answers = list(eventlet.GreenPool(20).imap(guess, guesses))
    assert answers.count("NotAuthenticated") == 5 and answers.count("TooManyAttempts") == 15
