"""Events about a person whose contact details have not arrived yet.

Intake's events travel on separate queues, so an interview invitation can reach notifications
before the application that carries the person's address. Such an event is held here (its
handler succeeds) and handled again the moment the contact arrives, instead of failing,
backing off and, with a backlog, ending up parked. Both sides take a per-person lock for
their transaction, so an event cannot be held just after the contact's arrival released
what was waiting.
"""
import functools

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from services.notifications.models import Contact, HeldEvent
from services.shared.contracts import Catalogue, Event, parse_event

LOCK_CLASS = 4_815  # advisory locks of notifications' held events: (LOCK_CLASS, hash of person)


PEOPLE = ("person_id", "buddy_id", "participant_id")  # whom an event may concern


def needs_contact(method):
    """Handle the event now if the contact of everyone it concerns is known (an erased person
    counts as known), otherwise hold it for the first one missing."""
    @functools.wraps(method)
    def handle(self, event: Event):
        people = sorted(str(event.data[key]) for key in PEOPLE if event.data.get(key))
        for person_id in people:  # always in the same order: two handlers cannot deadlock
            lock_person(self.db, person_id)
        missing = [person_id for person_id in people if self.db.get(Contact, person_id) is None]
        if missing:
            hold(self.db, event, method.__name__, missing[0], self.catalogue)
        else:
            method(self, event)
    return handle


def lock_person(session: Session, person_id) -> None:
    """Wait for, then keep until commit, the right to hold or release this person's events."""
    session.execute(select(func.pg_advisory_xact_lock(LOCK_CLASS, func.hashtext(str(person_id)))))


def hold(session: Session, event: Event, handler: str, person_id: str, catalogue: Catalogue) -> None:
    """Keep the event, in its wire form, for `handler` to take up when `person_id`'s contact arrives."""
    contract = catalogue.get(event.type, event.version)
    session.merge(HeldEvent(
        message_id=event.message_id, handler=handler, person_id=person_id,
        envelope={"message_id": event.message_id, "type": event.type, "version": event.version,
                  "occurred_at": event.occurred_at.isoformat(),
                  "correlation_id": event.correlation_id,
                  "data": contract.serialize(event.data)}))


def release(session: Session, person_id, catalogue: Catalogue) -> list[tuple[str, Event]]:
    """Take out the events held for this person, oldest first, with the handler of each."""
    rows = session.execute(delete(HeldEvent).where(HeldEvent.person_id == str(person_id))
                           .returning(HeldEvent.handler, HeldEvent.envelope, HeldEvent.held_at))
    ordered = sorted(rows, key=lambda row: row.held_at)
    return [(row.handler, parse_event(row.envelope, catalogue)) for row in ordered]


def forget(session: Session, person_id) -> None:
    """Erasure: what was held for the person is dropped unsent."""
    session.execute(delete(HeldEvent).where(HeldEvent.person_id == str(person_id)))
