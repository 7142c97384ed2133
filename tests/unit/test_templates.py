"""Every message template renders in every language it has, right-to-left where needed."""
from datetime import datetime, timedelta, timezone

import pytest

from services.notifications.templates import TEMPLATES, languages_of, linkify, render

LANGUAGES = {"nl", "en", "fr", "ar", "uk", "fa", "ti"}
WHEN = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
INTERVIEW = {"starts_at": WHEN, "mode": "in_person", "location": "Huis van de Wereld",
             "minutes": 60, "reason": None}
SAMPLES = {
    "application_received": {"role": "participant", "status_url": "http://127.0.0.1:8000/status/abc"},
    "intake_invitation": INTERVIEW, "intake_moved": INTERVIEW, "intake_cancelled": INTERVIEW,
    "screening_decision": {"decision": "approved", "feedback": "Tot snel!", "role": "buddy"},
    "buddy_invitation": {"invitation_url": "http://127.0.0.1:8000/account/setup/xyz",
                         "expires_at": WHEN + timedelta(days=14)},
    **{name: {"role": "participant", "partner_first_name": "Lotte", "reason": "completed",
              "info_pack_url": "http://127.0.0.1:8000/info?lang=ar", "starts_at": WHEN,
              "location": "Huis van de Wereld", "planned_end_on": (WHEN + timedelta(days=182)).date()}
       for name in ("match_proposed", "introduction_invitation", "match_declined", "duo_formed", "duo_ended")},
}
TEMPLATE_NAMES = sorted(t.name for t in TEMPLATES.iterdir() if t.is_dir())
ALL = [(name, language) for name in TEMPLATE_NAMES for language in languages_of(name)]


def test_every_template_exists_in_the_programme_s_languages():
    assert set(SAMPLES) == set(TEMPLATE_NAMES), "a sample for each template"
    for name in TEMPLATE_NAMES:
        assert set(languages_of(name)) >= LANGUAGES, name


@pytest.mark.parametrize("template, language", ALL)
def test_every_template_renders_in_every_language(template, language):
    message = render(template, language, {"first_name": "Amina", **SAMPLES[template]})
    assert message.subject and "\n" not in message.subject
    assert "Amina" in message.text and "{{" not in message.text and "{%" not in message.text
    assert message.languages == (language,)
    expected_direction = 'dir="rtl"' if language in ("ar", "fa") else 'dir="ltr"'
    assert f'<html lang="{language}" {expected_direction}>' in message.html
    for link in ("status_url", "invitation_url", "info_pack_url"):
        if link in SAMPLES[template] and SAMPLES[template][link] in message.text:
            assert f'<a href="{SAMPLES[template][link]}">' in message.html


@pytest.mark.parametrize("decision", ["approved", "waitlisted", "rejected"])
def test_each_decision_says_something_different_and_passes_on_the_feedback(decision):
    message = render("screening_decision", "en", {"first_name": "Jan", "decision": decision,
                                                  "feedback": "We will call you.", "role": "participant"})
    assert {"approved": "approved", "waitlisted": "waiting list",
            "rejected": "cannot offer"}[decision] in message.text
    assert "We will call you." in message.text


def test_an_interview_time_is_written_the_reader_s_way_in_sint_truiden_s_time():
    assert "donderdag 3 december 2026, 10:00" in render("intake_invitation", "nl", {
        "first_name": "Lotte", **INTERVIEW}).text
    assert "3 грудня 2026" in render("intake_invitation", "uk", {"first_name": "O", **INTERVIEW}).text


def test_a_newcomer_gets_the_dutch_text_below_their_own():
    message = render("application_received", "uk", {"first_name": "Amina", **SAMPLES[
        "application_received"]}, with_dutch=True)
    assert message.languages == ("uk", "nl")
    own, dutch = message.text.split("— In het Nederlands —")
    assert "Вітаємо" in own and "Dag Amina" in dutch
    assert '<section lang="nl" dir="ltr"' in message.html


def test_a_language_without_a_translation_falls_back_to_english():
    message = render("application_received", "so", {"first_name": "Amina", **SAMPLES[
        "application_received"]})
    assert message.languages == ("en",) and message.subject.startswith("We received")


def test_text_from_people_is_escaped_in_html():
    html = str(linkify('<script>alert(1)</script> see https://example.org/?a=1&b=2'))
    assert "<script>" not in html
    assert '<a href="https://example.org/?a=1&amp;b=2">' in html


@pytest.mark.parametrize("template", ["match_proposed", "introduction_invitation", "duo_formed"])
def test_matching_messages_name_the_partner_and_link_the_info_pack(template):
    for role in ("buddy", "participant"):
        message = render(template, "nl", {"first_name": "Amina", **SAMPLES[template], "role": role})
        assert "Lotte" in message.text and "http://127.0.0.1:8000/info?lang=ar" in message.text
