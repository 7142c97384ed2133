"""Finding anyone in intake by what the coordinator remembers: a name however it is written, an
e-mail address in any case, a phone number typed any way; people of the same name told apart;
erased people never found; buddies not allowed to search."""
import pytest

from services.shared.caller import Caller
from services.shared.errors import Forbidden, InvalidInput
from services.shared.wire.credentials import ROLE_SCOPES
from tests.support.builders import an_application, an_interview

# a buddy signed in to the portal, as the gateway says who is asking
BUDDY = Caller("00000000-0000-4000-8000-0000000000b1", "buddy_session", "buddy", ROLE_SCOPES["buddy"],
               person_id="00000000-0000-4000-8000-0000000000a1")


def found(intake, q: str) -> list[tuple]:
    answer = intake.search_people({"q": q})
    return [(p["first_name"], p["last_name"], p["email"]) for p in answer["people"]]


@pytest.mark.parametrize("typed", [
    "۰۴۷۰ ۱۲ ۳۴ ۵۶", "٠٤٧٠/١٢.٣٤.٥٦", "+32 470 12 34 56", "0032 (470) 12-34-56",
    "\u200e0470 12 34 56\u200f", "470 12 34",
])
def test_a_phone_number_typed_any_way_finds_its_person(intake, typed):
    intake.submit_application(an_application(first_name="Zoë", last_name="Haddad", email="zoe@example.org",
                                             phone="0470 12 34 56"))
    intake.submit_application(an_application(first_name="Other", last_name="Person", phone="0470 99 88 77"))
    answer = intake.search_people({"q": typed})
    assert answer["kind"] == "phone" and answer["total"] == 1
    assert [(p["first_name"], p["phone"]) for p in answer["people"]] == [("Zoë", "+32470123456")]


@pytest.mark.parametrize("typed", ["zoe", "ZOË", "hadd", "haddad zoe", "Zoë Haddad", "  zo   ha "])
def test_a_name_is_found_in_any_case_without_accents_in_either_order_and_in_part(intake, typed):
    intake.submit_application(an_application(first_name="Zoë", last_name="Haddad", email="zoe@example.org"))
    intake.submit_application(an_application(first_name="Zohra", last_name="Benali", email="zohra@example.org"))
    assert found(intake, typed) == [("Zoë", "Haddad", "zoe@example.org")]


def test_an_email_address_in_another_case_finds_its_person(intake):
    intake.submit_application(an_application(first_name="Amina", last_name="El Amrani",
                                             email="Amina.ElAmrani@Example.org"))
    for typed in ("amina.elamrani@example.ORG", "AMINA.ELAMRANI@"):
        answer = intake.search_people({"q": typed})
        assert answer["kind"] == "email"
        assert [p["email"] for p in answer["people"]] == ["Amina.ElAmrani@Example.org"]
    assert intake.search_people({"q": "elamrani@example.org"})["total"] == 0, "an address from its beginning"


def test_people_of_the_same_name_are_told_apart_by_address_role_and_since_when(intake):
    buddy = intake.submit_application(an_application(role="buddy", first_name="Sara", last_name="Peeters",
                                                     email="sara.p@example.org"))
    participant = intake.submit_application(an_application(first_name="Sara", last_name="Peeters",
                                                           email="sara.peeters@example.org"))
    answer = intake.search_people({"q": "sara peeters"})
    assert answer["total"] == 2
    told_apart = {(p["person_id"], p["email"], p["role"], p["status"]) for p in answer["people"]}
    assert told_apart == {(buddy["person_id"], "sara.p@example.org", "buddy", "received"),
                          (participant["person_id"], "sara.peeters@example.org", "participant", "received")}
    assert all(p["applied_at"] for p in answer["people"]), "since when each applied"


def test_the_results_are_bounded_with_the_total_told(intake):
    for number in range(23):
        intake.submit_application(an_application(first_name="Jan", last_name=f"Janssens {number}"))
    answer = intake.search_people({"q": "jan"})
    assert (answer["total"], len(answer["people"])) == (23, 20)
    assert len(intake.search_people({"q": "jan", "limit": 5})["people"]) == 5


def test_an_erased_person_is_never_found(intake):
    erased = intake.submit_application(an_application(first_name="Yusuf", last_name="Kaya",
                                                      email="yusuf@example.org", phone="0470 55 66 77"))
    intake.erase_person(erased["person_id"])
    for typed in ("yusuf", "erased", "yusuf@example.org", "0470 55 66 77"):
        assert intake.search_people({"q": typed})["total"] == 0, typed


@pytest.mark.parametrize("typed", ["", " ", "a", "\u200e5\u200f", "!!"])
def test_a_query_of_fewer_than_two_letters_or_digits_is_refused_with_the_reason(intake, typed):
    with pytest.raises(InvalidInput) as refused:
        intake.search_people({"q": typed})
    assert "at least two letters or digits" in str(refused.value.errors["q"])


@pytest.mark.parametrize("typed", ["470", "+32", "٤٧٠", "04 7"])
def test_a_phone_number_of_fewer_than_four_digits_is_refused_with_the_reason(intake, typed):
    with pytest.raises(InvalidInput) as refused:
        intake.search_people({"q": typed})
    assert refused.value.errors["q"] == ["Type at least four digits of a phone number."]


def test_the_person_is_seen_whole_with_every_application_and_its_interviews(intake):
    created = intake.submit_application(an_application(first_name="Lina", last_name="Haddad"))
    intake.schedule_intake(created["application_id"], an_interview(location="Huis van de Wereld"))
    person = intake.get_person(created["person_id"])
    assert (person["first_name"], person["last_name"]) == ("Lina", "Haddad")
    [application] = person["applications"]
    assert application["status"] == "intake_planned"
    assert [i["location"] for i in application["interviews"]] == ["Huis van de Wereld"]


def test_a_buddy_may_not_search_nor_see_a_person(intake, rpc_as):
    created = intake.submit_application(an_application())
    as_buddy = rpc_as(BUDDY).intake
    with pytest.raises(Forbidden):
        as_buddy.search_people({"q": "amina"})
    with pytest.raises(Forbidden):
        as_buddy.get_person(created["person_id"])
