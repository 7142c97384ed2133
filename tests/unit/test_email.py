"""The email a delivery becomes: parts, headers, and no way to inject a header."""
import pytest

from services.notifications.mailer import SmtpSettings, build_email
from services.notifications.models import Delivery
from services.notifications.templates import render

SETTINGS = SmtpSettings(host="127.0.0.1", port=1025, sender="samenoppad@sint-truiden.example")


def a_delivery(**overrides) -> Delivery:
    message = render("application_received", "ar",
                     {"first_name": "Amina", "role": "participant", "status_url": "http://x/s/1"},
                     with_dutch=True)
    return Delivery(id="0b7c6d58-0000-4000-8000-000000000001", recipient="amina@example.org",
                    subject=message.subject, body_text=message.text, body_html=message.html,
                    content_language=", ".join(message.languages), **overrides)


def test_the_email_has_text_and_html_and_names_its_languages():
    email = build_email(SETTINGS, a_delivery())
    assert email["Content-Language"] == "ar, nl"
    assert email["To"] == "amina@example.org"
    assert email["Message-ID"] == "<0b7c6d58-0000-4000-8000-000000000001@sint-truiden.example>"
    assert email.get_body(("plain",)).get_content().startswith("مرحبًا \u2066Amina\u2069")  # isolated
    assert 'dir="rtl"' in email.get_body(("html",)).get_content()


def test_a_line_break_in_a_header_value_is_refused_not_sent():
    with pytest.raises(ValueError):
        build_email(SETTINGS, a_delivery(), display_name="Amina\r\nBcc: everyone@example.org")
