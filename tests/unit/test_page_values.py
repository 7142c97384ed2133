"""Values in the public pages keep their own order: a phone number in an Arabic error message
is a placeholder of the translation, shown in a left-to-right element; Tigrinya pages run
left to right; the Ge'ez font is served (gateway/writing.py, static/fonts)."""
import re
import uuid

import pytest
from babel.messages.pofile import read_po

from gateway import create_app
from gateway.i18n import PUBLIC_LANGUAGES, TRANSLATIONS

NUMBER = '<bdi dir="ltr" class="ltr">+32 470 12 34 56</bdi>'
# a phone number, an email address or a web address typed into a sentence to translate
VALUE_IN_TEXT = re.compile(r"\+?\d{2,4}[ ./]\d{2,3}[ ./]\d{2}|\w@\w|https?://|www\.")


@pytest.fixture(scope="module")
def client():
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": f"test-{uuid.uuid4().hex}"}})
    return app.test_client()


@pytest.mark.parametrize("language, sentence", [
    ("ar", "هذا ليس رقم هاتف صالحًا، مثلًا {local} أو {international}."),
    ("fa", "این شماره تلفن معتبر نیست؛ مثلاً {local} یا {international}."),
    ("nl", "Dit is geen geldig telefoonnummer, bv. {local} of {international}.")])
def test_the_phone_numbers_of_a_translated_error_are_shown_left_to_right(client, language, sentence):
    answer = client.post(f"/apply?lang={language}", data={
        "role": "participant", "first_name": "Amina", "last_name": "Haddad", "language": language,
        "phone": "12", "channel": "sms", "consent": "yes"})
    assert answer.status_code == 422
    expected = sentence.format(local='<bdi dir="ltr" class="ltr">0470 12 34 56</bdi>', international=NUMBER)
    assert f'<span class="error" id="phone-error">{expected}</span>' in answer.text


@pytest.mark.parametrize("language", sorted(PUBLIC_LANGUAGES))
def test_only_arabic_and_persian_pages_run_right_to_left_and_each_language_link_has_its_own_direction(client, language):
    page = client.get(f"/apply?role=buddy&lang={language}").text
    expected = "rtl" if language in ("ar", "fa") else "ltr"
    assert f'<html lang="{language}" dir="{expected}">' in page
    assert 'lang="ar" dir="rtl"' in page and 'lang="ti" dir="ltr"' in page and 'lang="nl" dir="ltr"' in page


@pytest.mark.parametrize("language", ["nl", "fr", "ar", "uk", "fa", "ti"])
def test_no_translation_holds_a_phone_number_an_address_or_a_link(language):
    """They come in as placeholders, so the page can keep them left to right."""
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        typed = [m.id for m in read_po(po) if m.id and VALUE_IN_TEXT.search(f"{m.id} {m.string}")]
    assert typed == []


def test_the_ge_ez_font_and_its_licence_are_served_and_declared_for_tigrinya(client):
    font = client.get("/static/fonts/NotoSansEthiopic-Regular.woff2")
    assert font.status_code == 200 and font.data[:4] == b"wOF2" and len(font.data) < 100_000
    assert "SIL OPEN FONT LICENSE Version 1.1" in client.get("/static/fonts/OFL.txt").text
    css = client.get("/static/style.css").text
    assert 'src: url("fonts/NotoSansEthiopic-Regular.woff2") format("woff2"); unicode-range: U+1200-137F;' in css
    assert re.search(r':lang\(ti\) \{ font-family: "Noto Sans Ethiopic"', css)
