"""Which way a language is written, and keeping left-to-right values whole inside it.

Arabic and Persian are written right to left; Tigrinya (Ge'ez script), like every other
language the programme speaks, left to right. Inside right-to-left text the Unicode
bidirectional algorithm reorders the runs of a phone number, an address or a link: "+32 470
12 34 56" shows as "56 34 12 470 32+". A value is therefore isolated: in HTML with an element
(`gateway/writing.py`), in plain text (emails, text messages) with the isolate characters
LRI … PDI (Unicode 6.3, UAX #9), which every current phone and mail program honours. Only in
right-to-left text: elsewhere they are invisible characters that would only cost (an SMS in a
Latin-script language must stay in the GSM alphabet, `notifications/gsm.py`).

A web address is the exception in plain text: the programs that make links of addresses in a
text (Android's among them) count such invisible characters as part of the address, and the
link would break. It needs no isolate either: its letters make it one left-to-right run, and
our messages give it a line of its own or the end of one. In HTML it is an element like the rest.
"""
import re

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ps", "ur", "ckb"})
LRI, PDI = "\u2066", "\u2069"  # LEFT-TO-RIGHT ISOLATE, POP DIRECTIONAL ISOLATE
ISOLATES = "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
# Hebrew, Arabic, Syriac, Thaana, N'Ko … and the Hebrew and Arabic presentation forms
_RIGHT_TO_LEFT_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_WEB_ADDRESS = re.compile(r"https?://\S+")


def right_to_left(language: str | None) -> bool:
    """Whether `language` (an ISO 639 code, a region may follow: 'fa-IR') is written right
    to left."""
    return (language or "").split("-")[0].split("_")[0].lower() in RIGHT_TO_LEFT


def direction(language: str | None) -> str:
    """The HTML `dir` of text in `language`: 'rtl' or 'ltr'."""
    return "rtl" if right_to_left(language) else "ltr"


def left_to_right_value(value: str) -> bool:
    """A value that holds no right-to-left letter (a number, an address, a link, a name in
    Latin or Ge'ez script) and so must keep its own order inside right-to-left text."""
    return bool(value.strip()) and not _RIGHT_TO_LEFT_LETTER.search(value)


def isolated(value, language: str | None) -> str:
    """`value` as plain text in a message in `language`: between LRI and PDI when the
    language is right to left and the value is left to right, else unchanged."""
    return kept_left_to_right(value) if right_to_left(language) else ("" if value is None else str(value))


def kept_left_to_right(value) -> str:
    """`value` as plain text inside right-to-left text: between LRI and PDI when it is
    left to right, unless it is a web address (a Jinja `finalize` for right-to-left templates)."""
    text = "" if value is None else str(value)
    if left_to_right_value(text) and not _WEB_ADDRESS.fullmatch(text):
        return f"{LRI}{text}{PDI}"
    return text


def balanced(text: str) -> str:
    """`text` cut short somewhere: a PDI added for each isolate it opened and did not close,
    so what follows is not pulled into the isolate."""
    opened = sum(text.count(c) for c in ISOLATES[:3]) - text.count(PDI)
    return text + PDI * max(opened, 0)
