"""Order per record, against the real database: every consumer ignores an event older than
what it holds (one test per consumed event type, generated from the catalogue), messages wait
for their predecessor, and a wait is bounded."""
import logging

import eventlet
import pytest
from sqlalchemy import func, select

from services.notifications import deliveries, duo_messages
from services.notifications.models import Delivery
from services.shared import batches, dispatch
from services.shared.wire import PLATFORM
from tests.support.consumers import deliver, hold_revision, known_contacts, templates_queued
from tests.support.subjects import SAMPLES, People, an_event, snapshot
CONSUMED = [(contract, handler) for contract in PLATFORM for handler in contract.consumers]


@pytest.mark.parametrize("contract, handler", CONSUMED,
                         ids=[f"{h}-v{c.version}" for c, h in CONSUMED])
def test_an_event_older_than_what_the_consumer_holds_changes_nothing(consumer, contract, handler):
    assert contract.type in SAMPLES, f"add a sample of {contract.type} to tests/support/subjects.py"
    service = consumer(handler.split(".")[0])
    people = People()
    known_contacts(service, people)
    newer = an_event(contract.type, people, revision=2, version=contract.version)
    hold_revision(service.db, contract.subject, newer.subject_id, 1)
    assert deliver(service, handler, newer)[0].status == batches.APPLIED
    before = snapshot(service.db, service.name)
    older = an_event(contract.type, people, revision=1, version=contract.version)
    assert deliver(service, handler, older)[0].status == batches.APPLIED  # taken from the queue
    assert snapshot(service.db, service.name) == before, f"{handler} applied an older revision"


def test_a_message_waits_for_the_one_before_it(consumer):
    service, people = consumer("notifications"), People()
    known_contacts(service, people)
    formed = an_event("duo_formed", people, revision=2)
    deliver(service, "notifications.tell_duo_formed", formed)
    assert templates_queued(service.db) == [], "'you are a duo' waits for 'we found you a buddy'"
    deliver(service, "notifications.tell_match_proposed", an_event("match_proposed", people, revision=1))
    assert templates_queued(service.db) == ["match_proposed"] * 2 + ["duo_formed"] * 2


def test_a_message_waits_for_the_contact_details_of_the_people_it_is_about(consumer):
    service, people = consumer("notifications"), People()
    deliver(service, "notifications.tell_match_proposed", an_event("match_proposed", people, revision=1))
    assert templates_queued(service.db) == []
    for event_type, person in (("application_received", people), ("application_received",
                                                                    People(person_id=people.buddy_id))):
        deliver(service, "notifications.confirm_application", an_event(event_type, person, revision=1))
    assert sorted(templates_queued(service.db)) == ["application_received"] * 2 + ["match_proposed"] * 2


def test_a_message_whose_predecessor_never_comes_goes_out_after_the_bound_and_says_so(consumer, caplog):
    service, people = consumer("notifications", EVENT_HOLD_SECONDS=0), People()
    known_contacts(service, people)
    deliver(service, "notifications.tell_duo_ended", an_event("duo_ended", people, revision=4))
    assert templates_queued(service.db) == []
    with caplog.at_level(logging.WARNING, logger="services.shared.ordering"):
        assert dispatch.release_overdue(service) == 1
    assert templates_queued(service.db) == ["duo_ended"] * 2
    assert "without revisions 1-3 of duo" in caplog.text, "the gap is logged"
    late = an_event("match_proposed", people, revision=1)
    deliver(service, "notifications.tell_match_proposed", late)
    assert templates_queued(service.db) == ["duo_ended"] * 2, "what is older than the end stays unsent"


def test_a_held_message_that_cannot_be_applied_is_kept_with_its_reason_and_the_rest_go_on(consumer):
    service, lost, fine = consumer("notifications", EVENT_HOLD_SECONDS=0), People(), People()
    known_contacts(service, fine)
    deliver(service, "notifications.tell_match_proposed", an_event("match_proposed", lost, revision=1))
    deliver(service, "notifications.tell_duo_formed", an_event("duo_formed", fine, revision=2))
    assert dispatch.release_overdue(service) == 2
    assert templates_queued(service.db) == ["duo_formed"] * 2
    held = service.db.info["backbone"].held
    failed = service.db.execute(select(held.c.handler, held.c.last_error)
                                .where(held.c.failed_at.is_not(None))).one()
    assert failed.handler == "notifications.tell_match_proposed"
    assert "no contact details" in failed.last_error
    assert service.db.scalar(select(func.count()).select_from(held)
                             .where(held.c.failed_at.is_(None))) == 0
    problem = next(p for p in service.health()["problems"] if p["what"] == "held events")
    assert problem["kind"] == "isolated" and "no contact details" in problem["detail"], \
        "the operator sees it: the service is degraded"


