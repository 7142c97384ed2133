"""The coordinator's application inbox: filters, and who has waited too long for a first
contact (the programme's target counts working days: weekends and Belgian holidays do not)."""
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.intake.models import Application, Person


@lru_cache(maxsize=8)
def _belgian_holidays(year: int) -> frozenset:
    return frozenset(holidays.country_holidays("BE", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _belgian_holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def waiting_days(application: Application, now: datetime) -> int:
    """Working days the applicant has waited for a first contact (or waited until it came)."""
    until = application.first_contact_at or now
    return working_days_between(application.submitted_at.date(), until.date())


def is_overdue(application: Application, now: datetime, target_days: int) -> bool:
    """No first contact yet, and longer than the target since the application came in."""
    return application.first_contact_at is None and waiting_days(application, now) > target_days


def search(session: Session, now: datetime, target_days: int, role=None, status=None,
           language=None, waiting=None, duplicates=None, limit=100, offset=0) -> list[Application]:
    """The inbox, oldest first (those who waited longest come first)."""
    query = select(Application).join(Person).where(Person.erased_at.is_(None)) \
        .order_by(Application.submitted_at)
    for column, value in ((Application.role, role), (Application.status, status),
                          (Person.language, language)):
        if value:
            query = query.where(column == value)
    if duplicates is not None:
        query = query.where(Application.duplicate_of.is_not(None) if duplicates
                            else Application.duplicate_of.is_(None))
    found = list(session.scalars(query))
    if waiting:
        found = [a for a in found if is_overdue(a, now, target_days) == (waiting == "overdue")]
    return found[offset:offset + limit]
