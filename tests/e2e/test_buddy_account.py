"""The buddy's account, as a buddy uses it: a forgotten password is reset with a link sent by
email (the page says the same for every address, and a link works once); a link that can no
longer be used says so before asking anything; choosing a password signs one in on /me; and
/me says where the buddy stands, with their introduction meeting and how to reach the
coordinator."""
import re
from datetime import datetime, timedelta, timezone

import pytest
import requests

from services.shared.dates import when
from tests.support.appointments import introduction_held
from tests.support.applicants import approved
from tests.support.buddies import PASSWORD, buddy_signed_in, choose_password, link_in_mail
from tests.support.portal import csrf_of
from tests.support.waiting import eventually

NEW = "een gloednieuwe wachtwoordzin"
SENT = "Als er een account bestaat voor dit adres, sturen we er een link naartoe"


def ask_for_a_link(platform, email: str) -> requests.Response:
    browser = requests.Session()
    login = browser.get(platform.url("/login"))
    forgot = browser.get(platform.url(re.search(r'href="(/account/forgot[^"]*)"', login.text).group(1)),
                         params={"lang": "nl"})
    return browser.post(forgot.url, data={"email": email, "csrf_token": csrf_of(forgot)})


def notice(page: requests.Response) -> str:
    return re.search(r'<p class="notice" role="status">(.*?)</p>', page.text, re.S).group(1)


def test_a_buddy_who_forgot_their_password_gets_a_link_that_works_once_and_signs_them_in(fresh, api):
    lotte, before = buddy_signed_in(fresh, api, language="nl", first_name="Lotte")
    known, unknown = ask_for_a_link(fresh, lotte["email"]), ask_for_a_link(fresh, "niemand@example.org")
    assert known.status_code == unknown.status_code == 200
    assert SENT in notice(known) and notice(known) == notice(unknown), "nobody learns who has an account"

    link = link_in_mail(fresh, lotte["email"], "/account/reset/")
    mail = next(m for m in fresh.mails(to=lotte["email"]) if "/account/reset/" in m.get_body(("plain",)).get_content())
    assert mail["Subject"] == "Kies een nieuw wachtwoord voor Samen op pad"
    landed = choose_password(link, NEW)
    assert landed.url == fresh.url("/me") and "Dag Lotte" in landed.text and "Afmelden" in landed.text

    again = requests.get(link, timeout=10)
    assert again.status_code == 410 and 'name="password"' not in again.text, "said before asking anything"
    assert "Deze link om een nieuw wachtwoord te kiezen werd al gebruikt" in again.text
    assert 'href="/account/forgot"' in again.text, "with a way to ask for a new one"
    assert before.get(fresh.url("/me")).url.startswith(fresh.url("/login")), "the old session ended"
    old = requests.Session()
    form = old.get(fresh.url("/login"))
    refused = old.post(fresh.url("/login"), data={"email": lotte["email"], "password": PASSWORD,
                                                  "csrf_token": csrf_of(form)})
    assert refused.status_code == 401 and "Het e-mailadres of het wachtwoord klopt niet." in refused.text
    assert fresh.mails(to="niemand@example.org") == []


def test_a_used_invitation_link_says_so_before_asking_for_a_password(fresh, api):
    jan = approved(fresh, api, "buddy", language="nl")
    link = link_in_mail(fresh, jan["email"], "/account/setup/")
    assert choose_password(link, PASSWORD).url.endswith("/me")
    used = requests.get(link, timeout=10)
    assert used.status_code == 410 and 'name="password"' not in used.text
    assert "Deze uitnodigingslink werd al gebruikt" in used.text and 'href="/account/forgot"' in used.text


@pytest.fixture
def gateway_with_contact(fresh, tmp_path):
    """A gateway of the platform that names the coordinator (the configuration's)."""
    process, url = fresh.another_gateway(
        "gateway-contact", tmp_path, COORDINATOR_NAME="Sofie Claes", COORDINATOR_PHONE="011 70 11 22",
        COORDINATOR_EMAIL="buddies@sint-truiden.example")
    yield url
    process.stop()


def test_a_buddy_in_a_duo_sees_the_introduction_and_the_coordinator_not_a_search(fresh, api, db,
                                                                                gateway_with_contact):
    amina = approved(fresh, api, "participant", language="ar", first_name="Amina")
    lotte, browser = buddy_signed_in(fresh, api, language="nl", first_name="Lotte")
    waiting = browser.get(gateway_with_contact + "/me").text
    assert "Je bent goedgekeurd als buddy" in waiting and "een goede match voor je te vinden" in waiting
    proposal = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": lotte["person_id"], "participant_id": amina["person_id"]}).json()
    starts = (datetime.now(timezone.utc) + timedelta(days=7)).replace(hour=13, minute=0, second=0, microsecond=0)
    planned = api.post(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/introduction"),
                       json={"starts_at": starts.isoformat(), "location": "Huis van de Wereld"})
    assert planned.status_code == 200, planned.text
    starts -= timedelta(days=14)  # a week went by, and a yes is recorded once they have met
    introduction_held(db, proposal["id"], at=starts)
    for side in ("buddy", "participant"):
        api.post(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/answers"), json={"side": side, "answer": "yes"})

    me = eventually(lambda: (page := browser.get(gateway_with_contact + "/me")) and "zijn een duo" in page.text
                    and page, timeout=10)
    assert "Jij en Amina zijn een duo sinds" in me.text
    introduction = me.text.split('id="introduction"')[1].split("</section>")[0]
    assert "Huis van de Wereld" in introduction and "Amina en Sofie Claes" in introduction
    assert when(starts, "nl") in introduction, "the day and hour, in Sint-Truiden's time"
    contact = me.text.split('id="coordinator"')[1].split("</section>")[0]
    assert "Sofie Claes" in contact and 'href="tel:011701122"' in contact
    assert 'href="mailto:buddies@sint-truiden.example"' in contact
    assert "een goede match voor je te vinden" not in me.text, "nobody in a duo is told we are still looking"
    assert "Houd je vrije momenten en interesses bij: ze helpen jou en je duo" in me.text
