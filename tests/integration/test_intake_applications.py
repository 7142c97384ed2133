"""Intake over RPC: what an application stores and announces, duplicates, screening rules."""
import pytest
from sqlalchemy import text

from services.shared.errors import Conflict, Gone, InvalidInput, NotFound
from tests.support.applicants import invitation_token
from tests.support.builders import a_minimal_application, an_application


def test_an_application_is_stored_with_consent_profile_and_answers(intake, db, outbox):
    created = intake.submit_application(an_application(role="buddy", language="fr",
                                                       message="I cycle everywhere."))
    with db.connect() as connection:
        stored = connection.execute(text(
            "SELECT a.status, a.consent_version, a.consented_at IS NOT NULL, p.language, p.channel,"
            " p.profile->>'district', a.answers->>'message' FROM intake.application a"
            " JOIN intake.person p ON p.id = a.person_id")).one()
    assert tuple(stored) == ("received", "2026-11", True, "fr", "email", "sint-truiden", "I cycle everywhere.")
    [event] = outbox()
    assert event["type"] == "application_received"
    assert set(event["data"]) == {"application_id", "person_id", "role", "first_name", "language",
                                  "email", "phone", "channel", "submitted_at"}, "no link travels in an event"
    assert event["data"]["person_id"] == created["person_id"]


def test_a_second_application_with_the_same_contact_is_flagged_not_refused(intake):
    first = intake.submit_application(an_application(phone="0470 11 22 33"))
    again = intake.submit_application(an_application(email="other@example.org", phone="+32470112233"))
    assert intake.get_application(again["application_id"])["duplicate_of"] == first["application_id"]
    flagged = intake.list_applications({"duplicates": True})
    assert [a["application_id"] for a in flagged] == [again["application_id"]]


@pytest.mark.parametrize("first, again", [
    ({"email": "Amina.Haddad@Example.org", "phone": None}, {"email": "amina.haddad@example.org", "phone": None}),
    ({"email": None, "phone": "0470 11 22 33"}, {"email": None, "phone": "۰۰۳۲ ۴۷۰ ۱۱ ۲۲ ۳۳"}),
])
def test_the_same_person_written_another_way_is_flagged(intake, first, again):
    """As a person sees it: an address in another case, a number in other digits, is theirs."""
    earlier = intake.submit_application(an_application(**first))
    later = intake.submit_application(an_application(**again))
    assert intake.get_application(later["application_id"])["duplicate_of"] == earlier["application_id"]


def test_a_repeated_submission_finds_the_application_it_made(intake, outbox):
    application = an_application()
    first = intake.submit_application(application, "key-1")
    again = intake.submit_application(application, "key-1")
    assert (again["application_id"], again["person_id"]) == (first["application_id"], first["person_id"])
    assert intake.get_application_status(again["status_url"].rsplit("/", 1)[-1])["status"] == "received", \
        "the answer again holds a working status link (a fresh one: only hashes are kept)"
    assert len(outbox()) == 1


def test_a_key_replayed_with_another_application_opens_nothing(intake, outbox):
    """Found by trying: a guessed key with any body handed out a link to the first applicant."""
    intake.submit_application(an_application(first_name="Nadia"), "partner-case-42")
    with pytest.raises(Conflict) as refused:
        intake.submit_application(an_application(role="buddy", first_name="Eve"), "partner-case-42")
    assert "Idempotency-Key" in refused.value.message
    assert len(outbox()) == 1, "and Eve's application is not silently dropped as a replay"


def test_invalid_input_stores_nothing(intake, outbox):
    with pytest.raises(InvalidInput) as raised:
        intake.submit_application(an_application(email="nope", consent=False, roles=["guide"]))
    assert set(raised.value.errors) == {"email", "consent", "roles"}  # roles: only for buddies
    assert outbox() == []


