"""What the digital counter accepts, and the message for each thing it does not."""
import pytest
from marshmallow import ValidationError

from services.shared.wire.applications import ApplicationFilter, ApplicationSubmission, ScreeningInput
from tests.support.builders import an_application


def load(**overrides):
    return ApplicationSubmission().load(an_application(**overrides))


def problems(**overrides) -> dict:
    with pytest.raises(ValidationError) as raised:
        load(**overrides)
    return raised.value.messages


def test_a_complete_application_is_accepted_and_tidied():
    data = load(first_name="  Amina ", language="AR", phone="0470 12 34 56")
    assert data["first_name"] == "Amina" and data["language"] == "ar"
    assert data["phone"] == "+32470123456"


@pytest.mark.parametrize("phone, normalised", [
    ("0470/12.34.56", "+32470123456"), ("+32 470 12 34 56", "+32470123456"),
    ("0031 6 12345678", "+31612345678"), ("(011) 23 45 67", "+3211234567"),
])
def test_phone_numbers_are_kept_in_international_form(phone, normalised):
    assert load(phone=phone)["phone"] == normalised


@pytest.mark.parametrize("typed", [
    "0470 12 34 56", "+32 (0)470-12-34-56", "0032.470.12.34.56", "0470/123456",  # four notations
    "٠٤٧٠ ١٢ ٣٤ ٥٦",  # Arabic-Indic digits
    "۰۴۷۰ ۱۲ ۳۴ ۵۶",  # Persian digits
    "\u200e+32\u00a0470\u200f 12 34 56",  # invisible direction marks and a no-break space
])
def test_a_phone_typed_any_way_in_any_script_is_one_number(typed):
    assert load(phone=typed)["phone"] == "+32470123456"


@pytest.mark.parametrize("typed", ["12", "0470 12 34", "+32 470 12 34 56 78 90", "call me", "+999 123 456 789"])
def test_a_phone_that_is_no_number_anywhere_is_refused(typed):
    assert problems(phone=typed)["phone"] == ["Not a valid phone number, e.g. 0470 12 34 56 or +32 470 12 34 56."]


def test_a_landline_cannot_be_the_channel_for_text_messages():
    landline = "This number cannot receive text messages: give a mobile number, or choose email."
    assert problems(phone="011 12 34 56", channel="sms") == {"phone": [landline]}
    assert load(phone="011 12 34 56", channel="email")["phone"] == "+3211123456", "a landline to call is fine"
    assert load(phone="+33 6 12 34 56 78", channel="sms")["phone"] == "+33612345678", "a French mobile is"


@pytest.mark.parametrize("field, value, message", [
    ("role", "visitor", "Must be one of: buddy, participant."),
    ("first_name", "   ", "This cannot be empty."),
    ("last_name", "Haddad\r\nBcc: x@y.z", "Use a single line without control characters."),
    ("email", "amina@", "Not a valid email address."),
    ("phone", "12", "Not a valid phone number, e.g. 0470 12 34 56 or +32 470 12 34 56."),
    ("language", "xx", "Not a known ISO 639-1 language code (e.g. nl, en, ar)."),
    ("language", "arabic", "Not a known ISO 639-1 language code (e.g. nl, en, ar)."),
    ("consent", False, "Agree to the privacy notice to apply."),
    ("first_name", "x" * 101, "Length must be between 1 and 100."),
])
def test_each_problem_has_its_own_message(field, value, message):
    assert problems(**{field: value})[field] == [message]


def test_an_applicant_must_be_reachable_by_email_or_phone():
    reachable = "Give an email address or a phone number, so we can reach you."
    assert problems(email=None, phone=None) == {"email": [reachable], "phone": [reachable]}
    assert load(email=None, phone="0470123456")["email"] is None


def test_unknown_fields_are_refused_rather_than_ignored():
    assert problems(nationality="x") == {"nationality": ["Unknown field."]}


@pytest.mark.parametrize("text", ["a\x00b", "S@\ud949", "tab\x07bell"])
def test_text_that_cannot_be_stored_is_refused_with_a_message(text):
    with pytest.raises(ValidationError) as raised:
        ScreeningInput().load({"decision": "approved", "reason": text})
    assert raised.value.messages["reason"] == ["Contains characters that cannot be stored."]
    assert "last_name" in problems(last_name=text)


def test_a_reason_may_span_lines():
    assert ScreeningInput().load({"decision": "approved", "reason": "one\r\ntwo\tthree"})


def test_the_inbox_cannot_be_paged_beyond_reason():
    with pytest.raises(ValidationError):
        ApplicationFilter().load({"offset": 600428368951269550928691200})


def test_a_screening_decision_needs_a_known_decision_and_a_reason():
    with pytest.raises(ValidationError) as raised:
        ScreeningInput().load({"decision": "maybe", "reason": " "})
    assert set(raised.value.messages) == {"decision", "reason"}
    assert ScreeningInput().load({"decision": "waitlisted", "reason": " later "})["reason"] == "later"
