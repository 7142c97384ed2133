"""The first stage end to end, every process running: each path a person can take, and what
they receive at each step."""
import requests

from tests.support.applicants import applied
from tests.support.appointments import interview_started
from tests.support.builders import an_interview
from tests.support.mailbox import mail_where, saying, with_calendar
from tests.support.buddies import choose_password
from tests.support.waiting import eventually


def in_pool(api, platform, person) -> bool:
    return any(c["person_id"] == person["person_id"]
               for c in api.get(platform.url("/api/v1/matching/candidates")).json()["items"])


def test_approved_after_an_interview(fresh, api, db):
    amina = applied(fresh, language="ar")
    url = fresh.url(f"/api/v1/applications/{amina['application_id']}")
    assert api.post(url + "/intake", json=an_interview()).status_code == 201
    invitation = mail_where(fresh, amina, with_calendar("REQUEST"), "inviting to the interview")
    assert invitation["Content-Language"] == "ar, nl"
    interview_started(db, amina["application_id"])
    recorded = api.post(url + "/intake/record", json={"needs": "Evenings.", "notes": "Private."})
    assert recorded.json()["status"] == "intake_held"
    decided = api.post(url + "/screening", json={"decision": "approved", "reason": "Ready.",
                                                  "feedback": "Tot binnenkort!"})
    assert decided.status_code == 200
    mail_where(fresh, amina, saying("Tot binnenkort!"), "with the coordinator's feedback")
    eventually(lambda: in_pool(api, fresh, amina), timeout=5)


def test_rejected_with_feedback_and_kept_out_of_the_pool(fresh, api):
    tom = applied(fresh, role="buddy", language="en")
    api.post(fresh.url(f"/api/v1/applications/{tom['application_id']}/screening"),
             json={"decision": "rejected", "reason": "Needs care.", "feedback": "The CAW can help you."})
    answer = mail_where(fresh, tom, saying("The CAW can help you."), "with the feedback")
    assert answer["Subject"].startswith("About your application")
    assert not in_pool(api, fresh, tom)


def test_waitlisted_then_approved(fresh, api):
    fatima = applied(fresh, language="fa")
    url = fresh.url(f"/api/v1/applications/{fatima['application_id']}/screening")
    api.post(url, json={"decision": "waitlisted", "reason": "No Dari buddy yet."})
    mail_where(fresh, fatima, saying("فهرست انتظار"), "saying she is on the waiting list")
    assert not in_pool(api, fresh, fatima)
    assert api.post(url, json={"decision": "approved", "reason": "A buddy is free."}).status_code == 200
    mail_where(fresh, fatima, saying("خوش آمدید"), "welcoming her")
    eventually(lambda: in_pool(api, fresh, fatima), timeout=5)


def test_an_interview_moved_then_cancelled_reaches_the_calendar(fresh, api):
    oksana = applied(fresh, language="uk")
    url = fresh.url(f"/api/v1/applications/{oksana['application_id']}/intake")
    api.post(url, json=an_interview())
    mail_where(fresh, oksana, with_calendar("REQUEST"), "inviting to the interview")
    moved = api.put(url, json=an_interview(starts_at="2030-03-06T15:00:00+01:00"))
    assert moved.status_code == 200 and moved.json()["sequence"] == 1
    moved_mail = mail_where(fresh, oksana, saying("Новий час"), "with the new time")
    assert with_calendar("REQUEST")(moved_mail)
    assert api.delete(url, json={"reason": "Ziek."}).json()["status"] == "cancelled"
    mail_where(fresh, oksana, with_calendar("CANCEL"), "cancelling the interview")
    assert api.delete(url, json={}).status_code == 409


def test_an_approved_buddy_sets_a_password_and_keeps_their_profile_up_to_date(fresh, api):
    lotte = applied(fresh, role="buddy", language="nl", email="lotte.buddy@example.org")
    api.post(fresh.url(f"/api/v1/applications/{lotte['application_id']}/screening"),
             json={"decision": "approved", "reason": "Great."})
    invitation = mail_where(fresh, lotte, saying("Maak je account voor"), "inviting to make an account")
    link = next(word for word in invitation.get_body(("plain",)).get_content().split()
                if "/account/setup/" in word)
    browser = requests.Session()
    me = choose_password(link, "mijn lange wachtwoordzin", browser)
    assert me.url.endswith("/me") and "Afmelden" in me.text, "signed in at once, on their own page"
    token = me.text.split('name="csrf_token" value="')[1].split('"')[0]
    browser.post(fresh.url("/me"), data={"csrf_token": token, "availability": ["fri_evening"],
                                         "interests": ["music"]})

    def pooled_profile():
        found = [c for c in api.get(fresh.url("/api/v1/matching/candidates")).json()["items"]
                 if c["person_id"] == lotte["person_id"]]
        return found and found[0]["profile"]
    eventually(lambda: (pooled_profile() or {}).get("availability") == ["fri_evening"], timeout=5)
    assert browser.get(fresh.url("/portal"), allow_redirects=False).status_code == 403


def test_a_person_s_data_is_exported_then_erased_from_every_service(fresh, api):
    jan = applied(fresh, role="buddy", language="nl")
    api.post(fresh.url(f"/api/v1/applications/{jan['application_id']}/screening"),
             json={"decision": "approved", "reason": "ok"})
    eventually(lambda: in_pool(api, fresh, jan), timeout=5)
    invitation = mail_where(fresh, jan, saying("/account/setup/"), "the password link")
    setup_link = next(word for word in invitation.get_body(("plain",)).get_content().split()
                      if "/account/setup/" in word)
    assert requests.get(setup_link, timeout=10).status_code == 200
    exported = api.get(fresh.url(f"/api/v1/people/{jan['person_id']}/export")).json()
    assert exported["intake"]["person"]["email"] == jan["email"]
    assert exported["matching"]["candidate"]["role"] == "buddy"
    assert exported["notifications"]["contact"]["email"] == jan["email"]

    assert api.delete(fresh.url(f"/api/v1/people/{jan['person_id']}")).json()["erased"] is True
    eventually(lambda: not in_pool(api, fresh, jan), timeout=5)
    assert api.get(fresh.url(f"/api/v1/people/{jan['person_id']}/export")).status_code == 404
    assert requests.get(jan["status_url"], timeout=10).status_code == 404
    gone = requests.get(setup_link, timeout=10)
    assert gone.status_code == 410 and "<form" not in gone.text, "the password link is dead"
    audit = api.get(fresh.url("/api/v1/audit"), params={"person_id": jan["person_id"]}).json()["items"]
    assert [entry["action"] for entry in audit] == ["erase", "export"]
