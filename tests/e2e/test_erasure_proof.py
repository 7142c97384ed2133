"""The proof that erasure reaches everything: people erased in every state — waiting, with an
interview planned (their text-message reminder waiting), in an open proposal with its
introduction planned, in a duo, with an email retry pending — leave no trace of their names,
addresses, phone numbers (as typed and in E.164) or of any link issued to them in any column
of any schema, in the broker's parked queues or in any service's log; the people on the other
side are told, and everyone else's messages still go out. And no live link is written in any
table, queue or log line of the whole end-to-end run so far."""
import re

import requests

from services import SERVICES
from services.shared import topology
from services.shared.wire import PLATFORM
from tests.support import broker
from tests.support.applicants import applied, approved
from tests.support.appointments import introduction_held
from tests.support.builders import an_interview
from tests.support.mailbox import mail_where, saying, with_calendar
from tests.support.traces import traces
from tests.support.waiting import eventually

LINK = re.compile(r"/(status|stop|account/setup)/([A-Za-z0-9_-]{16,})")
INTRODUCTION = {"starts_at": "2030-05-06T14:00:00+02:00", "location": "Huis van de Wereld"}


def a_person(fresh, api, role, first, last, decided=True, e164=None, **contact):
    """Someone who applied (and was approved, if `decided`), with what they typed."""
    answers = {"first_name": first, "last_name": last, **contact}
    made = approved(fresh, api, role, **answers) if decided else applied(fresh, role=role, **answers)
    return {**made, **answers, "e164": e164}


def propose(fresh, api, buddy, participant) -> str:
    proposal = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": buddy["person_id"], "participant_id": participant["person_id"]})
    assert proposal.status_code == 201, proposal.text
    here = fresh.url(f"/api/v1/matching/proposals/{proposal.json()['id']}")
    assert api.post(here + "/introduction", json=INTRODUCTION).status_code == 200
    return here


def tokens_sent(fresh, people) -> set[str]:
    """Every link token in the mails and texts these people received, and in their status links."""
    found = {LINK.search(p["status_url"]).group(2) for p in people}
    for person in people:
        for mail in fresh.mails(to=person.get("email") or "\0"):
            found |= {m.group(2) for m in LINK.finditer(mail.get_body(("plain",)).get_content())}
        for sms in fresh.texts(to=person.get("e164") or "\0"):
            found |= {m.group(2) for m in LINK.finditer(sms["Body"])}
    return found


def pending_for(api, fresh, person) -> list[dict]:
    return [d for d in api.get(fresh.url("/api/v1/notifications"), params={
        "person_id": person["person_id"]}).json()["items"] if d["status"] == "pending"]


def needles_of(person) -> list[str]:
    return [value for key in ("first_name", "last_name", "email", "phone", "e164") if (value := person.get(key))]


def service_logs(fresh) -> str:
    """Every line the services and the gateway have logged in this run (not the mail catcher's
    or the SMS sink's: they stand for the outside world)."""
    return "\n".join(p.log_path.read_text(errors="replace") for p in fresh.processes
                     if p.name not in ("mail", "sms"))


