"""The pages people use: the public form and status page, and the coordinator's portal."""
import re

import requests
from sqlalchemy import text

from tests.support.appointments import interview_started
from tests.support.builders import an_application
from tests.support.portal import csrf_of, signed_in
from tests.support.waiting import eventually


def hidden(page: requests.Response, name: str) -> str | None:
    found = re.search(rf'name="{name}" value="([^"]*)"', page.text)
    return found and found.group(1)


def applications(db) -> int:
    with db.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM intake.application")).scalar_one()


def a_filled_form(page, **answers) -> dict:
    """What a participant fills in on the form (the form's own hidden fields included)."""
    return {"csrf_token": csrf_of(page), "submission_key": hidden(page, "submission_key"),
            "role": "participant", "first_name": "Yonas", "last_name": "Tesfaye",
            "email": "yonas@example.org", "language": "ti", "gender": "male", "birth_year": "1996",
            "district": "velm", "language_1": "ti", "level_1": "native", "dutch_level": "none",
            "availability": ["mon_evening", "sat_morning"], "interests": ["cycling"],
            "hopes": ["practise_dutch"], "background": "recognised_refugee", "consent": "on", **answers}


def test_a_person_chooses_a_role_applies_and_sees_the_status_with_the_dutch_beside(fresh, db):
    browser = requests.Session()
    assert "Qui êtes-vous ?" in browser.get(fresh.url("/apply?lang=fr")).text
    form = browser.get(fresh.url("/apply?role=participant&lang=fr"))
    assert "S’inscrire comme participant" in form.text and "Pourquoi êtes-vous venu" in form.text
    assert 'name="roles"' not in form.text, "a participant is not asked the buddy's questions"
    status = browser.post(fresh.url("/apply"), data=a_filled_form(form))
    assert status.status_code == 200 and "/status/" in status.url
    assert "Merci, Yonas. Nous avons bien reçu votre inscription." in status.text
    assert '<details class="dutch" lang="nl"' in status.text and "Aanmelding ontvangen" in status.text
    assert status.text.count('<ol class="steps">') == 2, "the steps are a list, in French and Dutch"
    from_the_email = requests.get(status.url.split("?")[0], timeout=10)  # a fresh browser
    assert "ምዝገባኹም" in from_the_email.text, "in the language the applicant writes in"
    with db.connect() as connection:
        profile = connection.execute(text("SELECT profile FROM intake.person")).scalar_one()
    assert profile["district"] == "velm" and profile["languages"] == [{"code": "ti", "level": "native"}]


def test_the_browser_s_language_is_the_form_s_language(fresh):
    arabic = requests.get(fresh.url("/apply?role=participant"), headers={"Accept-Language": "ar,en;q=0.5"},
                          timeout=10)
    assert '<html lang="ar" dir="rtl">' in arabic.text and "سجّل كمشارك" in arabic.text


def test_each_problem_is_told_in_the_applicant_s_language_and_the_answers_stay(fresh, db):
    browser = requests.Session()
    form = browser.get(fresh.url("/apply?role=participant&lang=uk"))
    answer = browser.post(fresh.url("/apply"), data=a_filled_form(
        form, email="ні", birth_year="12", level_1="", consent="", availability=["mon_evening", "mon_evening"]))
    assert answer.status_code == 422
    for message in ("Це недійсна адреса електронної пошти.", "Вкажіть рік народження чотирма цифрами",
                    "Оберіть, наскільки добре ви нею володієте.", "Вкажіть кожну відповідь лише один раз.",
                    "Погодьтеся з повідомленням про конфіденційність"):
        assert message in answer.text, message
    assert 'value="Yonas"' in answer.text and 'value="sat_morning"' in answer.text
    assert applications(db) == 0


def test_a_form_sent_twice_makes_one_application(fresh, db):
    browser = requests.Session()
    form = browser.get(fresh.url("/apply?role=participant"))
    first = browser.post(fresh.url("/apply"), data=a_filled_form(form))
    second = browser.post(fresh.url("/apply"), data=a_filled_form(form))  # a double click
    assert first.status_code == second.status_code == 200
    assert "/status/" in first.url and "/status/" in second.url, "each lands on the status page"
    assert applications(db) == 1


def test_a_bot_that_fills_the_hidden_field_is_thanked_and_nothing_is_kept(fresh, db):
    browser = requests.Session()
    form = browser.get(fresh.url("/apply?role=participant&lang=en"))
    answer = browser.post(fresh.url("/apply"), data=a_filled_form(form, website="http://spam.example"))
    assert answer.status_code == 200 and "We received your application." in answer.text
    assert applications(db) == 0


def test_a_form_without_its_csrf_token_is_refused(fresh):
    answer = requests.post(fresh.url("/apply"), data={"role": "buddy", "first_name": "X"}, timeout=10)
    assert answer.status_code == 400


