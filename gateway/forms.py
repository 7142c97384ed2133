"""HTML forms checked with the same marshmallow schemas as the API; errors shown per field."""
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


def service_problems(error: InvalidInput) -> dict:
    return error.errors if isinstance(error.errors, dict) else {"_schema": [str(error.errors)]}
