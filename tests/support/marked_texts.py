"""Finding untranslated text on a rendered page. The gateway reads catalogues in which every
translated text is marked ⟦…⟧; whatever a page shows outside the marks must then be data (a
name, an email, a date) — a word that is neither came from the code untranslated, and a code
(`intake_planned`, `ar`) shown as it is stored is what people must never see."""
import re
from html.parser import HTMLParser
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po, write_po
from sqlalchemy import text

from gateway.i18n import TRANSLATIONS

OPEN, CLOSE = "⟦", "⟧"
INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
# a translation the page shows only the first part of ("a guide" of "a guide: someone who…")
CUT = re.compile(f"{OPEN}[^{OPEN}{CLOSE},;)]*")
WORD = re.compile(r"[^\W\d_]{2,}")
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}


def _marked(form: str) -> str:
    return f"{OPEN}{form}{CLOSE}" if form else form


def write_marked_catalogues(directory: Path):
    """nl: each Dutch translation marked; en: each English source marked as its own text."""
    for language in ("nl", "en"):
        with open(TRANSLATIONS / "nl" / "LC_MESSAGES" / "messages.po", "rb") as po:
            catalog = read_po(po, locale=language)
        for message in catalog:
            if not message.id:
                continue
            source = message.string if language == "nl" else message.id
            message.string = (tuple(_marked(form) for form in source) if isinstance(source, tuple)
                              else _marked(source))
        target = directory / language / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        with open(target / "messages.po", "wb") as po:
            write_po(po, catalog)


class _VisibleText(HTMLParser):
    """Text nodes and visible attributes, outside <script> and <style>, and outside <code>:
    what the operator is shown as an identifier to type (a handler's name) is code on purpose."""

    def __init__(self):
        super().__init__()
        self.texts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style", "code")
        attributes = dict(attrs)
        self.texts += [value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value]
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.texts.append(attributes["value"])

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style", "code") and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data.strip())


def visible_texts(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.texts


def unmarked(shown: str) -> str:
    """What is left of a text once every marked translation (nested ones too) is taken out."""
    while (shorter := INNERMOST.sub(" ", shown)) != shown:
        shown = shorter
    return CUT.sub(" ", shown)


def locale_words(language: str) -> set[str]:
    """Words that are names, not the portal's text: what Babel renders in dates (month and
    day names, periods), languages by their name in the portal's language and in their own
    (a language list shows "Arabisch – العربية"), and Sint-Truiden's districts."""
    from babel.localedata import locale_identifiers
    from gateway.vocabulary import DISTRICT_NAMES
    locale, words = Locale.parse(language), set()
    for name in [*locale.languages.values(), *DISTRICT_NAMES.values(),
                 *(Locale.parse(code).display_name or "" for code in locale_identifiers() if "_" not in code)]:
        words.update(WORD.findall(name.lower()))
    for table in (locale.months, locale.days):
        for context in table.values():
            for names in context.values():
                for name in names.values():
                    words.update(WORD.findall(name.lower()))
    for names in locale.day_periods.get("format", {}).values():
        for name in names.values():
            words.update(WORD.findall(name.lower()))
    return words


def data_words(engine, schemas) -> set[str]:
    """Every word of the platform's stored text that is not a code: names, emails, places,
    notes (a stored value such as `approved` or `ar` is a code, and shown as it is it fails)."""
    words = set()
    with engine.connect() as connection:
        columns = connection.execute(text(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = ANY(:schemas) AND data_type IN ('text', 'character varying')"),
            {"schemas": list(schemas)}).all()
        for schema, table, column in columns:
            for (value,) in connection.execute(text(
                    f'SELECT DISTINCT "{column}" FROM "{schema}"."{table}" LIMIT 5000')):
                if value and not re.fullmatch(r"[a-z0-9_]+", value):
                    words.update(WORD.findall(value.lower()))
    return words


def problems(html: str, allowed: set[str]) -> list[str]:
    """Each text of the page that shows something untranslated or a code, with the words."""
    found = []
    for shown in visible_texts(html):
        codes = CODE.findall(shown)
        strangers = [w for w in WORD.findall(unmarked(shown).lower()) if w not in allowed]
        if codes or strangers:
            found.append(f"{shown!r} ({', '.join(codes + strangers)})")
    return found


def by_problem(pages: dict[str, str], allowed: set[str]) -> dict[str, list[str]]:
    """Each problem once, with the pages (at most three) that show it."""
    found = {}
    for path, html in pages.items():
        for problem in problems(html, allowed):
            found.setdefault(problem, [])
            if len(found[problem]) < 3 and path not in found[problem]:
                found[problem].append(path)
    return found
