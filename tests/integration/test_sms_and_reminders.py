"""Text messages through an HTTP provider (the project's SMS sink on loopback, speaking
Twilio's API), reminders the day before, opting out, and the outcome events."""
import json
import socket
import sys
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from services.notifications import gsm
from services.notifications.service import NotificationsService
from services.shared.dates import LOCAL_TIME
from tests.support.notification_events import PERSON, application_received, deliveries, interview, received
from tests.support.events import publish
from tests.support.platform import free_port
from tests.support.processes import ManagedProcess
from tests.support.waiting import eventually

pytestmark = pytest.mark.usefixtures("links_stand_in")  # notifications asks intake for links


PHONE = "+32470123456"
ACCOUNT = {"SMS_ACCOUNT_SID": "ACtest", "SMS_AUTH_TOKEN": "test-token"}


@pytest.fixture
def sms(tmp_path):
    """The SMS sink on a port of its own, started; `texts()` lists what it received."""
    port, folder = free_port(), tmp_path / "sms"
    sink = ManagedProcess("sms", [sys.executable, "scripts/smssink.py"], tmp_path,
                          {"SMS_SINK_PORT": str(port), "SMS_SINK_DIR": str(folder), **ACCOUNT})
    sink.port, sink.texts = port, lambda: [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]
    sink.start()
    eventually(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, timeout=10)
    yield sink
    sink.stop()


def notifications(start_service, sms, smtp, **overrides):
    smtp.start()
    settings = {"SMTP_PORT": smtp.port, "SMS_QUIET_HOURS": "0-0", "NOTIFY_RETRY_BASE_SECONDS": 0.2,
                "SMS_API_URL": f"http://127.0.0.1:{sms.port}/2010-04-01", **ACCOUNT}
    return start_service(NotificationsService, **{**settings, **overrides})


def outbox(db, event_type) -> list[dict]:
    with db.connect() as connection:
        return [row.payload["data"] for row in connection.execute(text(
            "SELECT payload FROM notifications.outbox WHERE event_type = :t ORDER BY id"), {"t": event_type})]


def test_someone_without_email_gets_a_short_text_in_their_language_with_the_link(start_service, sms, smtp, config, db,
                                                                                 links_stand_in):
    notifications(start_service, sms, smtp)
    publish(config, application_received(language="ar", email=None, phone=PHONE, channel="sms"))
    [message] = eventually(sms.texts, timeout=15)
    assert message["To"] == PHONE and message["From"] == "Samenoppad"
    subject, status_link, privacy_link = message["Body"].split("\n")
    assert subject.startswith("لقد استلمنا طلبك") and status_link == links_stand_in.link_for(PERSON, "status")
    assert privacy_link.endswith("/privacy?lang=ar"), "the privacy notice, in their language"
    [delivered] = eventually(lambda: outbox(db, "notification_delivered"), timeout=10)
    assert (delivered["channel"], delivered["template"], delivered["person_id"]) == ("sms", "application_received", PERSON)


@pytest.mark.parametrize("language, encoding, starts", [
    ("nl", "GSM-7", "We hebben je aanmelding ontvangen - Samen op pad"),
    ("en", "GSM-7", "We received your application - Samen op pad"),
    ("fr", "GSM-7", "Nous avons bien recu votre inscription - Samen op pad"),
    ("ar", "UCS-2", "لقد استلمنا طلبك"),
])
def test_a_text_message_stays_in_the_gsm_alphabet_when_its_language_can_and_its_cost_is_logged(
        start_service, sms, smtp, config, db, links_stand_in, language, encoding, starts):
    """Found by reading: the en dash in every subject made every text message Unicode, and a
    two-line message cost two or three segments instead of one."""
    notifications(start_service, sms, smtp)
    publish(config, application_received(language=language, email=None, phone=PHONE, channel="sms"))
    [message] = eventually(sms.texts, timeout=15)
    assert message["Body"].startswith(starts)
    def logged():
        with db.connect() as connection:
            return [tuple(row) for row in connection.execute(text(
                "SELECT sms_encoding, sms_segments FROM notifications.delivery WHERE status = 'sent'"))]
    assert message["Body"].endswith(f"/privacy?lang={language}"), "the privacy notice's link, last"
    # what it cost is logged; with the privacy notice's link never more than SMS_MAX_SEGMENTS (3)
    assert eventually(logged, timeout=10) == [(encoding, gsm.segments(message["Body"]))]
    assert gsm.segments(message["Body"]) <= 3


