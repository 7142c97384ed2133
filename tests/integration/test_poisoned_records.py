"""One poisoned record never stops the rest: a delivery that cannot be sent, or an outbox
event of a retired contract version, is set aside with its reason while everything beside it
goes out; the service says it is degraded, what set the record aside and when."""
import pytest
import email
import email.policy

from sqlalchemy import func, select

from services.notifications.service import NotificationsService
from tests.support.backlog import (
    an_outbox_event,
    deliveries_of,
    outbox_row,
    queue_emails_behind_an_erased_person,
)
from tests.support.probe import Applied, ProbeConsumer, ProbeProducer
from tests.support.waiting import eventually

pytestmark = pytest.mark.usefixtures("links_stand_in")  # notifications asks intake for links


def addressees(smtp) -> set[str]:
    mails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
             for p in smtp.maildir.glob("*.eml")]
    return {mail["To"].addresses[0].addr_spec for mail in mails}


def problems_of(health, kind: str) -> list[dict]:
    return [problem for problem in health.get("problems", []) if problem["kind"] == kind]


def test_an_email_for_an_erased_person_does_not_stop_the_hundred_behind_it(
        start_service, smtp, config, db, rpc):
    erased, addresses = queue_emails_behind_an_erased_person(config, healthy=100)
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port, EMAIL_PER_SECOND=0)
    eventually(lambda: addressees(smtp) == set(addresses), timeout=30,
               message="all 100 healthy emails at the SMTP server")
    [poisoned] = eventually(lambda: [d for d in deliveries_of(db, erased) if d.status == "failed"])
    assert "the person's data was erased" in poisoned.last_error
    assert poisoned.body_text is None, "a message given up on keeps no body"
    health = rpc.notifications.health()
    assert health["status"] == "degraded"
    [isolated] = problems_of(health, "isolated")
    assert isolated["what"] == "delivery-dispatcher" and isolated["since"]
    assert "erased" in isolated["detail"]


def test_an_event_of_a_retired_version_is_given_up_and_the_others_are_published(
        start_service, rpc, db):
    retired = an_outbox_event(db, "probe_producer", "probe_happened", 0, {"seq": -1})
    start_service(ProbeConsumer)
    start_service(ProbeProducer)
    rpc.probe_producer.emit(0, 20)
    with db.connect() as connection:
        eventually(lambda: connection.scalar(select(func.count()).select_from(Applied)) == 20,
                   message="the 20 healthy events applied")
    given_up = eventually(lambda: outbox_row(db, "probe_producer", retired).failed_at
                          and outbox_row(db, "probe_producer", retired))
    assert given_up.published_at is None
    assert "probe_happened" in given_up.last_error and "0" in given_up.last_error
    health = rpc.probe_producer.health()
    assert health["status"] == "degraded" and health["outbox_pending"] == 0
    assert health["outbox_given_up"] == 1
    [isolated] = problems_of(health, "isolated")
    assert isolated["what"] == "outbox-relay" and "probe_happened" in isolated["detail"]
