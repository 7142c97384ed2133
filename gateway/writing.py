"""Values in pages: a phone number, an email address, a link or a reference is shown left to
right and whole, whatever the page's direction; a date in the reader's language is kept on
one line. Every public template prints such a value through these filters, and a translated
sentence takes it as a placeholder (never the value itself in the msgid, where a translator
would have to type it, or turn it around, in Arabic). The reasons: services/shared/writing.py.
"""
from markupsafe import Markup, escape


def ltr(value, wrap: bool = False) -> Markup:
    """`value` isolated left to right (`<bdi dir="ltr">`), on one line (`.ltr` is nowrap)
    unless `wrap`: a link or an address may be wider than a phone's screen."""
    if value is None or value == "":
        return Markup("")
    classes = "ltr wrap" if wrap else "ltr"
    return Markup('<bdi dir="ltr" class="{}">{}</bdi>').format(classes, escape(value))


def unbroken(value) -> Markup:
    """`value` in the page's language (a date, a moment) isolated and on one line."""
    return Markup('<bdi class="unbroken">{}</bdi>').format(escape(value))


def with_values(sentence: str, values: dict) -> Markup:
    """A translated `sentence` with %(name)s placeholders, each filled with its value
    isolated left to right (`sentence` is trusted: it comes from the catalogue)."""
    return Markup(escape(sentence)) % {name: ltr(value) for name, value in values.items()}