def test_approval_needs_a_profile_matching_can_use(intake):
    created = intake.submit_application(a_minimal_application())
    with pytest.raises(Conflict) as refused:
        intake.record_screening(created["application_id"], {"decision": "approved", "reason": "ok"})
    assert "gender, birth_year, district, languages, availability" in refused.value.message
    intake.record_intake(created["application_id"], {k: v for k, v in an_application().items() if k in (
        "gender", "birth_year", "district", "languages", "availability", "dutch_level", "hopes",
        "background")})
    assert intake.record_screening(created["application_id"], {
        "decision": "approved", "reason": "ok"})["status"] == "approved"


def test_a_participant_s_decision_carries_the_profile_and_no_name(intake, outbox):
    created = intake.submit_application(an_application())
    intake.record_screening(created["application_id"], {"decision": "waitlisted", "reason": "wait"})
    decided = intake.record_screening(created["application_id"], {
        "decision": "approved", "reason": "go", "feedback": "We found someone soon."})
    assert [d["decision"] for d in decided["decisions"]] == ["waitlisted", "approved"]
    waitlisted, approved = outbox("participant_screened")
    assert waitlisted["version"] == approved["version"] == 2
    assert waitlisted["data"]["profile"] is None, "nobody needs the profile of someone not approved"
    assert approved["data"]["profile"]["district"] == "brustem"
    assert approved["data"]["feedback"] == "We found someone soon."
    assert not {"first_name", "last_name", "email", "phone"} & set(approved["data"])
    assert "background" not in approved["data"]["profile"], "matching never reads it"
    with pytest.raises(Conflict):
        intake.record_screening(created["application_id"], {"decision": "rejected", "reason": "no"})


def test_an_approved_buddy_is_invited_and_can_set_a_password_once(link_maker, intake, outbox, db):
    created = intake.submit_application(an_application(role="buddy", email="lotte@example.org"))
    intake.record_screening(created["application_id"], {"decision": "approved", "reason": "ok"})
    [invited] = outbox("buddy_invited")
    assert "invitation_url" not in invited["data"], "the link is minted when the message is sent"
    token = invitation_token(link_maker, invited)
    with pytest.raises(InvalidInput):
        intake.accept_invitation(token, {"password": "short"})
    account = intake.accept_invitation(token, {"password": "a long and lovely password"})
    assert account["role"] == "buddy"
    assert intake.start_session({"email": "lotte@example.org", "password": "a long and lovely password"})["role"] == "buddy"
    with pytest.raises(Gone):
        intake.accept_invitation(token, {"password": "another long password"})
    with pytest.raises(NotFound):
        intake.accept_invitation("forged", {"password": "another long password"})


def test_an_expired_invitation_says_so(link_maker, intake, outbox, db):
    created = intake.submit_application(an_application(role="buddy"))
    intake.record_screening(created["application_id"], {"decision": "approved", "reason": "ok"})
    token = invitation_token(link_maker, outbox("buddy_invited")[0])
    with db.begin() as connection:
        connection.execute(text("UPDATE intake.account_invitation SET expires_at = now()"))
    with pytest.raises(Gone) as refused:
        intake.accept_invitation(token, {"password": "a long and lovely password"})
    assert "expired" in refused.value.message


def test_other_services_pages_ask_for_names_and_get_only_names(intake):
    lotte = intake.submit_application(an_application(first_name="Lotte", last_name="Peeters"))
    unknown = "8d3a4f6e-0000-4000-8000-00000000abcd"
    names = intake.names_of([lotte["person_id"], unknown, "not-an-id"])
    assert names == {lotte["person_id"]: {"first_name": "Lotte", "last_name": "Peeters"}}
    assert intake.names_of([]) == {}


def test_someone_erased_lends_no_name_so_pages_say_erased_in_their_own_language(intake):
    """Their row stays, anonymised to "(erased)": that English placeholder must not reach a page."""
    amina = intake.submit_application(an_application(first_name="Amina"))
    intake.erase_person(amina["person_id"])
    assert intake.names_of([amina["person_id"]]) == {}