def test_people_erased_in_every_state_leave_no_trace_and_the_others_are_told(fresh, api, db, config):
    wanda = a_person(fresh, api, "participant", "Wandaqix", "Vroomtel", decided=False, email="wanda.vroomtel@example.org")
    ivo = a_person(fresh, api, "participant", "Ivoquar", "Smetsbol", decided=False, email=None,
                   phone="0470 12 99 88", channel="sms", e164="+32470129988")
    assert api.post(fresh.url(f"/api/v1/applications/{ivo['application_id']}/intake"),
                    json=an_interview()).status_code == 201
    pia = a_person(fresh, api, "participant", "Piazelt", "Oorwinkel", email="pia.oorwinkel@example.org")
    bert = a_person(fresh, api, "buddy", "Bert", "Buddyman", email="bert.buddyman@example.org", language="nl")
    propose(fresh, api, bert, pia)
    dina = a_person(fresh, api, "participant", "Dinarqu", "Zwolvek", email="dina.zwolvek@example.org")
    dirk = a_person(fresh, api, "buddy", "Dirk", "Duoman", email="dirk.duoman@example.org", language="nl")
    duo = propose(fresh, api, dirk, dina)
    introduction_held(db, duo.rsplit("/", 1)[1])
    for side in ("buddy", "participant"):
        assert api.post(duo + "/answers", json={"side": side, "answer": "yes"}).status_code == 200
    mail_where(fresh, dina, saying("duo"), "saying they are a duo")
    gina = a_person(fresh, api, "participant", "Ginavrel", "Grijstok", decided=False,
                    email="gina.greylisted@example.org")
    eventually(lambda: [d for d in api.get(fresh.url("/api/v1/notifications"), params={
        "person_id": gina["person_id"]}).json()["items"] if d["attempts"] >= 1 and d["status"] == "pending"],
        timeout=20, message="her confirmation waiting for a retry (the server said: later)")
    eventually(lambda: fresh.texts(to=ivo["e164"]), timeout=15, message="Ivo's interview invitation")
    assert [d["template"] for d in pending_for(api, fresh, ivo)] == ["intake_reminder"], "his reminder waits"

    erased = [wanda, ivo, pia, dina, gina]
    tokens = tokens_sent(fresh, erased)
    assert len(tokens) >= 2 * len(erased), "each got a status link at least, and a stop link"
    needles = [n for person in erased for n in needles_of(person)] + sorted(tokens)
    assert traces(db, needles_of(wanda) + needles_of(ivo)), "before: the platform holds their data"
    for person in erased:
        assert api.delete(fresh.url(f"/api/v1/people/{person['person_id']}")).status_code == 200

    mail_where(fresh, bert, with_calendar("CANCEL"), "telling Bert the introduction is off")
    mail_where(fresh, bert, saying("Over de voorgestelde match"), "telling Bert the proposal is off")
    mail_where(fresh, dirk, saying("Jullie traject is afgelopen"), "telling Dirk the duo ended")
    eventually(lambda: traces(db, needles) == [], timeout=20, message="no trace left in any table")
    parked = broker.peek(config, [topology.parked_queue_name(name) for name in SERVICES])
    assert not [n for n in needles if any(n in body for body in parked)], "nor in a parked message"
    logged = service_logs(fresh)
    assert not [n for n in needles if n in logged], "nor in any service's log"
    for person in erased:
        assert pending_for(api, fresh, person) == [], f"nothing is still on its way to {person['first_name']}"

    olga = applied(fresh, role="participant", first_name="Olga", email="olga.after@example.org")
    mail_where(fresh, olga, saying("Olga"), "the confirmation of someone who applied after")
    assert requests.get(olga["status_url"], timeout=10).status_code == 200


def test_no_live_link_is_in_any_table_queue_or_log_line_of_the_run(fresh, api, db, config):
    person = applied(fresh, role="participant", first_name="Linde", email="linde.links@example.org")
    mail_where(fresh, person, saying("Linde"), "her confirmation")
    stop = LINK.search(next(m for m in LINK.finditer(
        fresh.mails(to=person["email"])[0].get_body(("plain",)).get_content()) if m.group(1) == "stop").group(0))
    assert requests.get(fresh.url(stop.group(0)), timeout=10).status_code == 200
    assert requests.get(person["status_url"], timeout=10).status_code == 200
    issued = {stop.group(2), LINK.search(person["status_url"]).group(2)}
    assert traces(db, sorted(issued)) == [], "only hashes are kept"
    queued = broker.peek(config, broker.queue_names([PLATFORM]))
    assert not [body for body in queued if LINK.search(body)], "no message on the bus holds a link"
    written = [line for line in service_logs(fresh).splitlines() if LINK.search(line)]
    assert written == [], f"log lines with a live link: {written[:3]}"
