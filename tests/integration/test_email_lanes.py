"""Email on several SMTP connections at once, against a real SMTP server that takes its time:
every message arrives once, the connections really overlap, and each person's messages arrive
in the order they were queued."""
import asyncio
import email
import email.policy
import threading

import pytest
from aiosmtpd.controller import Controller

from services.notifications.dispatcher import Pace
from services.notifications.lanes import EmailLanes
from services.notifications.mailer import Mailer, SmtpSettings
from services.notifications.models import Delivery
from tests.support.platform import free_port


class SlowServer:
    """Keeps each message (recipient, subject, connection) after a pause, as a busy relay; the
    first message of a series takes longest, so a later one sent beside it would overtake it."""

    def __init__(self):
        self.arrived, self.raw, self.busy, self.most_at_once = [], [], 0, 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.busy += 1
            self.most_at_once = max(self.most_at_once, self.busy)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        await asyncio.sleep(0.15 if message["Subject"] == "message 0" else 0.01)
        with self.lock:
            self.busy -= 1
            self.arrived.append((envelope.rcpt_tos[0], message["Subject"], session.peer))
            self.raw.append(envelope.content)
        return "250 OK"


@pytest.fixture
def server():
    handler, port = SlowServer(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def a_delivery(recipient: str, subject: str, person_id: str | None = None) -> Delivery:
    return Delivery(id=f"{recipient}-{subject}", person_id=person_id, recipient=recipient, subject=subject, body_text="Dag",
                    body_html="<p>Dag</p>", content_language="nl", calendar=None)


def lanes(port: int, connections: int = 4) -> EmailLanes:
    settings = SmtpSettings(host="127.0.0.1", port=port, sender="samenoppad@example.org")
    return EmailLanes(Mailer(settings), connections, Pace(0))


def test_each_message_arrives_once_over_overlapping_connections_and_in_order_per_person(server):
    handler, port = server
    people = [f"person{n}@example.org" for n in range(7)]
    queued = [a_delivery(person, f"message {step}") for step in range(5) for person in people]
    outcomes = lanes(port).send_all(queued)
    assert [o.error for o in outcomes] == [None] * len(queued)
    assert sorted((to, subject) for to, subject, _ in handler.arrived) == sorted(
        (d.recipient, d.subject) for d in queued)
    assert handler.most_at_once > 1, "the connections overlap"
    assert len({peer for _, _, peer in handler.arrived}) > 1
    for person in people:
        assert [s for to, s, _ in handler.arrived if to == person] == [f"message {n}" for n in range(5)]


def test_a_server_that_is_down_fails_every_message_of_the_batch_for_a_retry():
    outcomes = lanes(free_port(), connections=2).send_all([a_delivery("amina@example.org", "Hallo"),
                                                          a_delivery("lotte@example.org", "Dag")])
    assert len(outcomes) == 2
    assert all(o.error.startswith("SMTP unreachable") and not o.permanent for o in outcomes)


def test_the_name_in_to_arrives_encoded_and_reads_back_as_written_in_any_script(server):
    handler, port = server
    names = {"p-ar": "أمينة الحسن", "p-uk": "Олена Коваленко", "p-nl": 'Lotte "Lo" Peeters, jr.'}
    queued = [a_delivery("amina@example.org", "message 1", "p-ar"),
              a_delivery("olena@example.org", "message 2", "p-uk"),
              a_delivery("lotte@example.org", "message 3", "p-nl"),
              a_delivery("anon@example.org", "message 4", "p-gone")]  # erased: the address alone
    assert [o.error for o in lanes(port).send_all(queued, names)] == [None] * 4
    received = {}
    for raw in handler.raw:
        header = next(line for line in raw.split(b"\r\n") if line.startswith(b"To:"))
        assert header.isascii(), "the header is encoded on the wire, not raw UTF-8"
        to = email.message_from_bytes(raw, policy=email.policy.default)["To"].addresses
        assert len(to) == 1, "a comma or quote in a name never makes a second recipient"
        received[to[0].addr_spec] = to[0].display_name
    assert received == {"amina@example.org": "أمينة الحسن", "olena@example.org": "Олена Коваленко",
                        "lotte@example.org": 'Lotte "Lo" Peeters, jr.', "anon@example.org": ""}
