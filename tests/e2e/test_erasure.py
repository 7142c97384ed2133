"""Erasure reaches everything: after erasing a participant who applied, had an interview
planned, was approved and proposed to a buddy with an introduction planned, no column of any
schema holds her name, email address, phone number or status link; the buddy is still told."""
from tests.support.applicants import approved
from tests.support.builders import an_interview
from tests.support.mailbox import mail_where, saying, with_calendar
from tests.support.traces import traces
from tests.support.waiting import eventually


def erased_everywhere(api, fresh, person) -> bool:
    exported = api.get(fresh.url(f"/api/v1/people/{person['person_id']}/export"))
    return exported.status_code == 404


def test_after_erasure_no_table_holds_the_persons_name_address_phone_or_link(fresh, api, db):
    zainab = approved(fresh, api, "participant", language="ar", first_name="Zainabqet",
                      last_name="Oumarbeklo", email="zainab.oumarbeklo@example.org",
                      phone="+32 470 55 66 77")
    api.post(fresh.url(f"/api/v1/applications/{zainab['application_id']}/intake"), json=an_interview())
    lotte = approved(fresh, api, "buddy", language="nl")
    proposal = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": lotte["person_id"], "participant_id": zainab["person_id"]}).json()
    api.post(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/introduction"),
             json={"starts_at": "2030-05-06T14:00:00+02:00", "location": "Huis van de Wereld"})
    mail_where(fresh, lotte, with_calendar("REQUEST"), "inviting the buddy to the introduction")
    needles = ["Zainabqet", "Oumarbeklo", "zainab.oumarbeklo", "470 55 66 77", "470556677",
               zainab["status_url"].rsplit("/", 1)[-1]]
    assert traces(db, needles), "before: the platform does hold her data"

    assert api.delete(fresh.url(f"/api/v1/people/{zainab['person_id']}")).status_code == 200
    eventually(lambda: erased_everywhere(api, fresh, zainab), timeout=10)
    mail_where(fresh, lotte, with_calendar("CANCEL"), "telling the buddy the introduction is off")
    eventually(lambda: traces(db, needles) == [], timeout=15, message="no trace of her left")
    assert mail_where(fresh, lotte, saying("Huis van de Wereld"), "the buddy's invitation")