def test_a_provider_hiccup_is_retried_and_a_refused_number_fails_for_good(start_service, tmp_path, smtp, config, db):
    port = free_port()
    sink = ManagedProcess("sms", [sys.executable, "scripts/smssink.py"], tmp_path,
                          {"SMS_SINK_PORT": str(port), "SMS_SINK_DIR": str(tmp_path / "sms"),
                           "SMS_SINK_FAIL_FIRST": "2", **ACCOUNT}).start()
    sink.port = port
    try:
        eventually(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, timeout=10)
        notifications(start_service, sink, smtp)
        publish(config, application_received(email=None, phone=PHONE, channel="sms"))
        sent = eventually(lambda: [d for d in deliveries(db) if d.status == "sent"], timeout=20)
        assert len(list((tmp_path / "sms").glob("*.json"))) == 1
        with db.connect() as connection:
            assert connection.execute(text("SELECT attempts FROM notifications.delivery")).scalar() == 3
        publish(config, application_received(email=None, phone="+32470123000", channel="sms",
                                              person_id=str(uuid.uuid4())))
        failed = eventually(lambda: [d for d in deliveries(db) if d.status == "failed"], timeout=15)
        assert failed[0].last_error == "SMS provider answered 400 (error 21211: not a valid phone number)"
        assert "+32470123000" not in str(outbox(db, "notification_failed")), "no number on the bus"
        assert sent
        [outcome] = eventually(lambda: outbox(db, "notification_failed"), timeout=10)
        assert outcome["attempts"] == 1, "a refused number is not tried again"
    finally:
        sink.stop()


def test_no_text_message_in_quiet_hours(start_service, sms, smtp, config, db):
    now = datetime.now(LOCAL_TIME).hour
    notifications(start_service, sms, smtp, SMS_QUIET_HOURS=f"{now}-{(now + 3) % 24}")  # quiet now
    publish(config, application_received(email=None, phone=PHONE, channel="sms"))
    waiting = eventually(lambda: deliveries(db), timeout=15)
    assert waiting[0].status == "pending" and sms.texts() == []
    with db.connect() as connection:
        due = connection.execute(text("SELECT next_attempt_at FROM notifications.delivery")).scalar()
    assert due > datetime.now(timezone.utc) + timedelta(hours=2), "sent when the quiet hours end"


def test_a_reminder_is_planned_for_the_day_before_and_withdrawn_when_the_interview_moves(start_service, sms, smtp, config, db):
    notifications(start_service, sms, smtp)
    publish(config, application_received(language="nl"))
    publish(config, interview("intake_scheduled", 0))
    reminder = eventually(lambda: [d for d in planned(db) if d.template == "intake_reminder"], timeout=15)[0]
    assert reminder.status == "pending" and reminder.next_attempt_at == datetime(2030, 3, 3, 9, 0, tzinfo=timezone.utc)
    publish(config, interview("intake_rescheduled", 1, starts_at=datetime(2030, 3, 6, 14, 0, tzinfo=timezone.utc),
                              ends_at=datetime(2030, 3, 6, 15, 0, tzinfo=timezone.utc)))
    moved = eventually(lambda: len([d for d in planned(db) if d.template == "intake_reminder"]) == 2
                       and [d for d in planned(db) if d.template == "intake_reminder"], timeout=15)
    assert [(d.status, d.next_attempt_at.day) for d in moved] == [("superseded", 3), ("pending", 5)]
    publish(config, interview("intake_cancelled", 2))
    eventually(lambda: all(d.status == "superseded" for d in planned(db) if d.template == "intake_reminder"), timeout=15)


def planned(db):
    with db.connect() as connection:
        return connection.execute(text("SELECT template, status, next_attempt_at FROM notifications.delivery"
                                       " ORDER BY created_at")).all()


def test_someone_who_opted_out_gets_nothing_more_and_the_log_says_why(start_service, sms, smtp, config, db, rpc,
                                                                     links_stand_in):
    notifications(start_service, sms, smtp)
    publish(config, application_received())
    eventually(lambda: len(received(smtp)) == 1, timeout=15)
    body = received(smtp)[0].get_body(("plain",)).get_content()
    assert links_stand_in.link_for(PERSON, "stop") in body, "every message says how to stop them"
    assert rpc.notifications.set_opt_out(PERSON, {"opted_out": True}) == {"person_id": PERSON, "opted_out": True}
    publish(config, interview("intake_scheduled", 0))
    skipped = eventually(lambda: [d for d in deliveries(db) if d.status == "skipped"], timeout=15)
    assert skipped[0].last_error == "the person opted out of messages" and len(received(smtp)) == 1
