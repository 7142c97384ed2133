"""The inbox's clock: working days in Sint-Truiden, and which applications are overdue."""
from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from services.intake.inbox import is_overdue, local_day, overdue_before, working_days_between
from services.intake.models import Application

UTC = timezone.utc


def an_application_submitted(at: datetime, first_contact_at: datetime | None = None) -> Application:
    return Application(submitted_at=at, first_contact_at=first_contact_at)


def test_weekends_and_belgian_holidays_are_not_working_days():
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 28)) == 1  # Christmas on a Friday
    assert working_days_between(date(2026, 11, 27), date(2026, 12, 4)) == 5
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 4)) == 0


def test_the_day_is_the_day_it_was_in_sint_truiden():
    late_friday_evening_in_utc = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    assert local_day(late_friday_evening_in_utc) == date(2026, 12, 5)  # already Saturday there


def test_an_application_is_overdue_after_the_target_without_a_first_contact():
    now = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)  # a Monday
    week_ago = an_application_submitted(datetime(2026, 12, 4, 10, 0, tzinfo=UTC))  # 6 working days
    assert is_overdue(week_ago, now, target_days=5)
    assert not is_overdue(week_ago, now, target_days=6)
    contacted = an_application_submitted(week_ago.submitted_at, first_contact_at=now - timedelta(days=1))
    assert not is_overdue(contacted, now, target_days=5)


@settings(max_examples=300, deadline=None)
@given(now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)),
       hours_before=st.integers(min_value=0, max_value=24 * 40), target=st.integers(min_value=0, max_value=15))
def test_the_database_s_cutoff_says_what_the_rule_says(now, hours_before, target):
    application = an_application_submitted(now - timedelta(hours=hours_before))
    assert (application.submitted_at < overdue_before(now, target)) == is_overdue(application, now, target)
