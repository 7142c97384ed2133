"""A participant's status page tells the whole story in their language, with the Dutch beside
it: the interview held (when, where), the introduction meeting planned (when in Sint-Truiden's
time, where, with their buddy's first name and the coordinator), how to reach the coordinator,
and the privacy notice they consented to; every message links that notice too."""
from datetime import datetime
from urllib.parse import urlsplit

import pytest
import requests

from services.shared.dates import when
from tests.support.applicants import applied, approved, pool_status
from tests.support.appointments import interview_started
from tests.support.builders import an_interview
from tests.support.mailbox import mail_where, saying
from tests.support.waiting import eventually

INTERVIEW_PLACE = "Huis van de Wereld, Stapelhuisstraat 15, 3800 Sint-Truiden"
MEETING_PLACE = "Stadsbibliotheek, Cicindriaweg 1, 3800 Sint-Truiden"
MEETING = "2030-05-06T14:00:00+02:00"
COORDINATOR = {"COORDINATOR_NAME": "Els Vandenbroeck", "COORDINATOR_PHONE": "+32 11 70 00 00",
               "COORDINATOR_EMAIL": "samenoppad@sint-truiden.example"}


@pytest.fixture
def gateway_with_coordinator(fresh, tmp_path):
    """A gateway whose configuration names the coordinator (as a city's deployment does)."""
    process, url = fresh.another_gateway("gateway-coordinator", tmp_path, **COORDINATOR)
    yield url
    process.stop()


def interviewed_and_approved(fresh, api, db) -> dict:
    amina = applied(fresh, language="ar", first_name="Amina")
    url = fresh.url(f"/api/v1/applications/{amina['application_id']}")
    assert api.post(url + "/intake", json=an_interview(location=INTERVIEW_PLACE)).status_code == 201
    interview_started(db, amina["application_id"])
    assert api.post(url + "/intake/record", json={"needs": "Evenings."}).status_code == 200
    assert api.post(url + "/screening", json={"decision": "approved", "reason": "Ready."}).status_code == 200
    eventually(lambda: pool_status(api, fresh, amina) == "waiting", timeout=10)
    return amina


def test_the_status_page_shows_the_interview_the_introduction_and_the_coordinator(
        fresh, api, db, gateway_with_coordinator):
    amina = interviewed_and_approved(fresh, api, db)
    lotte = approved(fresh, api, "buddy", language="nl", first_name="Lotte")
    proposal = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": lotte["person_id"], "participant_id": amina["person_id"]}).json()
    planned = api.post(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/introduction"),
                       json={"starts_at": MEETING, "location": MEETING_PLACE})
    assert planned.status_code == 200, planned.text
    status_url = gateway_with_coordinator + urlsplit(amina["status_url"]).path
    page = eventually(lambda: (answer := requests.get(status_url, timeout=10)) and MEETING_PLACE in answer.text
                      and answer.text, timeout=15, message="the introduction on the status page")
    own, _, dutch = page.partition('<details class="dutch"')
    meeting = datetime.fromisoformat(MEETING)
    assert f'لقاء التعارف: <bdi class="unbroken">{when(meeting, "ar")}</bdi>' in own, \
        "in Sint-Truiden's time, written the Arabic way, on one line"
    assert "مع مرافقك Lotte والمنسق، Els Vandenbroeck." in own
    assert f'— <bdi dir="ltr" class="ltr wrap">{INTERVIEW_PLACE}</bdi>' in own, "the interview's address"
    assert "maandag 6 mei 2030, 14:00" in dutch and "Met je buddy Lotte en de coördinator, Els Vandenbroeck." in dutch
    assert 'href="tel:+3211700000"' in own and "samenoppad@sint-truiden.example" in own
    assert 'href="/privacy/2026-11?lang=ar"' in page, "the notice of the version they consented to"
    notice = requests.get(gateway_with_coordinator + "/privacy/2026-11?lang=ar", timeout=10)
    assert notice.status_code == 200 and "Els Vandenbroeck" in notice.text


def test_the_confirmation_links_the_privacy_notice_in_the_applicant_s_language(fresh):
    olena = applied(fresh, language="uk", first_name="Olena")
    mail = mail_where(fresh, olena, saying("Як ми поводимося з вашими даними"), "with the privacy notice")
    assert fresh.url("/privacy?lang=uk") in mail.get_body(("plain",)).get_content()
    assert requests.get(fresh.url("/privacy?lang=uk"), timeout=10).status_code == 200
