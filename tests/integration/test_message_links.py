"""The links in a message are asked of intake as it goes out: the stored message never holds
one, a message whose link is refused fails alone, and while intake does not answer nothing
that needs a link goes out, health says why, and it all goes out once intake is back."""
import uuid

from sqlalchemy import text

from services.notifications.service import NotificationsService
from tests.support.events import publish
from tests.support.link_issuer import LinkIssuerStandIn, link_for
from tests.support.notification_events import PERSON, application_received, deliveries, received
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
    assert mail["To"] == "lea@example.org"
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
