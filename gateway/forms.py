"""HTML forms checked with the same marshmallow schemas as the API; errors shown per field."""
import re
import uuid

from flask import request
from marshmallow import Schema, ValidationError

from services.shared.errors import InvalidInput


def submitted(fields, checkboxes=()) -> dict:
    """The posted form as a dict for a schema: empty fields are absent, checkboxes are booleans."""
    data = {name: request.form.get(name, "").strip() for name in fields}
    data = {name: value for name, value in data.items() if value}
    for name in checkboxes:
        data[name] = request.form.get(name) == "on"
    return data


def problems(schema: Schema, data: dict) -> dict:
    """The schema's complaints about `data`, by field (empty when it is fine)."""
    try:
        schema.load(data)
        return {}
    except ValidationError as exc:
        return exc.messages


def unconfirmed(message: str) -> dict:
    """An irreversible step is taken only with its box ticked (`confirm=yes`), checked here on
    the server and not only by the browser: {} when ticked, else {"confirm": [message]} (a
    message marked with N_, translated where it is shown, next to the box)."""
    return {} if request.form.get("confirm") == "yes" else {"confirm": [message]}


def service_problems(error: InvalidInput) -> dict:
    return error.errors if isinstance(error.errors, dict) else {"_schema": [str(error.errors)]}


def request_key(given: str | None, name: str) -> str:
    """The caller's idempotency key (checked), or a new one for this request alone: either
    way a request that the broker delivers twice to a service makes one thing."""
    if given is None:
        return str(uuid.uuid4())
    if not re.fullmatch(r"[\x21-\x7e]{1,200}", given):
        raise InvalidInput({name: ["Use 1 to 200 visible ASCII characters."]})
    return given
