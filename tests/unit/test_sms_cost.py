"""What a text message costs (services/notifications/gsm.py), with the right counts."""
import pytest

from services.notifications import gsm
from services.notifications.samples import SAMPLES
from services.notifications.templates import render_sms

LINK = "https://samenoppad.example/status/" + "x" * 43


def test_typography_and_missing_accents_are_written_with_the_nearest_gsm_character():
    assert gsm.fitted("Rappel : votre entretien d’accueil a lieu demain – Samen op pad") == \
        "Rappel : votre entretien d'accueil a lieu demain - Samen op pad"
    assert gsm.fitted("Nous avons bien reçu… « À bientôt »") == 'Nous avons bien recu... " A bientot "'
    assert gsm.fitted("Café, élève, Ä, ñ") == "Café, élève, Ä, ñ", "what GSM has stays"


@pytest.mark.parametrize("text", ["لقد استلمنا طلبك – Samen op pad", "Ми отримали вашу заявку", "ሰላም – Amina"])
def test_a_text_that_cannot_fit_is_left_as_it_is(text):
    assert gsm.fitted(text) == text and gsm.encoding(text) == gsm.UCS2


@pytest.mark.parametrize("text, encoding, segments", [
    ("a" * 160, "GSM-7", 1), ("a" * 161, "GSM-7", 2), ("a" * 306, "GSM-7", 2), ("a" * 307, "GSM-7", 3),
    ("€" * 80, "GSM-7", 1), ("€" * 81, "GSM-7", 2),  # each € takes two septets
    ("ب" * 70, "UCS-2", 1), ("ب" * 71, "UCS-2", 2), ("ب" * 134, "UCS-2", 2), ("ب" * 135, "UCS-2", 3),
])
def test_segments_are_counted_as_the_networks_count_them(text, encoding, segments):
    assert (gsm.encoding(text), gsm.segments(text)) == (encoding, segments)


def test_a_long_text_is_shortened_never_its_link():
    body = gsm.within("ب" * 400, f"\n{LINK}", most_segments=3)
    assert body.endswith(f"\n{LINK}") and gsm.segments(body) <= 3 and "..." in body


@pytest.mark.parametrize("language", ["nl", "en", "fr"])
@pytest.mark.parametrize("template", sorted(SAMPLES))
def test_every_text_message_in_dutch_english_and_french_is_one_gsm_segment(template, language):
    rendered = render_sms(template, language, {"first_name": "Amina", **SAMPLES[template]}, LINK)
    assert (gsm.encoding(rendered.text), gsm.segments(rendered.text)) == ("GSM-7", 1), rendered.text
