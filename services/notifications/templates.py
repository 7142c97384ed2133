"""Message templates: one Jinja file per template and language (`templates/<name>/<lang>.txt`)
holding a subject block and a plain-text body block. The HTML part is made from the same text
by one layout, so a translator writes each message once, and adding a language or a template
is adding files."""
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from services.notifications import gsm
from services.shared import writing
from services.shared.dates import day, when

TEMPLATES = Path(__file__).parent / "templates"
FALLBACKS = ("en", "nl")
DUTCH_HEADING = "In het Nederlands"
OPT_OUT = "_opt_out"  # one line per language: how to stop receiving messages
PRIVACY = "_privacy"  # one line per language: where the privacy notice is
_URL = re.compile(r"https?://[^\s<>\"\u2066-\u2069]+")
_ISOLATE = re.compile(f"{writing.LRI}([^{writing.ISOLATES}]*){writing.PDI}")


@dataclass(frozen=True)
class Rendered:
    """A message ready to send: subject, text and HTML parts, and the languages it holds."""

    subject: str
    text: str
    html: str
    languages: tuple[str, ...]


def linkify(text: str) -> Markup:
    """Escape text for HTML, turn its web addresses into links and its isolated values
    (writing.py) into elements, both left to right, and its newlines into <br>."""
    escaped = _ISOLATE.sub(r'<span dir="ltr" style="white-space: nowrap">\1</span>', str(escape(text)))
    linked = _URL.sub(lambda m: f'<span dir="ltr"><a href="{m.group(0)}">{m.group(0)}</a></span>', escaped)
    return Markup(linked.replace("\n", "<br>\n"))  # a link may wrap: it can be wider than a phone


_text = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=False)
# every value a right-to-left template prints (a number, an address, a link) keeps its own order
_right_to_left_text = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                                  autoescape=False, finalize=writing.kept_left_to_right)
_html = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True)
_html.filters["linkify"] = linkify


def languages_of(template: str) -> list[str]:
    """The languages a template has been translated into."""
    return sorted(path.stem for path in (TEMPLATES / template).glob("*.txt"))


def resolve_language(template: str, language: str) -> str:
    """`language` if the template has it, else English, else Dutch."""
    available = set(languages_of(template))
    for candidate in (language, *FALLBACKS):
        if candidate in available:
            return candidate
    raise LookupError(f"template {template!r} has no translation at all")


def _environment(language: str) -> Environment:
    return _right_to_left_text if writing.right_to_left(language) else _text


def _render_text(template: str, language: str, context: dict) -> tuple[str, str]:
    source = _environment(language).get_template(f"{template}/{language}.txt")
    helpers = {"when": partial(when, language=language), "day": partial(day, language=language)}
    scope = source.new_context({**context, **helpers})
    subject = " ".join("".join(source.blocks["subject"](scope)).split())  # one line, whatever a name holds
    body = "".join(source.blocks["body"](scope)).strip()
    return subject, body


def render(template: str, language: str, context: dict, with_dutch: bool = False) -> Rendered:
    """The message in the recipient's language (or its fallback), with the Dutch text below
    it when `with_dutch` is set: a learning aid for newcomers. With an `opt_out_url` in the
    context, a last line says how to stop receiving messages; with a `privacy_url` (the
    notice's address, without its language), one says where the privacy notice is."""
    language = resolve_language(template, language)
    subject, body = _render_text(template, language, context)
    footer = [_line(OPT_OUT, language, opt_out_url=context["opt_out_url"]) if context.get("opt_out_url") else "",
              _line(PRIVACY, language, privacy_url=privacy_link(context.get("privacy_url"), language))]
    if any(footer):
        body = "\n\n".join([body, "\n".join(line for line in footer if line)])
    parts = [(language, body, None)]
    if with_dutch and language != "nl":
        parts.append(("nl", _render_text(template, "nl", context)[1], DUTCH_HEADING))
    text = "\n\n".join(body if not heading else f"— {heading} —\n\n{body}"
                       for _, body, heading in parts)
    sections = [{"lang": lang, "dir": writing.direction(lang),
                 "heading": heading, "paragraphs": body.split("\n\n")}
                for lang, body, heading in parts]
    html = _html.get_template("_layout.html").render(subject=subject, sections=sections)
    return Rendered(subject, text, html, tuple(lang for lang, _, _ in parts))


def _line(kind: str, language: str, **context) -> str:
    """One footer line (OPT_OUT, PRIVACY) in `language`; "" when its link is missing."""
    if not all(context.values()):
        return ""
    language = resolve_language(kind, language)
    source = _environment(language).get_template(f"{kind}/{language}.txt")
    return source.render(**context).strip()


def privacy_link(base: str | None, language: str) -> str | None:
    """The privacy notice in the message's language (the page has all seven): short, for SMS."""
    return f"{base}?lang={language}" if base else None


def render_sms(template: str, language: str, context: dict, link: str | None) -> Rendered:
    """A text message: the subject in the person's language, one link and the privacy
    notice's (with a `privacy_url` in the context), one a line, nothing more (an SMS can be
    read by anyone holding the phone). The subject is the first line, alone: what
    deliveries.sized_sms may shorten."""
    language = resolve_language(template, language)
    subject, _ = _render_text(template, language, context)
    subject = gsm.fitted(subject)  # one dash must not make it Unicode, and cost twice (gsm.py)
    lines = [subject, link, privacy_link(context.get("privacy_url"), language)]
    return Rendered(subject, "\n".join(line for line in lines if line), "", (language,))
