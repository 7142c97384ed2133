"""Driving one consumer service in this process on the real database, as its queues would:
the helpers of the order-per-record tests."""
import functools

from sqlalchemy import select

from services.intake.models import Person
from services.notifications import contacts
from services.notifications.models import Delivery
from services.shared import batches, dispatch
from tests.support.builders import an_application
from tests.support.subjects import People


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


def templates_queued(session) -> list[str]:
    return list(session.scalars(select(Delivery.template).order_by(Delivery.created_at, Delivery.id)))


def a_participant(service) -> str:
    """An applicant's person id, through intake's own submit entrypoint."""
    return service.submit_application(an_application())["person_id"]


def match_state(service, person_id) -> str | None:
    service.db.expire_all()
    return service.db.get(Person, person_id).match_state
