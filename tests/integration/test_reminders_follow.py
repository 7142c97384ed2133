"""Reminders follow their appointment: an interview held, a no, a duo formed or ended, an
opt-out and an erasure each withdraw what no longer holds, and a no cancels the calendar entry
of the introduction it called off."""
from datetime import timedelta

import icalendar
import pytest
from sqlalchemy import select, text

from services.matching import duos
from services.matching.models import Proposal
from services.notifications import contacts
from services.notifications.models import Contact, Delivery
from tests.support.consumers import deliver, hold_revision, known_contacts
from tests.support.subjects import NOW, People, an_event


def statuses(session) -> list[tuple[str, str]]:
    session.expire_all()
    return sorted((d.template, d.status) for d in session.scalars(select(Delivery)))


def reminders(session) -> set[str]:
    return {status for template, status in statuses(session) if template.endswith("_reminder")}


def planned_introduction(service, people: People):
    known_contacts(service, people)
    hold_revision(service.db, "duo", people.proposal_id, 1)
    deliver(service, "notifications.invite_to_introduction",
            an_event("introduction_scheduled", people, revision=2))
    assert reminders(service.db) == {"pending"}


def test_an_interview_recorded_as_held_withdraws_its_reminder(consumer):
    service, people = consumer("notifications"), People()
    known_contacts(service, people)
    hold_revision(service.db, "person", people.person_id, 1)
    deliver(service, "notifications.invite_to_intake", an_event("intake_scheduled", people, revision=2))
    assert reminders(service.db) == {"pending"}
    deliver(service, "notifications.note_intake_completed", an_event("intake_completed", people, revision=3))
    assert reminders(service.db) == {"superseded"}


def test_a_no_withdraws_the_introduction_and_cancels_its_calendar_entry(consumer):
    service, people = consumer("notifications"), People()
    planned_introduction(service, people)
    declined = an_event("match_declined", people, revision=3)
    declined.data.update(introduction_starts_at=NOW + timedelta(days=2), introduction_sequence=1,
                         introduction_ends_at=NOW + timedelta(days=2, hours=1),
                         introduction_location="Huis van de Wereld")
    deliver(service, "notifications.tell_match_declined", declined)
    assert reminders(service.db) == {"superseded"}, "neither side is reminded of it any more"
    sent = service.db.scalars(select(Delivery).where(Delivery.template == "match_declined")).all()
    methods = {icalendar.Calendar.from_ical(d.calendar)["METHOD"] for d in sent}
    assert len(sent) == 2 and methods == {"CANCEL"}


@pytest.mark.parametrize("event_type, handler", [("duo_formed", "tell_duo_formed"),
                                                 ("duo_ended", "tell_duo_ended")])
def test_a_duo_formed_or_ended_withdraws_the_introduction_reminders(consumer, event_type, handler):
    service, people = consumer("notifications"), People()
    planned_introduction(service, people)
    deliver(service, f"notifications.{handler}", an_event(event_type, people, revision=3))
    assert reminders(service.db) == {"superseded"}


def test_opting_out_withdraws_what_was_already_queued(consumer):
    service, people = consumer("notifications"), People()
    planned_introduction(service, people)
    contacts.set_opt_out(service.db, people.person_id, True)
    service.db.commit()
    service.db.expire_all()
    left = {(d.person_id, d.status) for d in service.db.scalars(
        select(Delivery).where(Delivery.template == "introduction_reminder"))}
    assert left == {(people.person_id, "superseded"), (people.buddy_id, "pending")}


def test_erasure_withdraws_the_persons_pending_messages(consumer):
    service, people = consumer("notifications"), People()
    planned_introduction(service, people)
    deliver(service, "notifications.forget_person", an_event("person_erased", people, revision=2))
    pending = set(service.db.scalars(select(Delivery.person_id).where(Delivery.status == "pending")))
    assert pending == {people.buddy_id}, "the other side's messages wait for matching's no"


def test_erasing_someone_in_an_open_proposal_tells_the_other_side_and_forgets_the_words(consumer):
    matching, people = consumer("matching"), People()
    matching.db.add(Proposal(id=people.proposal_id, buddy_id=people.buddy_id,
                             participant_id=people.person_id, score=1.0, status="introduction_planned",
                             choice_reason="Amina likes walking", introduction_starts_at=NOW,
                             introduction_ends_at=NOW + timedelta(hours=1),
                             introduction_location="Huis van de Wereld", introduction_sequence=1))
    matching.db.commit()
    duos.forget(matching.db, people.person_id)
    matching.db.commit()
    [declined] = matching.db.execute(text(
        "SELECT payload FROM matching.outbox WHERE event_type = 'match_declined'")).scalars().all()
    assert declined["data"]["declined_by"] == "coordinator"
    assert declined["data"]["introduction_sequence"] == 1, "its calendar entry can be cancelled"
    assert matching.db.get(Proposal, people.proposal_id).choice_reason is None


@pytest.mark.parametrize("written", [None, "Amina@Example.ORG"], ids=["the same", "in another case"])
def test_an_opt_out_holds_for_the_same_address_applying_again(consumer, written):
    """Found by trying: someone who stopped messages got an invitation for their second
    application; and, as the person sees it, Amina@Example.ORG and amina@example.org are one."""
    notifications = consumer("notifications")
    first, again = People(), People()
    for people in (first, again):
        deliver(notifications, "notifications.confirm_application", an_event("application_received", people, revision=1))
    if written:
        notifications.db.get(Contact, again.person_id).email = written
    contacts.set_opt_out(notifications.db, first.person_id, True)
    notifications.db.commit()
    deliver(notifications, "notifications.invite_to_intake", an_event("intake_scheduled", again, revision=2))
    invitation = notifications.db.scalars(select(Delivery).where(
        Delivery.person_id == again.person_id, Delivery.template == "intake_invitation")).one()
    assert (invitation.status, invitation.last_error) == ("skipped", "the person opted out of messages")
