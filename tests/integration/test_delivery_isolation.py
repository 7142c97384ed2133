"""One delivery's trouble stays its own: a message that cannot be built costs the others on its
SMTP connection nothing, a text the provider accepted is sent whatever its answer's body, and
no reason logged or published names the address or the number."""
import json
import logging
import smtplib
import socket
from datetime import timedelta

import pytest
from sqlalchemy import text

from services.notifications.lanes import refusal
from services.notifications.service import NotificationsService
from services.shared.models import utcnow
from tests.support.backlog import a_queued_delivery, queue_deliveries
from tests.support.sms_provider import ACCOUNT, ScriptedProvider
from tests.support.waiting import eventually

pytestmark = pytest.mark.usefixtures("links_stand_in")  # notifications asks intake for links


def rows(db):
    with db.connect() as connection:
        return connection.execute(text("SELECT status, attempts, last_error FROM notifications.delivery"
                                       " ORDER BY created_at")).all()


@pytest.fixture
def provider():
    made = []
    yield lambda *answers: made.append(ScriptedProvider(*answers)) or made[-1]
    for each in made:
        each.close()


def test_a_message_that_cannot_be_built_costs_the_others_on_its_connection_nothing(
        start_service, smtp, config, db):
    start = utcnow() - timedelta(seconds=5)
    queue_deliveries(config, a_queued_delivery("broken@example.org", start, body_text=None),
                     *[a_queued_delivery(f"person.{n}@example.org", start + timedelta(milliseconds=n + 1))
                       for n in range(5)])
    smtp.start()
    eventually(lambda: socket.socket().connect_ex(("127.0.0.1", smtp.port)) == 0,
               timeout=10)  # listening before the first try: a refused connection waits 30 s
    start_service(NotificationsService, SMTP_PORT=smtp.port, SMTP_CONNECTIONS=1,
                  NOTIFY_RETRY_BASE_SECONDS=30)
    eventually(lambda: all(row.status != "pending" for row in rows(db)), timeout=10)
    broken, *healthy = rows(db)
    assert broken.status == "failed"
    assert [(row.status, row.attempts) for row in healthy] == [("sent", 1)] * 5


def test_a_text_the_provider_took_is_sent_even_when_its_answer_says_nothing(
        start_service, smtp, config, db, provider):
    sink = provider((201, "text/plain", b""))
    queue_deliveries(config, a_queued_delivery("+32470123456", utcnow(), channel="sms"))
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port, SMS_API_URL=sink.url, **ACCOUNT)
    eventually(lambda: rows(db)[0].status != "pending", timeout=10)
    assert len(sink.received) == 1 and rows(db)[0].status == "sent"


def test_a_refused_number_is_in_no_log_line_and_no_event(start_service, smtp, config, db, provider, caplog):
    number = "+32470999888"
    sink = provider((400, "application/json", json.dumps(
        {"message": f"The 'To' number {number} is not a valid phone number.", "code": 21211}).encode()))
    queue_deliveries(config, a_queued_delivery(number, utcnow(), channel="sms"))
    smtp.start()
    caplog.set_level(logging.INFO)
    start_service(NotificationsService, SMTP_PORT=smtp.port, SMS_API_URL=sink.url, **ACCOUNT)
    eventually(lambda: rows(db)[0].status == "failed", timeout=10)
    assert rows(db)[0].last_error == "SMS provider answered 400 (error 21211: not a valid phone number)"
    with db.connect() as connection:
        events = connection.execute(text("SELECT payload::text FROM notifications.outbox")).scalars().all()
    assert events and not [e for e in events if number in e]
    assert not [r for r in caplog.records if number in r.getMessage()]


def test_the_reason_an_address_was_refused_names_no_address():
    refused = smtplib.SMTPRecipientsRefused({"jan.peeters@example.org": (
        550, b"5.1.1 <jan.peeters@example.org>: User unknown")})
    assert refusal(refused, "jan.peeters@example.org") == "550 5.1.1 <[the address]>: User unknown"
