"""Every message template renders in every language it has, right-to-left where needed."""
import pytest

from services.notifications.templates import TEMPLATES, languages_of, linkify, render

SAMPLE = {"first_name": "Amina", "role": "participant",
          "status_url": "http://127.0.0.1:8000/status/abc"}
ALL = [(t.name, lang) for t in sorted(TEMPLATES.iterdir()) if t.is_dir()
       for lang in languages_of(t.name)]


def test_the_first_messages_exist_in_the_first_languages():
    assert {"nl", "en", "fr", "ar", "uk"} <= set(languages_of("application_received"))


@pytest.mark.parametrize("template, language", ALL)
def test_every_template_renders_in_every_language(template, language):
    message = render(template, language, SAMPLE)
    assert message.subject and "\n" not in message.subject
    assert "Amina" in message.text and SAMPLE["status_url"] in message.text
    assert f'<a href="{SAMPLE["status_url"]}">' in message.html
    assert message.languages == (language,)
    expected_direction = 'dir="rtl"' if language == "ar" else 'dir="ltr"'
    assert f'<html lang="{language}" {expected_direction}>' in message.html


def test_a_newcomer_gets_the_dutch_text_below_their_own():
    message = render("application_received", "uk", SAMPLE, with_dutch=True)
    assert message.languages == ("uk", "nl")
    own, dutch = message.text.split("— In het Nederlands —")
    assert "Вітаємо" in own and "Dag Amina" in dutch
    assert '<section lang="nl" dir="ltr"' in message.html


def test_a_language_without_a_translation_falls_back_to_english():
    message = render("application_received", "ti", SAMPLE)
    assert message.languages == ("en",) and message.subject.startswith("We received")


def test_text_from_people_is_escaped_in_html():
    html = str(linkify('<script>alert(1)</script> see https://example.org/?a=1&b=2'))
    assert "<script>" not in html
    assert '<a href="https://example.org/?a=1&amp;b=2">' in html
