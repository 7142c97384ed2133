"""The links in a message are asked of intake as it goes out: the stored message never holds
one, a message whose link is refused fails alone, and while intake does not answer nothing
that needs a link goes out, health says why, and it all goes out once intake is back."""
import uuid

import eventlet
import pytest
from nameko.rpc import rpc
from sqlalchemy import text

from services.notifications.links import LinkMaker, LinksUnavailable, placeholder
from services.notifications.models import Delivery
from services.notifications.service import NotificationsService
from tests.support import broker
from tests.support.events import an_event, publish
from tests.support.link_issuer import LinkIssuerStandIn, link_for
from tests.support.notification_events import PERSON, STARTS, application_received, deliveries, received
from tests.support.waiting import eventually

OTHER = str(uuid.uuid4())


def dispatcher_health(db):
    with db.connect() as connection:
        return connection.execute(text("SELECT failures, last_error FROM notifications.loop_health"
                                       " WHERE loop = 'delivery-dispatcher'")).first()


def test_a_message_gets_fresh_links_and_one_refused_fails_alone(start_service, smtp, config, db,
                                                                links_stand_in):
    links_stand_in.REFUSED.add(PERSON)
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, application_received(), application_received(person_id=OTHER, email="lea@example.org"))
    [mail] = eventually(lambda: received(smtp), timeout=15)
    body = mail.get_body(("plain",)).get_content() + mail.get_body(("html",)).get_content()
    assert mail["To"].addresses[0].addr_spec == "lea@example.org"
    assert link_for(OTHER, "status") in body and link_for(OTHER, "stop") in body
    assert "link.invalid" not in body, "every placeholder was filled"
    refused = eventually(lambda: [d for d in deliveries(db) if d.status == "failed"], timeout=10)
    assert refused[0].recipient == "jp@example.org" and refused[0].attempts == 1
    assert refused[0].last_error == "its link could not be made: the person is not known here, or was erased"


def test_while_intake_does_not_answer_messages_wait_and_health_says_why(start_service, smtp, config, db):
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, application_received())
    health = eventually(lambda: (row := dispatcher_health(db)) and row.failures >= 1 and row, timeout=20)
    assert health.last_error.startswith("LinksUnavailable: intake could not make the messages' links")
    [waiting] = deliveries(db)
    assert (waiting.status, waiting.attempts) == ("pending", 0), "no attempt is spent on an outage"
    assert "https://link.invalid/status" in waiting.body_text, "the stored message holds no live link"
    start_service(LinkIssuerStandIn)
    [mail] = eventually(lambda: received(smtp), timeout=20)
    assert link_for(PERSON, "status") in mail.get_body(("plain",)).get_content()
    assert eventually(lambda: dispatcher_health(db).failures == 0, timeout=10)


class LateIssuer:
    """Intake answering, but only after the dispatcher stopped waiting."""

    name = "intake"

    @rpc
    def issue_links(self, wanted):
        eventlet.sleep(1.5)
        return [{"url": "http://127.0.0.1:8000/stop/a-late-live-token"} for _ in wanted]


def test_an_answer_that_comes_too_late_finds_no_queue_to_wait_in(start_service, config):
    """Found by trying: late answers, with live links, waited unread in the broker for minutes."""
    start_service(LateIssuer)
    maker = LinkMaker(config, timeout=0.5)
    reply_queue = maker.started() and maker.runner._reply_listener.queue_consumer.queue.name
    waiting = Delivery(id=str(uuid.uuid4()), person_id=PERSON, body_text=placeholder("stop"), body_html=None)
    with pytest.raises(LinksUnavailable):
        maker.fill([waiting])
    eventlet.sleep(2)  # the answer has been sent by now
    assert not broker.exists(config, reply_queue)


def test_an_invitation_replaced_before_it_went_out_is_withdrawn_not_failed(start_service, smtp, config, db,
                                                                         links_stand_in):
    """Found by trying: inviting a buddy twice showed the first invitation as a failure."""
    old, new = str(uuid.uuid4()), str(uuid.uuid4())
    links_stand_in.REPLACED.add(old)
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, application_received(role="buddy", language="nl"),
            *[an_event("buddy_invited", {"person_id": PERSON, "invitation_id": ref, "expires_at": STARTS},
                       revision=n) for n, ref in ((2, old), (3, new))])
    settled = eventually(lambda: (rows := [d for d in deliveries(db) if d.template == "buddy_invitation"])
                         and all(d.status != "pending" for d in rows) and len(rows) == 2 and rows, timeout=20)
    assert sorted(d.status for d in settled) == ["sent", "superseded"]
    with db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM notifications.outbox"
                                       " WHERE event_type = 'notification_failed'")).scalar() == 0