def test_a_sign_in_that_fails_says_so_on_the_form(fresh, coordinator):
    browser = requests.Session()
    form = browser.get(fresh.url("/login?lang=nl"))
    for email in (coordinator["email"], "not an address"):
        answer = browser.post(fresh.url("/login"), data={
            "csrf_token": csrf_of(form), "email": email, "password": "wrong"})
        assert answer.status_code == 401
        assert "Het e-mailadres of het wachtwoord klopt niet." in answer.text


def test_the_portal_wants_a_signed_in_coordinator(fresh):
    answer = requests.get(fresh.url("/portal/applications"), allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login?next=/portal/applications")


def test_a_coordinator_plans_records_and_decides_in_the_portal(fresh, coordinator, api, db):
    created = api.post(fresh.url("/api/v1/applications"), json=an_application(
        first_name="Oksana", last_name="Kovalenko", language="uk")).json()
    browser = signed_in(fresh, coordinator)
    inbox = browser.get(fresh.url("/portal/applications?language=uk"))
    assert "Oksana Kovalenko" in inbox.text and "werkdagen" in inbox.text
    page = browser.get(fresh.url(f"/portal/applications/{created['application_id']}"))
    assert "Oekraïens" in page.text or "uk (" in page.text

    planned = browser.post(page.url + "/intake", data={
        "csrf_token": csrf_of(page), "action": "plan", "starts_at": "2030-03-04T10:00", "mode": "in_person",
        "location": "Huis van de Wereld, Sint-Truiden", "duration_minutes": "60"})
    assert "agenda-uitnodiging" in planned.text and "maandag 4 maart 2030, 10:00" in planned.text
    form = dict(a_filled_form(planned, notes="Zoekt vooral rust.", district="zepperen"))
    too_early = browser.post(page.url + "/intake/record", data=form)
    assert too_early.status_code == 422 and "Het gesprek is nog niet begonnen" in too_early.text
    interview_started(db, created["application_id"])
    recorded = browser.post(page.url + "/intake/record", data=form)
    assert "Het intakegesprek is bewaard." in recorded.text and "Zepperen" in recorded.text
    notes = browser.get(page.url + "/intake/notes")
    assert "Zoekt vooral rust." in notes.text and "auditlog" in notes.text
    decided = browser.post(page.url + "/screening", data={
        "csrf_token": csrf_of(recorded), "decision": "approved", "reason": "Goed gesprek.",
        "feedback": "Welkom!"})
    assert "De beslissing is bewaard" in decided.text

    pool = eventually(lambda: (p := browser.get(fresh.url("/portal/pool"))).text.count("Kovalenko") and p)
    assert "Zepperen" in pool.text
    audit = browser.get(fresh.url("/portal/audit"))
    assert "las de vertrouwelijke notities" in audit.text and "Oksana Kovalenko" in audit.text


def test_a_coordinator_erases_a_person_after_confirming_it(fresh, coordinator, api, db):
    created = api.post(fresh.url("/api/v1/applications"), json=an_application()).json()
    browser = signed_in(fresh, coordinator)
    confirm = browser.get(fresh.url(f"/portal/people/{created['person_id']}/erase"))
    assert 'name="confirm" value="yes">' in confirm.text, "the box is not ticked for the coordinator"
    assert "in elke dienst gewist" in confirm.text, "the box names the consequence"
    refused = browser.post(confirm.url, data={"csrf_token": csrf_of(confirm)})
    assert refused.status_code == 422
    assert '<span class="error" id="confirm-error">Vink aan om te bevestigen: het wissen kan niet ongedaan' in refused.text
    with db.connect() as connection:
        assert connection.execute(text("SELECT email FROM intake.person")).scalar_one() is not None
    erased = browser.post(confirm.url, data={"csrf_token": csrf_of(confirm), "confirm": "yes"})
    assert "zijn hier gewist" in erased.text
    with db.connect() as connection:
        assert connection.execute(text("SELECT email FROM intake.person")).scalar_one() is None
    again = browser.get(confirm.url)
    assert "Niets meer te wissen" in again.text and 'name="confirm"' not in again.text, "no erasing twice"


def test_the_operations_page_shows_health_and_parked_messages(fresh, coordinator):
    browser = signed_in(fresh, coordinator)
    page = browser.get(fresh.url("/portal/operations?lang=en"))
    assert page.status_code == 200
    assert "No parked messages." in page.text
    assert page.text.count('<span class="status approved">ok</span>') == 5  # five services up


def test_signing_out_ends_the_session(fresh, coordinator):
    browser = signed_in(fresh, coordinator)
    home = browser.get(fresh.url("/portal"))
    browser.post(fresh.url("/logout"), data={"csrf_token": csrf_of(home)})
    assert browser.get(fresh.url("/portal"), allow_redirects=False).status_code == 302

