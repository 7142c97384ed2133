"""Order per record, against the real database: every consumer ignores an event older than
what it holds (one test per consumed event type, generated from the catalogue), messages wait
for their predecessor, and a wait is bounded."""
import functools
import logging

import pytest
from nameko.testing.services import worker_factory
from sqlalchemy import func, select

from services.intake.models import Person
from services.intake.service import IntakeService
from services.manage import service_session
from services.matching.service import MatchingService
from services.notifications import contacts, duo_messages
from services.notifications.models import Delivery
from services.notifications.service import NotificationsService
from services.shared import batches, dispatch
from services.shared.wire import PLATFORM
from tests.support.builders import an_application
from tests.support.subjects import SAMPLES, People, an_event, snapshot

SERVICE_CLASSES = {"intake": IntakeService, "matching": MatchingService,
                   "notifications": NotificationsService}
CONSUMED = [(contract, handler) for contract in PLATFORM for handler in contract.consumers]


@pytest.fixture
def consumer(config, db):
    """A consumer service in this process on its own session: `consumer(name, **config)`."""
    sessions = []

    def make(name, **overrides):
        session = service_session(config, name)
        sessions.append(session)
        return worker_factory(SERVICE_CLASSES[name], db=session, config={**config, **overrides})
    yield make
    for session in sessions:
        session.close()
        session.get_bind().dispose()


def deliver(service, handler: str, *events):
    """Apply events as the handler's queue would hand them over (inbox, batch, order)."""
    return batches.apply_batch(service.db, handler, functools.partial(dispatch.run, service, handler),
                               list(events))


def hold_revision(session, subject_type: str, subject_id: str, revision: int):
    """As if this service had applied `revision` of the subject already."""
    table = session.info["backbone"].applied
    session.execute(table.insert().values(subject_type=subject_type, subject_id=subject_id,
                                          revision=revision))
    session.commit()


def known_contacts(service, people: People):
    if service.name == "notifications":
        for person_id, role in ((people.person_id, "participant"), (people.buddy_id, "buddy")):
            contacts.remember(service.db, {"person_id": person_id, "role": role, "language": "fr",
                                           "first_name": role.title(), "channel": "email",
                                           "email": f"{role}@example.org"})
        service.db.commit()


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


def templates_queued(session) -> list[str]:
    return list(session.scalars(select(Delivery.template).order_by(Delivery.created_at, Delivery.id)))


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


def a_participant(service) -> str:
    """An applicant's person id, through intake's own submit entrypoint."""
    return service.submit_application(an_application())["person_id"]


def match_state(service, person_id) -> str | None:
    service.db.expire_all()
    return service.db.get(Person, person_id).match_state


def test_a_replayed_proposal_does_not_set_the_status_page_back_after_the_duo_formed(consumer):
    intake = consumer("intake")
    people = People(person_id=a_participant(intake))
    deliver(intake, "intake.note_match_proposed", an_event("match_proposed", people, revision=1))
    deliver(intake, "intake.note_duo_formed", an_event("duo_formed", people, revision=2))
    deliver(intake, "intake.note_match_proposed", an_event("match_proposed", people, revision=1))
    assert match_state(intake, people.person_id) == "in_duo"


def test_a_late_end_of_an_earlier_duo_does_not_undo_a_new_proposal(consumer):
    intake = consumer("intake")
    first = People(person_id=a_participant(intake))
    second = People(person_id=first.person_id, buddy_id=first.buddy_id)
    deliver(intake, "intake.note_duo_formed", an_event("duo_formed", first, revision=2))
    deliver(intake, "intake.note_match_proposed", an_event("match_proposed", second, revision=1))
    deliver(intake, "intake.note_duo_ended", an_event("duo_ended", first, revision=3))
    assert match_state(intake, first.person_id) == "proposed", "the person follows the newer proposal"


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
