"""What a message must wait for besides its predecessor: the contact details of the people it
is about.

Intake's and matching's events travel on separate queues, so a match proposal can reach
notifications before the application that carries the buddy's address. Such an event is held
by the backbone (ordering.py) until that person's next revision is applied here — their
application, or new contact details — instead of failing, backing off and, with a backlog,
ending up parked. Each person's revision row is locked while this is decided, so the contact
cannot arrive unseen between the check and the hold.
"""
from services.notifications.models import Contact
from services.shared.contracts import Event
from services.shared.ordering import Subject, applied_revision

PEOPLE = ("person_id", "buddy_id", "participant_id")  # whom an event may concern


def missing_contact(service, event: Event) -> Subject | None:
    """The first person the event concerns whose contact is not known yet (an erased person
    counts as known: their messages are skipped, not held), or None."""
    people = sorted({str(event.data[key]) for key in PEOPLE if event.data.get(key)})
    # in one order, but after the event's own subject: a transaction that applies a person's
    # event and releases a message about them locks the other way round, and may deadlock
    # with this one; batches.py runs the loser again
    for person_id in people:
        applied_revision(service.db, Subject("person", person_id))
    missing = [person_id for person_id in people if service.db.get(Contact, person_id) is None]
    return Subject("person", missing[0]) if missing else None
