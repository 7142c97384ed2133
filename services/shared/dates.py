"""Moments written the way people of a language write them, in Sint-Truiden's time."""
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

LOCAL_TIME = ZoneInfo("Europe/Brussels")


def _moment(value) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def when(moment, language: str) -> str:
    """The full date and the hour, e.g. 'donderdag 3 december 2026, 10:00'."""
    local = _moment(moment).astimezone(LOCAL_TIME)
    return f"{format_date(local, 'full', locale=language)}, {format_time(local, 'short', locale=language)}"


def day(moment, language: str) -> str:
    """The date, e.g. '3 december 2026'."""
    return format_date(_moment(moment).astimezone(LOCAL_TIME), "long", locale=language)


def local_input(value: str) -> datetime:
    """A datetime-local form value ('2026-12-03T10:00'), read as Sint-Truiden's time."""
    return datetime.fromisoformat(value).replace(tzinfo=LOCAL_TIME)
