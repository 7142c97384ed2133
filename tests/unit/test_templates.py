"""Every message template renders in every language it has, right-to-left where needed."""
import pytest

from services.notifications.samples import INTERVIEW, SAMPLES
from services.notifications.templates import TEMPLATES, languages_of, linkify, render, render_sms

LANGUAGES = {"nl", "en", "fr", "ar", "uk", "fa", "ti"}
TEMPLATE_NAMES = sorted(t.name for t in TEMPLATES.iterdir() if t.is_dir() and not t.name.startswith("_"))
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


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_a_text_message_is_the_subject_and_one_link_never_the_details(language):
    sms = render_sms("intake_invitation", language, {"first_name": "Amina", **INTERVIEW},
                     "http://127.0.0.1:8000/status/abc")
    assert sms.text.endswith("\nhttp://127.0.0.1:8000/status/abc") and sms.text.count("\n") == 1
    assert "Huis van de Wereld" not in sms.text and "Amina" not in sms.text
    assert len(sms.text) <= 160, "one SMS, or close to it"


def test_every_email_says_how_to_stop_in_the_reader_s_language():
    context = {"first_name": "Amina", **SAMPLES["duo_formed"], "opt_out_url": "http://127.0.0.1:8000/stop/t0k"}
    arabic = render("duo_formed", "ar", context, with_dutch=True)
    assert "لا تريد تلقي رسائل" in arabic.text and "http://127.0.0.1:8000/stop/t0k" in arabic.text
    assert '<a href="http://127.0.0.1:8000/stop/t0k">' in arabic.html


@pytest.mark.parametrize("language", ["nl", "en", "fr", "ar", "uk", "fa", "ti"])
def test_the_end_of_a_duo_with_an_erased_partner_names_nobody_and_leaves_no_gap(language):
    """Found by trying: "Het traject van jou en  is beëindigd." after the partner was erased."""
    told = render("duo_ended", language, {"first_name": "Jan", "partner_first_name": "", "role": "buddy",
                                          "reason": "erased"})
    body = told.text.split("\n\n— ")[0]  # their own language's part
    assert "  " not in body and " ." not in body and " ።" not in body, body
    if language == "nl":
        assert "Jullie traject is beëindigd." in body
