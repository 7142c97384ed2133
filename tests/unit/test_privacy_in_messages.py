"""Every message links the privacy notice in the reader's language: the email's last lines,
and a text message's last line, without ever costing more segments than SMS_MAX_SEGMENTS."""
from types import SimpleNamespace

import pytest

from services.notifications import deliveries, gsm
from services.notifications.samples import SAMPLES
from services.notifications.templates import render, render_sms

BASE = "https://samenoppad.sint-truiden.be"
STATUS = f"{BASE}/status/" + "x" * 43  # as long as a real one
LANGUAGES = ["nl", "en", "fr", "ar", "uk", "fa", "ti"]
SAYS = {"nl": "Hoe we met je gegevens omgaan", "en": "How we handle your data",
        "fr": "Comment nous traitons vos données", "ar": "كيف نتعامل مع بياناتك",
        "uk": "Як ми поводимося з вашими даними", "fa": "نحوهٔ استفادهٔ ما از اطلاعات شما",
        "ti": "ብሓበሬታኹም ብኸመይ ከም እንሕዝ"}


def context(template: str) -> dict:
    return {"first_name": "Amina", **SAMPLES[template], "opt_out_url": f"{BASE}/stop/t0k",
            "privacy_url": f"{BASE}/privacy"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_email_ends_with_the_privacy_notice_in_the_reader_s_language(language):
    email = render("duo_formed", language, context("duo_formed"), with_dutch=True)
    own = email.text.split("\n\n— In het Nederlands —")[0]
    last = own.rsplit("\n", 1)[-1]
    assert last.startswith(SAYS[language]) and last.endswith(f" {BASE}/privacy?lang={language}")
    assert f'<a href="{BASE}/privacy?lang={language}">' in email.html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", sorted(SAMPLES))
def test_a_text_message_keeps_both_links_within_the_segment_limit(template, language):
    rendered = render_sms(template, language, context(template), STATUS)
    sent = deliveries.sized_sms(SimpleNamespace(body_text=rendered.text, row=SimpleNamespace(id="x")), 3)
    assert sent == rendered.text, "the whole of it: nothing shortened, no link left out"
    assert sent.endswith(f"\n{STATUS}\n{BASE}/privacy?lang={language}") and gsm.segments(sent) <= 3


def test_when_everything_cannot_fit_the_privacy_link_gives_way_before_the_subject_is_cut():
    rendered = render_sms("application_received", "ar", context("application_received"), STATUS)
    sent = deliveries.sized_sms(SimpleNamespace(body_text=rendered.text, row=SimpleNamespace(id="x")), 2)
    assert sent == f"{rendered.subject}\n{STATUS}" and gsm.segments(sent) <= 2
    tight = deliveries.sized_sms(SimpleNamespace(body_text=rendered.text, row=SimpleNamespace(id="x")), 1)
    assert tight.endswith(f"...\n{STATUS}"), "below that, the subject is shortened; never a link"
