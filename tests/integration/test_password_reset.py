"""A forgotten password, as intake and notifications handle it: the same answer for everyone,
a link only for an active buddy's account, single use, expiring, never stored or sent on in
the clear; the new password ends every session opened with the old one, which stops working."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from services.notifications.service import NotificationsService
from services.shared.errors import Gone, InvalidInput, NotAuthenticated, NotFound
from services.shared.revocations import Revocations
from tests.support.applicants import reset_token
from tests.support.credentials import PASSWORD, a_buddy_with_an_account, as_holder
from tests.support.events import an_event, publish
from tests.support.notification_events import PERSON, application_received, deliveries, received
from tests.support.traces import traces
from tests.support.waiting import eventually

NEW = "a brand new and lovely password"
RESET = "password_reset"


def asked_for(link_maker, intake, outbox, email="an@example.org") -> tuple[dict, str]:
    """Ask for a link for `email`: the event it made, and the token its message would hold."""
    assert intake.request_password_reset({"email": email}) == {"requested": True}
    requested = outbox("password_reset_requested")[-1]
    return requested, reset_token(link_maker, requested)


def test_a_reset_link_sets_a_new_password_once_and_the_old_one_stops_working(link_maker, intake, outbox, db, config):
    created, before = a_buddy_with_an_account(intake, link_maker, outbox)
    requested, token = asked_for(link_maker, intake, outbox, email="An@Example.org")
    assert set(requested["data"]) == {"person_id", "reset_id", "expires_at"}, "ids, never the link"
    assert requested["data"]["person_id"] == created["person_id"]
    assert traces(db, [token]) == [], "no table, outbox row included, holds the token"
    assert intake.check_invitation(token, RESET) == {"usable": True}
    with pytest.raises(NotFound):
        intake.check_invitation(token), "a reset link is no invitation link"

    ready = intake.accept_invitation(token, {"password": NEW}, RESET, 8)
    assert ready["email"] == "an@example.org" and ready["session"]["role"] == "buddy"
    assert intake.check_credential(ready["session"]["id"]) == {"valid": True}, "signed in at once"
    assert intake.check_credential(before["id"]) == {"valid": False}, "the other sessions ended"
    shared = Revocations(config["REDIS_URL"], config["REVOCATION_PREFIX"])
    assert shared.redis.hget(shared.key, f"c:{before['id']}") is not None, "on every gateway"
    with pytest.raises(NotAuthenticated):
        intake.start_session({"email": "an@example.org", "password": PASSWORD})
    assert intake.start_session({"email": "an@example.org", "password": NEW})["role"] == "buddy"

    for attempt in (lambda: intake.check_invitation(token, RESET),
                    lambda: intake.accept_invitation(token, {"password": "yet another long password"}, RESET)):
        with pytest.raises(Gone, match="was used already"):
            attempt()
    assert link_maker.issue_links([{"person_id": created["person_id"], "purpose": RESET,
                                    "ref": requested["data"]["reset_id"]}])[0].get("superseded") is True


def test_an_expired_reset_link_says_so(link_maker, intake, outbox, db):
    a_buddy_with_an_account(intake, link_maker, outbox)
    _, token = asked_for(link_maker, intake, outbox)
    with db.begin() as connection:
        connection.execute(text("UPDATE intake.account_invitation SET expires_at = now() WHERE purpose = 'reset'"))
    with pytest.raises(Gone, match="has expired. Ask for a new one"):
        intake.check_invitation(token, RESET)
    with pytest.raises(Gone):
        intake.accept_invitation(token, {"password": NEW}, RESET)
    intake.start_session({"email": "an@example.org", "password": PASSWORD})  # unchanged


def test_an_unknown_address_or_a_coordinator_gets_the_same_answer_and_no_message(intake, coordinators, outbox):
    for email in ("nobody@example.org", coordinators[0]["email"]):
        assert intake.request_password_reset({"email": email}) == {"requested": True}
    assert outbox("password_reset_requested") == []
    with pytest.raises(InvalidInput):
        intake.request_password_reset({"email": "not an address"})


def test_a_closed_account_gets_no_link(link_maker, intake, coordinators, outbox, rpc_as):
    _, session = a_buddy_with_an_account(intake, link_maker, outbox)
    _, pending = asked_for(link_maker, intake, outbox)
    as_holder(rpc_as, intake.start_session(coordinators[0])).deactivate_account(session["account_id"])
    assert intake.request_password_reset({"email": "an@example.org"}) == {"requested": True}
    assert len(outbox("password_reset_requested")) == 1, "none after it was closed"
    with pytest.raises(Gone, match="This account was closed"):
        intake.check_invitation(pending, RESET)


def test_a_newer_link_replaces_the_older_and_three_an_hour_is_the_most(link_maker, intake, outbox):
    a_buddy_with_an_account(intake, link_maker, outbox)
    _, older = asked_for(link_maker, intake, outbox)
    _, newer = asked_for(link_maker, intake, outbox)
    with pytest.raises(Gone):
        intake.check_invitation(older, RESET)
    assert intake.check_invitation(newer, RESET) == {"usable": True}
    asked_for(link_maker, intake, outbox)
    intake.request_password_reset({"email": "an@example.org"})
    assert len(outbox("password_reset_requested")) == 3, "nobody floods a buddy's mailbox"


def test_the_link_goes_by_email_in_their_language_minted_when_sent(start_service, smtp, config, db, links_stand_in):
    """Even for someone who chose text messages: they asked for it at their email address."""
    smtp.start()
    start_service(NotificationsService, SMTP_PORT=smtp.port)
    publish(config, application_received(role="buddy", language="fr", channel="sms", phone="+32470123456"))
    publish(config, an_event("password_reset_requested", {
        "person_id": PERSON, "reset_id": "0d9c1b2a-3333-4000-8000-000000000001",
        "expires_at": datetime.now(timezone.utc) + timedelta(hours=2)}, revision=2))
    mail = eventually(lambda: [m for m in received(smtp) if "mot de passe" in m["Subject"]], timeout=20)[0]
    body = mail.get_body(("plain",)).get_content()
    assert mail["Subject"] == "Choisissez un nouveau mot de passe pour Samen op pad" and mail["To"] == "Jean-Paul <jp@example.org>"
    assert links_stand_in.link_for(PERSON, RESET) in body, "minted when sent"
    assert "/account/forgot?lang=fr" in body, "where to ask again"
    [stored] = [d for d in deliveries(db) if d.template == RESET]
    # kept until sent with a stand-in for the link (none once sent): never the live link
    assert stored.body_text is None or (
        "https://link.invalid/password_reset/0d9c1b2a-3333-4000-8000-000000000001" in stored.body_text)
    assert links_stand_in.link_for(PERSON, RESET) not in (stored.body_text or "")
