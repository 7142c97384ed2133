"""The coordinator's application inbox: filters, and who has waited too long for a first
contact (the programme's target counts working days in Sint-Truiden: weekends and Belgian
holidays do not). Filtering, counting and paging happen in the database."""
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from sqlalchemy import and_, func, not_, select
from sqlalchemy.orm import Session

from services.intake.models import Application, Person
from services.shared.dates import LOCAL_TIME
from services.shared.wire.vocabulary import OPEN_STATUSES


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


def local_day(moment: datetime) -> date:
    """The day it was in Sint-Truiden at that moment."""
    return moment.astimezone(LOCAL_TIME).date()


def waiting_days(application: Application, now: datetime) -> int:
    """Working days the applicant has waited for a first contact or a decision: counted while
    the application is open (OPEN_STATUSES), stopped at the decision once it is decided."""
    until = now if application.status in OPEN_STATUSES else (application.decided_at or now)
    return working_days_between(local_day(application.submitted_at), local_day(until))


def is_overdue(application: Application, now: datetime, target_days: int) -> bool:
    """No first contact yet, and longer than the target since the application came in."""
    return application.first_contact_at is None and waiting_days(application, now) > target_days


def overdue_before(now: datetime, target_days: int) -> datetime:
    """Uncontacted applications submitted before this moment are overdue (what is_overdue says,
    as one comparison the database can make)."""
    day, counted = local_day(now), 0
    while counted <= target_days:
        counted += is_working_day(day)
        day -= timedelta(days=1)
    return datetime.combine(day + timedelta(days=1), time.min, LOCAL_TIME)


def _inbox(now, target_days, role=None, status=None, language=None, waiting=None, duplicates=None):
    query = select(Application).join(Person).where(Person.erased_at.is_(None))
    for column, value in ((Application.role, role), (Person.language, language)):
        if value:
            query = query.where(column == value)
    if status:
        query = query.where(Application.status.in_(OPEN_STATUSES if status == "open" else (status,)))
    if duplicates is not None:
        query = query.where(Application.duplicate_of.is_not(None) if duplicates
                            else Application.duplicate_of.is_(None))
    if waiting:
        late = and_(Application.first_contact_at.is_(None),
                    Application.submitted_at < overdue_before(now, target_days))
        query = query.where(late if waiting == "overdue" else not_(late))
    return query


def search(session: Session, now: datetime, target_days: int, limit=100, offset=0,
           **filters) -> list[Application]:
    """The inbox, oldest first (those who waited longest come first); status "open" is every
    application waiting for a first contact or a decision."""
    query = _inbox(now, target_days, **filters).order_by(Application.submitted_at, Application.id)
    return list(session.scalars(query.limit(limit).offset(offset)))


def count(session: Session, now: datetime, target_days: int, **filters) -> int:
    """How many applications the inbox holds with these filters."""
    query = _inbox(now, target_days, **filters).with_only_columns(func.count(Application.id))
    return session.scalar(query)


def summary(session: Session, now: datetime, target_days: int) -> dict:
    """What needs the coordinator's attention: counts, and who has waited longest."""
    return {"received": count(session, now, target_days, status="received"),
            "overdue": count(session, now, target_days, waiting="overdue"),
            "longest_waiting": search(session, now, target_days, limit=5, status="received")}
