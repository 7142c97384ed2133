"""Field types shared by several contracts."""
import re
import unicodedata

import phonenumbers
from babel import localedata
from marshmallow import ValidationError, fields, validate

from services.shared.wire.vocabulary import DECISIONS, ROLES  # noqa: F401 - re-exported
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# NUL cannot be stored in PostgreSQL text, and a lone surrogate cannot be encoded in UTF-8;
# both can arrive as JSON escapes (\u0000, \ud800)
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
_CONTROL_BUT_LINES = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _storable(text: str) -> str:
    if _UNSTORABLE.search(text):
        raise ValidationError("Contains characters that cannot be stored.")
    return text


def role():
    return fields.String(required=True, validate=validate.OneOf(ROLES))


def language():
    """An ISO 639-1 code, e.g. nl, ar, uk."""
    return fields.String(required=True, validate=validate.Regexp(r"^[a-z]{2}$"))


class Text(fields.String):
    """A single line of text: trimmed, not blank, no control characters, bounded length."""

    def __init__(self, max_length=200, **kwargs):
        metadata = {"pattern": r"^[^\x00-\x1f\x7f]*\S[^\x00-\x1f\x7f]*$"}
        super().__init__(validate=validate.Length(min=1, max=max_length),
                         metadata={**metadata, **kwargs.pop("metadata", {})}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = _storable(super()._deserialize(value, attr, data, **kwargs)).strip()
        if not text:
            raise ValidationError("This cannot be empty.")
        if _CONTROL.search(text):
            raise ValidationError("Use a single line without control characters.")
        return text


class LongText(fields.String):
    """Free text over several lines: trimmed, not blank, bounded length."""

    def __init__(self, max_length=4000, **kwargs):
        super().__init__(validate=validate.Length(min=1, max=max_length), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = _storable(super()._deserialize(value, attr, data, **kwargs)).strip()
        if not text:
            raise ValidationError("This cannot be empty.")
        if _CONTROL_BUT_LINES.search(text):
            raise ValidationError("Contains characters that cannot be stored.")
        return text


class Language(fields.String):
    """An ISO 639-1 language code that exists, normalised to lower case."""

    def __init__(self, **kwargs):
        metadata = {"pattern": "^[A-Za-z]{2}$", "example": "ar",
                    "description": "ISO 639-1 code of a known language, e.g. nl, ar, uk"}
        super().__init__(metadata={**metadata, **kwargs.pop("metadata", {})}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip().lower()
        if not re.fullmatch(r"[a-z]{2}", code) or not localedata.exists(code):
            raise ValidationError("Not a known ISO 639-1 language code (e.g. nl, en, ar).")
        return code


# the examples stay apart from the sentence, so the gateway can translate the sentence and
# show each number left to right inside Arabic or Persian (gateway/vocabulary.py)
PHONE_EXAMPLES = {"local": "0470 12 34 56", "international": "+32 470 12 34 56"}
INVALID_PHONE = "Not a valid phone number, e.g. %(local)s or %(international)s."


class Phone(fields.String):
    """A phone number as people type it — in any script's digits (Arabic-Indic, Persian), with
    spaces, dots, slashes, brackets or invisible direction marks, local (Belgian) or
    international — stored in E.164 (+32470123456). Parsed and checked by Google's
    libphonenumber rules (the `phonenumbers` package), which know every country's plan."""

    def __init__(self, max_length=40, **kwargs):
        metadata = {"example": PHONE_EXAMPLES["local"], "maxLength": max_length,
                    "description": "as typed; a number without a country code is Belgian; stored as E.164"}
        super().__init__(validate=validate.Length(max=max_length),
                         metadata={**metadata, **kwargs.pop("metadata", {})}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        number = e164(super()._deserialize(value, attr, data, **kwargs))
        if number is None:
            raise ValidationError(INVALID_PHONE % PHONE_EXAMPLES)
        return number


def e164(typed: str) -> str | None:
    """A phone number as people type it (see Phone) in E.164 (+32470123456); None when it is
    not a valid number. A number without a country code is Belgian."""
    try:
        number = phonenumbers.parse(ascii_digits(visible(typed)), "BE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def visible(text: str) -> str:
    """`text` with the invisible marks a keyboard or a copy adds (direction marks, joiners,
    no-break spaces) turned into plain spaces."""
    return _INVISIBLE.sub(" ", text)


# direction marks, joiners and no-break spaces that a phone's keyboard or a copy adds unseen
_INVISIBLE = re.compile("[\u00a0\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
TEXTABLE = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit of any script (٤, ۴, ४) as its ASCII digit."""
    return "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in text)


def can_receive_texts(e164: str) -> bool:
    """Whether a (valid, E.164) number can receive text messages: a mobile number, or one
    whose country does not tell mobiles from landlines (e.g. the United States)."""
    return phonenumbers.number_type(phonenumbers.parse(e164)) in TEXTABLE
