"""Messages end to end: an applicant who chose SMS gets a text, every email carries a way to
stop, the coordinator previews every template and reads the delivery log, and in development
sees what the demo sent."""
import requests
from sqlalchemy import text

from tests.support.applicants import applied
from tests.support.mailbox import mails_to
from tests.support.portal import csrf_of, signed_in
from tests.support.waiting import eventually


def test_an_applicant_who_chose_text_messages_gets_one_in_ukrainian(fresh, api):
    oksana = applied(fresh, language="uk", channel="sms", phone="+32 470 12 34 56")
    [text] = eventually(lambda: fresh.texts(to="+32470123456"), timeout=20)
    assert text["Body"].startswith("Ми отримали вашу заявку") and "/status/" in text["Body"]
    assert fresh.mails(to=oksana["email"]) == [], "the chosen channel, not both"
    def logged():  # the provider answers before the pass that sent it commits "sent"
        log = api.get(fresh.url("/api/v1/notifications"), params={"person_id": oksana["person_id"]}).json()["items"]
        return [(d["channel"], d["status"], d["template"]) for d in log]
    assert eventually(lambda: logged() == [("sms", "sent", "application_received")], timeout=10)


def test_a_person_stops_messages_from_the_link_in_their_own_language(fresh, api, coordinator):
    amina = applied(fresh, language="ar")
    mail = mails_to(fresh, amina, 1)[0]
    link = next(word for word in mail.get_body(("plain",)).get_content().split() if "/stop/" in word)
    browser = requests.Session()
    page = browser.get(link)
    assert 'dir="rtl"' in page.text and "إيقاف كل الرسائل" in page.text
    stopped = browser.post(link, data={"csrf_token": csrf_of(page), "choice": "stop"})
    assert "لن تصلك منا رسائل بعد الآن" in stopped.text
    api.post(fresh.url(f"/api/v1/applications/{amina['application_id']}/screening"),
             json={"decision": "waitlisted", "reason": "No buddy yet."})
    skipped = eventually(lambda: [d for d in api.get(fresh.url("/api/v1/notifications"),
                                                       params={"status": "skipped"}).json()["items"]], timeout=15)
    assert skipped[0]["last_error"] == "the person opted out of messages" and len(fresh.mails()) == 1
    portal = signed_in(fresh, coordinator).get(fresh.url(f"/portal/applications/{amina['application_id']}"))
    assert "Afgemeld voor berichten sinds" in portal.text, "the coordinator sees it"
    back = api.put(fresh.url(f"/api/v1/notifications/contacts/{amina['person_id']}/opt-out"), json={"opted_out": False})
    assert back.json() == {"person_id": amina["person_id"], "opted_out": False}
    assert requests.get(fresh.url("/stop/not-a-token"), timeout=10).status_code == 404


def test_the_coordinator_previews_every_message_and_reads_the_log(fresh, api, coordinator):
    templates = api.get(fresh.url("/api/v1/notifications/templates")).json()
    assert all(set(languages) >= {"nl", "en", "fr", "ar", "uk", "fa", "ti"} for languages in templates.values())
    preview = api.get(fresh.url("/api/v1/notifications/templates/intake_reminder/fa")).json()
    assert preview["content_language"] == "fa, nl" and 'dir="rtl"' in preview["html"] and preview["sms"]
    assert api.get(fresh.url("/api/v1/notifications/templates/nothing/fa")).status_code == 404
    applied(fresh, language="ti", first_name="Yonas")
    browser = signed_in(fresh, coordinator)
    page = browser.get(fresh.url("/portal/notifications/templates/duo_formed/ar"))
    assert "duo_formed" in page.text and "srcdoc=" in page.text and "أصبحتما ثنائيًا" in page.text
    log = eventually(lambda: (page := browser.get(fresh.url("/portal/notifications"))) and "verstuurd" in page.text
                     and page, timeout=15)
    assert "Yonas" in log.text and "application_received" in log.text
    dev = browser.get(fresh.url("/portal/notifications/dev"))
    assert "Wat de demo verstuurde" in dev.text and "Samen op pad" in dev.text
    mail = dev.text.split('href="/portal/notifications/dev/mail/')[1].split('"')[0]
    assert browser.get(fresh.url(f"/portal/notifications/dev/mail/{mail}")).status_code == 200
    assert browser.get(fresh.url("/portal/notifications/dev/mail/..%2Fsecret")).status_code == 404


def test_the_demo_page_says_when_a_waiting_text_message_will_go_out(fresh, coordinator, db):
    with db.begin() as connection:  # as a text queued at 22:00 waits for the end of quiet hours
        connection.execute(text(
            "INSERT INTO notifications.delivery (id, idempotency_key, person_id, channel, recipient, template,"
            " language, content_language, body_text, status, attempts, next_attempt_at, created_at)"
            " VALUES (gen_random_uuid(), 'quiet-hours-test', gen_random_uuid(), 'sms', '+32470999888',"
            " 'application_received', 'ar', 'ar', 'tekst', 'pending', 0, '2030-03-05 07:00+00', now())"))
    dev = signed_in(fresh, coordinator).get(fresh.url("/portal/notifications/dev"))
    assert "1 sms wacht om verstuurd te worden" in dev.text
    assert "dinsdag 5 maart 2030, 08:00" in dev.text  # in Sint-Truiden's time


def test_a_link_that_no_longer_works_says_so_in_the_readers_language(fresh, db):
    """Found by trying: an expired or unknown link answered in English on an Arabic page."""
    amina = applied(fresh, language="ar")
    with db.begin() as connection:
        connection.execute(text("UPDATE intake.link SET expires_at = now() - interval '1 minute'"))
    expired = requests.get(amina["status_url"], headers={"Accept-Language": "ar"}, timeout=10)
    assert expired.status_code == 410 and "انتهت صلاحية هذا الرابط" in expired.text
    unknown = requests.get(fresh.url("/stop/" + "A" * 43), headers={"Accept-Language": "fr"}, timeout=10)
    assert unknown.status_code == 404 and "Ce lien n’est pas valide." in unknown.text
