"""The privacy notice (GDPR art. 13) in every public language: every section, translated, the
retention periods as configured, the version; and the application form links to it."""
import re
import uuid

import pytest

from gateway import create_app
from gateway.i18n import PUBLIC_LANGUAGES
from services.shared.config import load_config

SECTIONS = ["controller", "data", "purposes", "legal_basis", "recipients", "retention", "rights",
            "contact", "complaint"]
RETENTION = {"REJECTED_RETENTION_DAYS": "401", "ENDED_DUO_RETENTION_DAYS": "777",
             "EXPIRED_LINK_RETENTION_DAYS": "33", "SIGN_IN_ATTEMPT_RETENTION_DAYS": "17"}
HEADING = re.compile(r'<h2 id="([a-z_]+)">(.*?)</h2>', re.S)


@pytest.fixture(scope="module")
def client():
    platform = {**load_config(), **RETENTION, "PRIVACY_NOTICE_VERSION": "2026-11",
                "COORDINATOR_NAME": "Els Vandenbroeck", "COORDINATOR_PHONE": "+32 11 70 00 00",
                "COORDINATOR_EMAIL": "samenoppad@sint-truiden.example"}
    app = create_app({"TESTING": True, "PLATFORM": platform,
                      "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": f"test-{uuid.uuid4().hex}"}})
    return app.test_client()


def notice_in(client, language: str, path: str = "/privacy") -> tuple[str, str]:
    """(the notice in `language`, the Dutch text beside it) as the page shows them."""
    page = client.get(f"{path}?lang={language}")
    assert page.status_code == 200, page.text
    own, _, dutch = page.text.partition('<details class="dutch"')
    return own, dutch


def headings(html: str) -> dict:
    return {key: re.sub(r"<[^>]+>", "", text).strip() for key, text in HEADING.findall(html)}


@pytest.mark.parametrize("language", sorted(PUBLIC_LANGUAGES))
def test_every_section_is_there_translated_with_the_configured_retention(client, language):
    own, dutch = notice_in(client, language)
    found, english = headings(own), headings(notice_in(client, "en")[0])
    assert list(found) == SECTIONS
    assert all(found.values())
    if language != "en":
        same = [key for key in SECTIONS if found[key] == english[key]]
        assert not same, f"{language}: headings still in English: {same}"
    for days in RETENTION.values():
        assert re.search(rf"\b{days}\b", own.split('id="retention"')[1].split("<h2")[0]), days
    assert "Drukpersstraat 35, 1000 Brussel" in own and "www.gegevensbeschermingsautoriteit.be" in own
    assert "Kazernestraat 13, 3800 Sint-Truiden" in own and "privacy@sint-truiden.be" in own
    assert "Els Vandenbroeck" in own and 'href="tel:+3211700000"' in own
    assert "2026-11" in own, "the version is shown"
    assert (dutch == "") == (language == "nl"), "the Dutch text beside it, for every other language"
    if dutch:
        assert "Wie is verantwoordelijk voor je gegevens" in dutch


def test_right_to_left_where_the_language_is_written_so():
    app_client = create_app({"TESTING": True}).test_client()
    for language, direction in (("ar", "rtl"), ("fa", "rtl"), ("ti", "ltr"), ("uk", "ltr")):
        page = app_client.get(f"/privacy?lang={language}").text
        assert f'<html lang="{language}" dir="{direction}">' in page


def test_plural_days_follow_the_language(client):
    own, _ = notice_in(client, "uk")
    assert "401 день" in own and "777 днів" in own and "33 дні" in own and "17 днів" in own


def test_a_version_that_never_existed_is_not_found(client):
    assert client.get("/privacy/1999-01").status_code == 404
    assert client.get("/privacy/..%2F..%2Fbase").status_code == 404
    assert client.get("/privacy/2026-11?lang=fa").status_code == 200


def test_the_application_form_links_to_the_notice_next_to_the_consent(client):
    for language in ("nl", "uk", "ar"):
        form = client.get(f"/apply?role=participant&lang={language}").text
        consent = form.split('name="consent"')[1].split("</button>")[0]
        assert f'href="/privacy/2026-11?lang={language}"' in consent


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_the_version_keeps_its_own_order_in_right_to_left_text(client, language):
    own, _ = notice_in(client, language)
    assert '<bdi dir="ltr" class="ltr">2026-11</bdi>' in own, "2026-11 must not read 11-2026"
    form = client.get(f"/apply?role=participant&lang={language}").text
    assert '<bdi dir="ltr" class="ltr">2026-11</bdi>' in form