def test_a_held_event_that_fails_when_released_does_not_take_its_predecessor_down(consumer, monkeypatch):
    service, people = consumer("notifications"), People()
    known_contacts(service, people)
    real = duo_messages.tell_both

    def broken_for_formed(session, sender, event, template, **context):
        if template == "duo_formed":
            raise KeyError("planned_end_on")
        return real(session, sender, event, template, **context)
    monkeypatch.setattr(duo_messages, "tell_both", broken_for_formed)
    deliver(service, "notifications.tell_duo_formed", an_event("duo_formed", people, revision=2))
    [outcome] = deliver(service, "notifications.tell_match_proposed", an_event("match_proposed", people, revision=1))
    assert outcome.status == batches.APPLIED, outcome.error
    assert templates_queued(service.db) == ["match_proposed"] * 2, "'we found you a buddy' still goes out"
    held = service.db.info["backbone"].held
    assert "planned_end_on" in service.db.scalar(select(held.c.last_error).where(held.c.failed_at.is_not(None)))


def test_when_a_gap_never_fills_the_held_messages_go_out_in_their_order(consumer):
    service, people = consumer("notifications", EVENT_HOLD_SECONDS=0), People()
    known_contacts(service, people)  # revision 1 (the proposal) is lost; 4, 3, 2 arrive in turn
    for event_type, handler, revision in (("duo_ended", "tell_duo_ended", 4),
                                          ("duo_formed", "tell_duo_formed", 3),
                                          ("introduction_scheduled", "invite_to_introduction", 2)):
        deliver(service, f"notifications.{handler}", an_event(event_type, people, revision=revision))
    dispatch.release_overdue(service)
    assert [t for t in templates_queued(service.db) if not t.endswith("_reminder")] == \
        ["introduction_invitation"] * 2 + ["duo_formed"] * 2 + ["duo_ended"] * 2


def test_a_message_being_retried_is_not_overtaken_by_the_next_one_for_that_person(consumer):
    service, people = consumer("notifications"), People()
    known_contacts(service, people)
    deliver(service, "notifications.tell_match_proposed", an_event("match_proposed", people, revision=1))
    deliver(service, "notifications.tell_duo_formed", an_event("duo_formed", people, revision=2))
    proposed = service.db.scalars(select(Delivery).where(Delivery.template == "match_proposed")).all()
    for delivery in proposed:  # a temporary SMTP error: tried again in 30 s
        deliveries.mark_attempt_failed(delivery, "451 try again later", 30)
        delivery.next_attempt_at = delivery.created_at  # ...and already due again
    service.db.commit()
    due = [d.template for d in deliveries.DUE.claim(service.db, 100)]
    assert sorted(due) == ["match_proposed"] * 2, "'you are a duo' waits behind the retry"
    service.db.rollback()


def test_a_message_held_again_keeps_the_wait_it_began_with(consumer):
    service, people = consumer("notifications"), People()
    deliver(service, "notifications.tell_match_proposed", an_event("match_proposed", people, revision=1))
    held = service.db.info["backbone"].held
    first = service.db.scalar(select(held.c.release_at))
    service.db.commit()  # a later transaction: now() moves on
    deliver(service, "notifications.note_profile_updated",  # the participant's next event, but no contact yet
            an_event("person_profile_updated", people, revision=1))
    assert service.db.scalar(select(held.c.release_at)) == first




def test_a_hold_committed_while_its_predecessor_waited_for_the_lock_is_released(consumer):
    first, second, people = consumer("notifications"), consumer("notifications"), People()
    known_contacts(first, people)
    hold_revision(first.db, "person", people.person_id, 1)
    invited = an_event("buddy_invited", people, revision=3)
    dispatch.run(first, "notifications.send_buddy_invitation", invited)  # held, not committed yet
    screened = eventlet.spawn(deliver, second, "notifications.tell_buddy_decision",
                              an_event("buddy_screened", people, revision=2, version=2))
    eventlet.sleep(0.3)  # the screening now waits for the person's row
    first.db.commit()
    screened.wait()
    assert templates_queued(second.db) == ["screening_decision", "buddy_invitation"]
