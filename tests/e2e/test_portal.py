"""The pages people use: the public form and status page, and the coordinator's portal."""
import re

import requests
from sqlalchemy import text

from tests.support.waiting import eventually


def csrf_of(page: requests.Response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def signed_in(platform, coordinator) -> requests.Session:
    browser = requests.Session()
    form = browser.get(platform.url("/login"))
    answer = browser.post(platform.url("/login"), data={**coordinator, "csrf_token": csrf_of(form),
                                                        "next": "/portal"})
    assert answer.status_code == 200 and answer.url.endswith("/portal")
    return browser


def test_applying_through_the_form_shows_the_status_page(fresh, db):
    browser = requests.Session()
    form = browser.get(fresh.url("/apply?lang=en"))
    assert form.status_code == 200 and "Apply for Samen op pad" in form.text
    answer = browser.post(fresh.url("/apply"), data={
        "csrf_token": csrf_of(form), "role": "buddy", "first_name": "Lotte",
        "last_name": "Peeters", "email": "lotte@example.org", "language": "nl", "consent": "on"})
    assert answer.status_code == 200
    assert "/status/" in answer.url
    assert "Thank you, Lotte. We received your application." in answer.text  # as she browsed
    from_the_email = requests.get(answer.url.split("?")[0], timeout=10)  # a fresh browser
    assert "Je aanmelding" in from_the_email.text  # in the language she writes in
    with db.connect() as connection:
        assert connection.execute(text("SELECT role FROM intake.application")).scalar_one() == "buddy"


def test_a_form_sent_twice_makes_one_application(fresh, db):
    browser = requests.Session()
    form = browser.get(fresh.url("/apply"))
    answers = {"csrf_token": csrf_of(form), "role": "participant", "first_name": "Yonas",
               "last_name": "Tesfaye", "phone": "0470 11 22 33", "language": "ti", "consent": "on",
               "submission_key": re.search(r'name="submission_key" value="([^"]+)"', form.text).group(1)}
    first = browser.post(fresh.url("/apply"), data=answers)
    second = browser.post(fresh.url("/apply"), data=answers)  # a double click
    assert first.url == second.url and "/status/" in first.url
    with db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM intake.application")).scalar_one() == 1


def test_the_form_shows_each_problem_in_dutch_and_keeps_the_answers(fresh, db):
    browser = requests.Session()
    form = browser.get(fresh.url("/apply?lang=nl"))
    answer = browser.post(fresh.url("/apply"), data={
        "csrf_token": csrf_of(form), "first_name": "Jan", "email": "niet-geldig", "language": "nl"})
    assert answer.status_code == 422
    assert "Dit is geen geldig e-mailadres." in answer.text
    assert "Kies buddy of deelnemer." not in answer.text  # no role: "Vul dit in."
    assert "Vul dit in." in answer.text
    assert "Ga akkoord met de privacyverklaring" in answer.text
    assert 'value="Jan"' in answer.text
    with db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM intake.application")).scalar_one() == 0


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
        assert 'name="password"' in answer.text


def test_the_portal_wants_a_signed_in_coordinator(fresh):
    answer = requests.get(fresh.url("/portal/applications"), allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login?next=/portal/applications")


def test_a_coordinator_screens_an_application_in_the_portal(fresh, coordinator, api):
    created = api.post(fresh.url("/api/v1/applications"), json={
        "role": "participant", "first_name": "Oksana", "last_name": "Kovalenko",
        "email": "oksana@example.org", "language": "uk", "consent": True}).json()
    browser = signed_in(fresh, coordinator)

    inbox = browser.get(fresh.url("/portal/applications?status=received"))
    assert "Oksana Kovalenko" in inbox.text and "Aanmeldingen" in inbox.text
    page = browser.get(fresh.url(f"/portal/applications/{created['application_id']}"))
    empty_reason = browser.post(page.url + "/screening", data={
        "csrf_token": csrf_of(page), "decision": "approved", "reason": ""})
    assert empty_reason.status_code == 422 and "Vul dit in." in empty_reason.text
    decided = browser.post(page.url + "/screening", data={
        "csrf_token": csrf_of(page), "decision": "approved", "reason": "Goed gesprek."})
    assert decided.status_code == 200 and "De beslissing is bewaard." in decided.text

    pool = eventually(lambda: (p := browser.get(fresh.url("/portal/pool"))).text.count("Oksana") and p)
    assert "Kovalenko" in pool.text
    english = browser.get(fresh.url("/portal/pool?lang=en"))
    assert "The pool: waiting for a match" in english.text


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
    after = browser.get(fresh.url("/portal"), allow_redirects=False)
    assert after.status_code == 302
