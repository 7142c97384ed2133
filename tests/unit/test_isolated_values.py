"""Numbers, addresses and links keep their own order inside Arabic and Persian messages: in
plain text between the isolates LRI … PDI, in HTML in a left-to-right element; never in a
left-to-right language, where they would only cost (services/shared/writing.py)."""
import pytest

from services.notifications import gsm
from services.notifications.samples import INTERVIEW, SAMPLES
from services.notifications.templates import render, render_sms
from services.shared import writing

LRI, PDI = "\u2066", "\u2069"
NUMBER = "+32 470 12 34 56"
BY_PHONE = {"first_name": "Amina", **INTERVIEW, "mode": "phone", "location": NUMBER}
LINK = "https://samenoppad.example/status/" + "x" * 43


@pytest.mark.parametrize("language, direction", [
    ("ar", "rtl"), ("fa", "rtl"), ("fa-IR", "rtl"), ("nl", "ltr"), ("en", "ltr"), ("fr", "ltr"),
    ("uk", "ltr"), ("ti", "ltr"), (None, "ltr")])
def test_only_arabic_and_persian_of_the_programme_s_languages_are_written_right_to_left(language, direction):
    assert writing.direction(language) == direction, "Tigrinya's Ge'ez script runs left to right"


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_a_phone_number_in_a_right_to_left_email_is_isolated_in_text_and_html(language):
    message = render("intake_invitation", language, BY_PHONE, with_dutch=True)
    own, dutch = message.text.split("— In het Nederlands —")
    assert f"{LRI}{NUMBER}{PDI}" in own
    assert LRI not in dutch and NUMBER in dutch, "the Dutch text below needs no isolates"
    assert f'<span dir="ltr" style="white-space: nowrap">{NUMBER}</span>' in message.html
    assert LRI not in message.html and PDI not in message.html, "the element replaces the characters"


@pytest.mark.parametrize("language", ["nl", "en", "fr", "uk", "ti"])
def test_a_left_to_right_message_has_no_isolates(language):
    message = render("intake_invitation", language, BY_PHONE)
    assert NUMBER in message.text and not set(writing.ISOLATES) & set(message.text)
    assert 'dir="ltr"' in message.html and '<span dir="ltr"' not in message.html


def test_a_link_in_an_arabic_email_is_left_to_right_in_html_and_bare_in_text():
    """Bare in the text: a program that makes links of addresses would take an isolate into
    the link (and break it); its own letters keep it in order."""
    context = {"first_name": "Amina", **SAMPLES["application_received"], "status_url": LINK,
               "opt_out_url": "https://samenoppad.example/stop/t0k"}
    message = render("application_received", "ar", context)
    assert f"\n{LINK}\n" in message.text and message.text.endswith("؟ https://samenoppad.example/stop/t0k")
    assert f'<span dir="ltr"><a href="{LINK}">{LINK}</a></span>' in message.html, \
        "no nowrap: a link can be wider than a phone's screen"


def test_an_arabic_text_message_isolates_a_latin_name_and_is_counted_with_the_isolates():
    sms = render_sms("introduction_invitation", "ar", {"first_name": "Amina", **SAMPLES["introduction_invitation"]}, LINK)
    subject, link = sms.text.split("\n")
    assert f"{LRI}Lotte{PDI}" in subject and link == LINK, "the link has a line of its own"
    assert gsm.encoding(sms.text) == gsm.UCS2
    assert gsm.length(sms.text) == len(sms.text), "each isolate is one UTF-16 unit"
    assert gsm.segments(sms.text) == (1 if len(sms.text) <= 70 else -(-len(sms.text) // 67))


def test_a_dutch_text_message_has_no_isolates_and_stays_one_gsm_segment():
    sms = render_sms("introduction_invitation", "nl", {"first_name": "Amina", **SAMPLES["introduction_invitation"]}, LINK)
    assert not set(writing.ISOLATES) & set(sms.text) and "Lotte" in sms.text
    assert (gsm.encoding(sms.text), gsm.segments(sms.text)) == (gsm.GSM, 1)


def test_a_text_shortened_inside_an_isolated_value_closes_the_isolate():
    text = "نلتقي مع " + writing.isolated("Lotte " * 40, "ar")
    body = gsm.within(text, f"\n{LINK}", most_segments=2)
    first_line = body.split("\n")[0]
    assert first_line.count(LRI) == first_line.count(PDI) == 1 and gsm.segments(body) <= 2


@pytest.mark.parametrize("value, expected", [
    (NUMBER, f"{LRI}{NUMBER}{PDI}"), ("amina@example.org", f"{LRI}amina@example.org{PDI}"),
    ("ሰላም", f"{LRI}ሰላም{PDI}"), ("أمينة", "أمينة"), ("", ""), (None, ""), (60, f"{LRI}60{PDI}"),
    (LINK, LINK)])
def test_only_left_to_right_values_are_isolated_in_right_to_left_text(value, expected):
    assert writing.isolated(value, "ar") == expected
    assert writing.isolated(value, "nl") == ("" if value is None else str(value))
