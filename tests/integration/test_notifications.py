"""Messages through a real SMTP server: once per event, in the person's language, with a
calendar file for interviews; retried while SMTP is down; forgotten on erasure."""
import pytest
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from services.notifications.service import NotificationsService
from tests.support.events import an_event, publish
from tests.support.notification_events import (
    PERSON, STARTS, application_received, deliveries, interview, received,
)
from tests.support.mailbox import calendar_method, calendar_of
from tests.support.waiting import eventually

pytestmark = pytest.mark.usefixtures("links_stand_in")  # notifications asks intake for links


def test_the_confirmation_is_sent_once_even_when_the_event_comes_twice(start_service, smtp, config, db):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    event = application_received()
    publish(config, event, event)
    mail = eventually(lambda: received(smtp), timeout=15)[0]
    assert str(mail["To"]) == "Jean-Paul <jp@example.org>" and mail["Content-Language"] == "fr, nl"
    assert "Bonjour Jean-Paul" in mail.get_body(("plain",)).get_content()
    assert "Comment nous traitons vos données : http" in mail.get_body(("plain",)).get_content()
    assert '/privacy?lang=fr">' in mail.get_body(("html",)).get_content(), "the privacy notice, linked"
    eventually(lambda: deliveries(db) and deliveries(db)[0].status == "sent")
    assert deliveries(db)[0].body_text is None, "the body (with its private link) is not kept"
    assert len(received(smtp)) == 1


def test_an_interview_comes_with_a_calendar_entry_that_moves_and_disappears(start_service, smtp, config):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    timeline = [application_received(language="fa"), interview("intake_scheduled", 0),
                interview("intake_rescheduled", 1, starts_at=STARTS + timedelta(days=1),
                          ends_at=STARTS + timedelta(days=1, hours=1)),
                interview("intake_cancelled", 2, reason="The coordinator is ill.")]
    for sent, event in enumerate(timeline, start=1):  # each change after the last was told
        publish(config, event)
        eventually(lambda: len(received(smtp)) == sent, timeout=20)
    mails = received(smtp)
    by_revision = {int(calendar_of(m).walk("VEVENT")[0]["sequence"]): m for m in mails[1:]}
    invited, moved, cancelled = by_revision[0], by_revision[1], by_revision[2]
    assert invited["Content-Language"] == "fa, nl"
    assert "دعوت به گفت‌وگوی آشنایی" in invited["Subject"]
    calendars = [calendar_of(m) for m in (invited, moved, cancelled)]
    assert [str(c["method"]) for c in calendars] == ["REQUEST", "REQUEST", "CANCEL"]
    entries = [c.walk("VEVENT")[0] for c in calendars]
    assert len({str(e["uid"]) for e in entries}) == 1, "one appointment, revised"
    assert entries[1]["dtstart"].dt == STARTS + timedelta(days=1)
    assert "The coordinator is ill." in cancelled.get_body(("plain",)).get_content()


def test_a_change_that_comes_after_its_wait_is_over_is_not_sent(start_service, smtp, config, db):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port, EVENT_HOLD_SECONDS=1)
    publish(config, application_received(revision=1))
    publish(config, interview("intake_scheduled", 0, revision=2))
    publish(config, interview("intake_cancelled", 2, revision=4))
    mails = eventually(lambda: len(received(smtp)) == 3 and received(smtp), timeout=20)
    # the cancellation waited for revision 3 for a second, then went out; now 3 comes, late
    publish(config, interview("intake_rescheduled", 1, revision=3))
    eventually(lambda: applied(db, "intake_rescheduled"), timeout=15)
    assert [calendar_method(m) for m in mails[1:]] == ["REQUEST", "CANCEL"]
    assert len(received(smtp)) == 3 and "intake_moved" not in [d.template for d in deliveries(db)]


def test_a_change_that_overtakes_the_one_before_it_waits_for_it(start_service, smtp, config, db):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, application_received(revision=1))
    publish(config, interview("intake_rescheduled", 1, revision=3))  # overtook the invitation
    eventually(lambda: count(db, "held_event") == 1, timeout=15)
    publish(config, interview("intake_scheduled", 0, revision=2))
    eventually(lambda: len(received(smtp)) == 3, timeout=20)
    invitations = [d.template for d in deliveries(db) if d.template in ("intake_invitation", "intake_moved")]
    assert invitations == ["intake_invitation", "intake_moved"], "in the order they happened"


def count(db, table) -> int:
    with db.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM notifications.{table}")).scalar()


def test_a_message_about_someone_not_known_yet_waits_for_their_details(start_service, smtp, config, db):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, interview("intake_scheduled", 0, revision=2))  # overtook the application
    eventually(lambda: count(db, "held_event") == 1, timeout=15)
    assert received(smtp) == [] and count(db, "handler_failure") == 0, "held, not failed"
    publish(config, application_received(language="nl"))
    subjects = eventually(lambda: len(received(smtp)) == 2 and [m["Subject"] for m in received(smtp)],
                          timeout=20)
    assert any("intakegesprek" in subject for subject in subjects)
    assert count(db, "held_event") == 0 and count(db, "handler_failure") == 0


