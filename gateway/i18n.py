"""Languages. The public pages (the form, the status page, account set-up) speak the
applicant's language: the one they picked, else their browser's, else Dutch. The portal speaks
Dutch by default and English on request; the API speaks English.

Catalogues are compiled from their .po files when the app starts and a .mo is missing or
older, so a fresh clone needs no build step and never serves stale translations.
"""
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import request

TRANSLATIONS = Path(__file__).parent / "translations"
PORTAL_LANGUAGES = {"nl": "Nederlands", "en": "English"}
PUBLIC_LANGUAGES = {"nl": "Nederlands", "en": "English", "fr": "Français", "ar": "العربية",
                    "uk": "Українська", "fa": "فارسی", "ti": "ትግርኛ"}
DEFAULT_LANGUAGE = "nl"
PUBLIC_PATHS = ("/apply", "/status", "/account", "/info", "/stop", "/privacy")


def compile_catalogs(directory: Path = TRANSLATIONS):
    for po_path in directory.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with open(po_path, "rb") as po_file:
            catalog = read_po(po_file)
        with open(mo_path, "wb") as mo_file:
            write_mo(mo_file, catalog)


def is_public_page() -> bool:
    return request.path == "/" or request.path.startswith(PUBLIC_PATHS)


def offered_languages() -> dict:
    return PUBLIC_LANGUAGES if is_public_page() else PORTAL_LANGUAGES


def chosen_language() -> str | None:
    """A language the person picked: ?lang= first, then the cookie it left."""
    offered = offered_languages()
    for candidate in (request.args.get("lang"), request.cookies.get("lang")):
        if candidate in offered:
            return candidate
    return None


def select_locale() -> str:
    if request.path.startswith("/api/"):
        return "en"
    if chosen := chosen_language():
        return chosen
    if is_public_page():
        return request.accept_languages.best_match(PUBLIC_LANGUAGES) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def remember_language(response):
    """after_request: keep a language picked with ?lang= for the next pages."""
    picked = request.args.get("lang")
    if picked in PUBLIC_LANGUAGES and request.cookies.get("lang") != picked:
        response.set_cookie("lang", picked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response
