"""Moments written the way people of a language write them, in Sint-Truiden's time."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

LOCAL_TIME = ZoneInfo("Europe/Brussels")


def _moment(value) -> datetime | date:
    if isinstance(value, str):
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    return value


def when(moment, language: str) -> str:
    """The full date and the hour, e.g. 'donderdag 3 december 2026, 10:00'."""
    local = _moment(moment).astimezone(LOCAL_TIME)
    return f"{format_date(local, 'full', locale=language)}, {format_time(local, 'short', locale=language)}"


def day(moment, language: str) -> str:
    """The date, e.g. '3 december 2026' (of a moment, in Sint-Truiden's time, or of a day)."""
    moment = _moment(moment)
    local = moment.astimezone(LOCAL_TIME) if isinstance(moment, datetime) else moment
    return format_date(local, "long", locale=language)


def local_input(value: str) -> datetime:
    """A datetime-local form value ('2026-12-03T10:00'), read as Sint-Truiden's time."""
    return datetime.fromisoformat(value).replace(tzinfo=LOCAL_TIME)
