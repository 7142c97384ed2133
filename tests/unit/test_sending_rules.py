"""Which channel a message takes, and when a text message may go."""
from datetime import datetime, timezone

import pytest

from services.notifications.contacts import channel_for
from services.notifications.deliveries import outside_quiet_hours
from services.notifications.models import Contact
from services.shared.dates import LOCAL_TIME


@pytest.mark.parametrize("chosen, email, phone, channel", [
    ("email", "a@example.org", "+32470123456", "email"), ("sms", "a@example.org", "+32470123456", "sms"),
    ("email", None, "+32470123456", "sms"), ("sms", "a@example.org", None, "email"), ("sms", None, None, None),
])
def test_the_chosen_channel_else_the_one_that_reaches_the_person(chosen, email, phone, channel):
    assert channel_for(Contact(channel=chosen, email=email, phone=phone)) == channel


def local(hour, minute=0, day=3):
    return datetime(2026, 12, day, hour, minute, tzinfo=LOCAL_TIME)


@pytest.mark.parametrize("moment, expected", [
    (local(14, 30), local(14, 30)),          # the afternoon: at once
    (local(22, 15), local(8, 0, day=4)),     # late evening: next morning
    (local(5, 40), local(8, 0)),             # early morning: at eight
    (local(8, 0), local(8, 0)), (local(20, 59), local(20, 59)),
])
def test_no_text_message_during_quiet_hours(moment, expected):
    assert outside_quiet_hours(moment.astimezone(timezone.utc), (21, 8)) == expected


def test_quiet_hours_are_read_from_the_setting_and_a_wrong_one_is_named():
    from services.notifications.sending import quiet_hours
    assert quiet_hours("22-7") == (22, 7) and quiet_hours(None) == (21, 8)
    with pytest.raises(ValueError, match="SMS_QUIET_HOURS"):
        quiet_hours("21-24")


def test_bulk_sends_are_paced_and_no_limit_means_none(monkeypatch):
    from services.notifications import dispatcher
    slept, clock = [], [100.0]
    monkeypatch.setattr(dispatcher.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(dispatcher.eventlet, "sleep", lambda seconds: slept.append(seconds))
    paced = dispatcher.Pace(50)
    for _ in range(11):  # eleven sends at the same instant: ten wait their turn, 20 ms apart
        paced.wait()
    assert [round(s, 3) for s in slept if s] == [round(0.02 * n, 3) for n in range(1, 11)]
    slept.clear()
    unpaced = dispatcher.Pace(0)
    for _ in range(100):
        unpaced.wait()
    assert slept == []
