"""The application form: its posted fields as a submission for the shared schema, and the
schema's complaints back onto the fields a person sees (errors in nested parts included)."""
from babel import Locale
from flask_babel import get_locale
from werkzeug.datastructures import MultiDict

LANGUAGE_ROWS = 4
SPOKEN = ("nl", "en", "fr", "ar", "uk", "ru", "fa", "ps", "ti", "am", "so", "tr", "ku", "es",
          "de", "pl", "ro", "bg", "sq", "sr")
SINGLE_FIELDS = ("first_name", "last_name", "email", "phone", "channel", "language", "gender",
                 "birth_year", "district", "dutch_level", "background", "message")
PREFERENCES = ("partner_gender", "partner_age_min", "partner_age_max")


def language_options(codes=SPOKEN) -> list[tuple[str, str]]:
    """(code, "name in the page's language – name in itself") for the language lists."""
    here = get_locale()
    options = []
    for code in codes:
        own = Locale.parse(code)
        local, native = own.get_display_name(here), own.get_display_name(own)
        name = local if local == native else f"{local} – {native}"
        options.append((code, name[:1].upper() + name[1:]))
    return options


def submission(form, role: str) -> dict:
    """The posted form as the contract's fields (empty answers are left out)."""
    data = {name: form.get(name, "").strip() for name in SINGLE_FIELDS}
    data = {name: value for name, value in data.items() if value}
    data["role"], data["consent"] = role, form.get("consent") == "on"
    data["languages"] = [_spoken(form.get(f"language_{row}"), form.get(f"level_{row}"))
                         for row in range(1, LANGUAGE_ROWS + 1) if form.get(f"language_{row}")]
    own_choices = ("roles",) if role == "buddy" else ("hopes",)
    for name in ("availability", "interests", *own_choices):
        data[name] = form.getlist(name)
    preferences = {name: form.get(name).strip() for name in PREFERENCES if form.get(name, "").strip()}
    if preferences:
        data["preferences"] = preferences
    return data


def _spoken(code, level) -> dict:
    return {"code": code, "level": level} if level else {"code": code}


def field_errors(errors: dict) -> dict:
    """{field as on the form: [messages]}: nested answers point at their own inputs."""
    flat = {}
    for name, messages in errors.items():
        if name == "languages" and isinstance(messages, dict):
            for index, row in messages.items():
                for part, texts in (row.items() if isinstance(row, dict) else [("code", row)]):
                    flat[f"{'level' if part == 'level' else 'language'}_{int(index) + 1}"] = texts
        elif name == "preferences" and isinstance(messages, dict):
            flat.update(messages)
        else:
            flat[name] = messages if isinstance(messages, list) else [str(messages)]
    return flat


def as_form(profile: dict, person: dict | None = None) -> MultiDict:
    """A profile (and contact details) as the form's fields, to fill a form in again."""
    fields = MultiDict({key: str(value) for key, value in (person or {}).items() if value})
    for key in ("gender", "birth_year", "district", "dutch_level", "background"):
        if profile.get(key) is not None:
            fields[key] = str(profile[key])
    for row, spoken in enumerate(profile.get("languages") or [], start=1):
        fields[f"language_{row}"], fields[f"level_{row}"] = spoken["code"], spoken["level"]
    for key in ("availability", "interests", "roles", "hopes"):
        fields.setlist(key, profile.get(key) or [])
    for key, value in (profile.get("preferences") or {}).items():
        if value is not None:
            fields[key] = str(value)
    return fields
