"""Demo data for matching: the pool as matching will learn it from intake's decisions, one duo
on its way and one proposal with its introduction planned. Written through matching's own
domain functions on its own schema, so its events (to notifications and intake) go through
its outbox as in production. Loading twice changes nothing."""
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.intake.models import Application, Person
from services.matching import pool, proposals
from services.matching.models import Proposal
from services.shared.models import utcnow

DUO = ("Lotte", "Amina")          # buddy, participant: formed
INTRODUCTION = ("Els", "Hanna")   # proposed, introduction planned


def approved_people(intake_session, domain: str) -> list[dict]:
    """The demo's approved people, as the screening events tell matching about them."""
    found = intake_session.execute(
        select(Person, Application).join(Application, Application.person_id == Person.id)
        .where(Person.email.like(f"%@{domain}"), Application.status == "approved"))
    return [{"person_id": person.id, "first_name": person.first_name, "role": application.role,
             "decision": "approved", "decided_at": application.decided_at, "profile": person.profile}
            for person, application in found]


def load(config: dict, approved: list[dict]) -> None:
    from services.manage import service_session
    with service_session(config, "matching") as session:
        if session.scalar(select(Proposal).limit(1)) is not None:
            print("demo matching: already there")
            return
        for screened in approved:
            _add_to_pool(session, screened)
        ids = {person["first_name"]: person["person_id"] for person in approved}
        duo_days = int(config.get("DUO_LENGTH_DAYS") or 182)
        _pair(session, ids, DUO, duo_days, formed=True)
        _pair(session, ids, INTRODUCTION, duo_days, formed=False)
        session.commit()
        print(f"demo matching: {len(approved)} people in the pool, a duo and a planned introduction")


def _add_to_pool(session, screened: dict):
    """As matching would on the screening event — which a running matching may be applying at
    this very moment: then its row stands and this one steps aside."""
    try:
        with session.begin_nested():
            pool.add_screened(session, screened)
            session.flush()
    except IntegrityError:
        pass


def _pair(session, ids, names, duo_days, formed):
    buddy, participant = (ids[name] for name in names)
    proposal = proposals.propose(session, {"buddy_id": buddy, "participant_id": participant,
                                           "reason": "Demo: they met at the language café."})
    proposals.plan_introduction(session, proposal.id, {
        "starts_at": utcnow().replace(minute=0, second=0, microsecond=0) + timedelta(days=2, hours=3),
        "duration_minutes": 60, "location": "Huis van de Wereld, Sint-Truiden"})
    if formed:  # the duo met yesterday: a yes is recorded once the introduction took place
        proposal.introduction_starts_at -= timedelta(days=3)
        proposal.introduction_ends_at -= timedelta(days=3)
    for side in ("buddy", "participant") if formed else ():
        proposals.answer(session, proposal.id, {"side": side, "answer": "yes", "reason": None}, duo_days)
