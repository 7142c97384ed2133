"""Work already waiting when a loop starts: queued emails (one of them for a person erased
since, as contacts.forget leaves it) and outbox events (one of a retired contract version)."""
import json
import uuid
from datetime import timedelta

from sqlalchemy import text

from services.manage import service_session
from services.notifications import contacts
from services.notifications.models import Delivery
from services.shared.models import utcnow


def a_delivery(person_id: str, email: str | None, queued_at) -> Delivery:
    """A pending email as deliveries.queue_email leaves it, due at `queued_at`."""
    return Delivery(idempotency_key=f"{uuid.uuid4()}:{person_id}:application_received",
                    person_id=person_id, channel="email", recipient=email,
                    template="application_received", language="nl", content_language="nl",
                    subject="We hebben je aanvraag ontvangen", body_text="Dag", body_html="<p>Dag</p>",
                    status="pending", attempts=0, next_attempt_at=queued_at, created_at=queued_at)


def queue_emails_behind_an_erased_person(config, healthy: int) -> tuple[str, list[str]]:
    """An email still pending for a person whose address is gone (as an erasure left it before
    erasure withdrew pending messages), queued first, then `healthy` emails to other people;
    the erased person's id and the healthy addresses."""
    start = utcnow() - timedelta(seconds=5)
    erased = str(uuid.uuid4())
    addresses = [f"person.{n}@example.org" for n in range(healthy)]
    with service_session(config, "notifications") as session:
        contacts.remember(session, {"person_id": erased, "first_name": "Amina",
                                    "email": "amina@example.org", "language": "nl"})
        session.flush()
        contacts.forget(session, erased)
        session.add(a_delivery(erased, None, start))  # pending, without an address
        session.add_all(a_delivery(str(uuid.uuid4()), address, start + timedelta(milliseconds=n + 1))
                        for n, address in enumerate(addresses))
        session.commit()
    return erased, addresses


def deliveries_of(db, person_id: str) -> list:
    with db.connect() as connection:
        return connection.execute(text(
            "SELECT status, last_error, body_text FROM notifications.delivery"
            " WHERE person_id = :p"), {"p": person_id}).all()


def an_outbox_event(db, schema: str, event_type: str, version: int, data: dict) -> str:
    """An event written to `schema`'s outbox as record_event wrote it (for a contract version
    that may have been retired since); its message id."""
    message_id = str(uuid.uuid4())
    payload = {"message_id": message_id, "type": event_type, "version": version,
               "occurred_at": utcnow().isoformat(), "correlation_id": "backlog", "data": data}
    with db.begin() as connection:
        connection.execute(text(
            f'INSERT INTO "{schema}".outbox (message_id, event_type, version, payload)'
            " VALUES (:m, :t, :v, CAST(:p AS jsonb))"),
            {"m": message_id, "t": event_type, "v": version, "p": json.dumps(payload)})
    return message_id


def outbox_row(db, schema: str, message_id: str):
    with db.connect() as connection:
        return connection.execute(text(
            f'SELECT published_at, failed_at, last_error FROM "{schema}".outbox'
            " WHERE message_id = :m"), {"m": message_id}).one()


def an_outbox_row_with_payload_id(db, payload_id: str) -> str:
    """An outbox row of the probe producer whose stored envelope names another message id
    (a bug, or a hand edit): the row's own id."""
    row_id = str(uuid.uuid4())
    payload = {"message_id": payload_id, "type": "probe_happened", "version": 1,
               "occurred_at": utcnow().isoformat(), "correlation_id": "test",
               "subject_type": "probe", "subject_id": str(uuid.uuid4()), "revision": 1,
               "data": {"seq": -1}}
    with db.begin() as connection:
        connection.execute(text(
            "INSERT INTO probe_producer.outbox (message_id, event_type, version, payload)"
            " VALUES (:m, 'probe_happened', 1, CAST(:p AS jsonb))"), {"m": row_id, "p": json.dumps(payload)})
    return row_id


def a_queued_delivery(recipient: str, queued_at, channel: str = "email", **overrides) -> Delivery:
    """A pending delivery as the handlers queue it (for a person notifications knows nothing else of)."""
    values = dict(idempotency_key=f"{uuid.uuid4()}:x:application_received", person_id=str(uuid.uuid4()),
                  channel=channel, recipient=recipient, template="application_received",
                  language="nl", content_language="nl", subject="We hebben je aanvraag ontvangen",
                  body_text="Dag, https://127.0.0.1:8000/status/t0k3n", body_html="<p>Dag</p>",
                  status="pending", attempts=0, next_attempt_at=queued_at, created_at=queued_at)
    return Delivery(**{**values, **overrides})


def queue_deliveries(config, *deliveries: Delivery) -> list[str]:
    with service_session(config, "notifications") as session:
        session.add_all(deliveries)
        session.commit()
    return [delivery.id for delivery in deliveries]


def ended_duos(db, ended_days_ago: tuple[int, ...]) -> tuple[str, str]:
    """Duos of made-up people that ended that many days ago, each with its proposal, a reason
    written about it and a history naming the buddy; the first duo's id and its proposal's."""
    made = []
    with db.begin() as connection:
        for days in ended_days_ago:
            proposal, duo = str(uuid.uuid4()), str(uuid.uuid4())
            people = {"b": str(uuid.uuid4()), "p": str(uuid.uuid4())}
            connection.execute(text(
                "INSERT INTO matching.proposal (id, buddy_id, participant_id, score, criteria, choice_reason,"
                " status, introduction_sequence, proposed_at) VALUES (:id, :b, :p, 0.8, '[]', 'Lotte lives close to her',"
                " 'accepted', 1,"
                " now())"), {"id": proposal, **people})
            connection.execute(text(
                "INSERT INTO matching.duo (id, proposal_id, buddy_id, participant_id, status, started_on,"
                " planned_end_on, ended_on, end_reason, history) VALUES (:id, :proposal, :b, :p, 'ended',"
                " current_date - :days - 180, current_date - :days, current_date - :days, 'completed',"
                " CAST(:history AS jsonb))"),
                {"id": duo, "proposal": proposal, "days": days, **people,
                 "history": json.dumps([{"at": "2024-01-01T00:00:00+00:00", "action": "ended",
                                         "detail": "Lotte moved to Gent"}])})
            made.append((duo, proposal))
    return made[0]