def test_what_waits_for_an_erased_person_is_never_sent(start_service, smtp, config, db, rpc):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, interview("intake_scheduled", 0, revision=2))
    eventually(lambda: count(db, "held_event") == 1, timeout=15)
    publish(config, an_event("person_erased", {"person_id": PERSON, "erased_at": datetime.now(timezone.utc)},
                             revision=4))
    eventually(lambda: count(db, "held_event") == 0, timeout=15)
    publish(config, an_event("person_contact_updated", {
        "person_id": PERSON, "first_name": "Jean-Paul", "email": "jp@example.org", "language": "fr",
        "channel": "email"}, revision=3))  # late: the erasure came first
    eventually(lambda: applied(db, "person_contact_updated"), timeout=15)
    assert received(smtp) == [] and count(db, "delivery") == 0
    assert rpc.notifications.export_person(PERSON)["contact"] is None, "an erased person stays erased"


def applied(db, event_type) -> bool:
    with db.connect() as connection:
        return bool(connection.execute(text("SELECT count(*) FROM notifications.inbox WHERE event_type = :t"),
                                       {"t": event_type}).scalar())


def test_a_pair_message_waits_for_both_contacts_and_skips_an_erased_person(start_service, smtp, config, db):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    buddy = "5b0e2f7a-1111-4000-8000-000000000002"
    proposed = an_event("match_proposed", {"proposal_id": str(uuid.uuid4()), "buddy_id": buddy,
                                           "participant_id": PERSON, "proposed_at": datetime.now(timezone.utc)},
                        revision=1)
    publish(config, proposed)
    eventually(lambda: count(db, "held_event") == 1, timeout=15)
    publish(config, application_received(language="ar"))  # the participant: still no buddy
    eventually(lambda: len(received(smtp)) == 1, timeout=15)  # only the confirmation
    publish(config, application_received(role="buddy", language="nl", person_id=buddy, first_name="Lotte",
                                         email="lotte@example.org"))
    mails = eventually(lambda: len(received(smtp)) == 4 and received(smtp), timeout=20)
    to_participant = next(m for m in mails if m["To"].addresses[0].addr_spec == "jp@example.org" and "Lotte" in m.get_body(("plain",)).get_content())
    assert to_participant["Content-Language"] == "ar, nl"
    publish(config, an_event("person_erased", {"person_id": buddy, "erased_at": datetime.now(timezone.utc)},
                             revision=2))
    eventually(lambda: applied(db, "person_erased"), timeout=15)
    publish(config, an_event("match_declined", {"proposal_id": proposed["data"]["proposal_id"], "buddy_id": buddy,
                                                "participant_id": PERSON, "declined_by": "buddy",
                                                "declined_at": datetime.now(timezone.utc)}, revision=2))
    eventually(lambda: len(received(smtp)) == 5, timeout=15)
    skipped = eventually(lambda: [d for d in deliveries(db) if d.status == "skipped"], timeout=10)
    assert skipped[0].template == "match_declined" and skipped[0].last_error == "the person's data was erased"


def test_decisions_and_invitations_carry_what_the_coordinator_wrote(start_service, smtp, config, links_stand_in):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, application_received(role="buddy", language="nl"))
    publish(config, an_event("buddy_screened", {
        "person_id": PERSON, "application_id": str(uuid.uuid4()), "role": "buddy",
        "decision": "approved", "decided_at": datetime.now(timezone.utc),
        "feedback": "Welkom, tot op de startdag!", "profile": None}, version=2, revision=2))
    publish(config, an_event("buddy_invited", {
        "person_id": PERSON, "invitation_id": str(uuid.uuid4()),
        "expires_at": datetime.now(timezone.utc) + timedelta(days=14)}, revision=3))
    mails = eventually(lambda: len(received(smtp)) == 3 and received(smtp), timeout=20)
    bodies = {m["Subject"]: m.get_body(("plain",)).get_content() for m in mails}
    assert "Welkom, tot op de startdag!" in bodies["Welkom bij Samen op pad"]
    invitation = bodies["Maak je account voor Samen op pad"]
    assert links_stand_in.link_for(PERSON, "account_setup") in invitation, "minted when sent"
    assert "link.invalid" not in invitation


def test_with_smtp_down_the_email_waits_and_goes_out_once_it_is_back(start_service, smtp, config, db):
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, application_received())
    failed = eventually(lambda: [d for d in deliveries(db) if d.attempts >= 1], timeout=15)[0]
    assert failed.status == "pending" and "SMTP unreachable" in failed.last_error
    smtp.start()
    eventually(lambda: deliveries(db)[0].status == "sent", timeout=20, interval=0.2)
    assert len(received(smtp)) == 1


def test_erasure_forgets_the_contact_and_keeps_only_that_messages_were_sent(start_service, smtp, config, db, rpc):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, application_received())
    eventually(lambda: deliveries(db) and deliveries(db)[0].status == "sent")
    publish(config, an_event("person_erased", {"person_id": PERSON, "erased_at": datetime.now(timezone.utc)},
                             revision=2))
    eventually(lambda: rpc.notifications.export_person(PERSON)["contact"] is None)
    [kept] = deliveries(db)
    assert (kept.template, kept.status, kept.recipient) == ("application_received", "sent", None)
