"""Links without a password, as intake mints and opens them: purpose-bound, expiring, kept
only as a hash, issued fresh for each message, and gone with the person."""
import pytest
from sqlalchemy import text

from services.shared.caller import Caller
from services.shared.errors import Forbidden, Gone, InvalidInput, NotFound
from tests.support.applicants import invitation_token
from tests.support.builders import an_application
from tests.support.fixtures import COORDINATOR
from tests.support.traces import traces


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[-1]


def ask(link_maker, person_id, purpose, ref=None) -> dict:
    [answer] = link_maker.issue_links([{"person_id": person_id, "purpose": purpose, "ref": ref}])
    return answer


def test_each_message_gets_its_own_status_link_and_each_opens_the_page(link_maker, intake, db):
    created = intake.submit_application(an_application(first_name="Amina", language="ar"))
    fresh = ask(link_maker, created["person_id"], "status")["url"]
    assert fresh.startswith("http://127.0.0.1:8000/status/") and fresh != created["status_url"]
    for url in (created["status_url"], fresh):
        assert intake.get_application_status(token_of(url))["language"] == "ar"
    assert traces(db, [token_of(created["status_url"]), token_of(fresh)]) == [], "only hashes are kept"


def test_a_link_opens_only_what_it_was_made_for(link_maker, intake):
    created = intake.submit_application(an_application(language="uk"))
    stop = ask(link_maker, created["person_id"], "stop")["url"]
    assert intake.open_link(token_of(stop), "stop") == {"person_id": created["person_id"], "language": "uk"}
    with pytest.raises(NotFound):
        intake.get_application_status(token_of(stop))
    with pytest.raises(NotFound):
        intake.open_link(token_of(created["status_url"]), "stop")
    with pytest.raises(NotFound):
        intake.open_link("not a token at all", "stop")


def test_an_expired_link_says_so(intake, db):
    created = intake.submit_application(an_application())
    with db.begin() as connection:
        connection.execute(text("UPDATE intake.link SET expires_at = now()"))
    with pytest.raises(Gone) as refused:
        intake.get_application_status(token_of(created["status_url"]))
    assert "expired" in refused.value.message


def test_a_password_link_is_refused_once_the_invitation_is_used_or_replaced(link_maker, intake, outbox):
    created = intake.submit_application(an_application(role="buddy", email="jan@example.org"))
    intake.record_screening(created["application_id"], {"decision": "approved", "reason": "ok"})
    first = outbox("buddy_invited")[0]
    old_token = invitation_token(link_maker, first)
    intake.reinvite_buddy(created["person_id"])
    assert "problem" in ask(link_maker, created["person_id"], "account_setup", first["data"]["invitation_id"])
    with pytest.raises(Gone):
        intake.check_invitation(old_token)
    newer = outbox("buddy_invited")[-1]
    intake.accept_invitation(invitation_token(link_maker, newer), {"password": "a long and lovely password"})
    used = ask(link_maker, created["person_id"], "account_setup", newer["data"]["invitation_id"])
    assert used == {"problem": "the invitation was used, replaced or has expired", "superseded": True}


def test_erasure_ends_every_link_and_no_new_one_is_issued(link_maker, intake, db):
    created = intake.submit_application(an_application())
    stop = ask(link_maker, created["person_id"], "stop")["url"]
    intake.erase_person(created["person_id"])
    for token, purpose in ((token_of(stop), "stop"), (token_of(created["status_url"]), "status")):
        with pytest.raises(NotFound):
            intake.open_link(token, purpose)
    assert ask(link_maker, created["person_id"], "stop") == {"problem": "the person is not known here, or was erased"}
    with db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM intake.link")).scalar() == 0


def test_a_request_for_links_is_checked(link_maker, intake):
    assert ask(link_maker, "no-such-person", "stop") == {"problem": "the person is not known here, or was erased"}
    assert ask(link_maker, "no-such-person", "keys") == {"problem": "no such kind of link: 'keys'"}
    for wanted in ("stop", [1, 2], [{"purpose": "stop"}] * 501):
        with pytest.raises(InvalidInput):
            link_maker.issue_links(wanted)


@pytest.mark.parametrize("caller", [None, COORDINATOR, Caller.service("matching")], ids=["nobody", "coordinator", "matching"])
def test_only_notifications_may_ask_for_links(intake, rpc_as, caller):
    """Links open things without a password: only the service that sends them may mint them."""
    created = intake.submit_application(an_application())
    with pytest.raises(Forbidden):
        rpc_as(caller).intake.issue_links([{"person_id": created["person_id"], "purpose": "stop"}])
