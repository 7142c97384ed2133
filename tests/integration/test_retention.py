"""Retention: a rejected applicant is erased everywhere a year after the decision, keeping the
anonymised application for the counts; old sign-in attempts and expired links are forgotten;
an ended duo forgets its people and words after two years and is still counted."""
from datetime import timedelta

import pytest
from sqlalchemy import text

from services.intake.service import IntakeService
from services.matching.service import MatchingService
from services.shared.caller import Caller
from services.shared.errors import NotFound
from services.shared.models import utcnow
from tests.support.backlog import ended_duos
from tests.support.builders import an_application
from tests.support.waiting import eventually


def age(db, sql: str, **params):
    with db.begin() as connection:
        connection.execute(text(sql), params)


def test_a_rejected_applicant_is_forgotten_after_the_retention_and_still_counted(start_service, rpc, db, outbox):
    start_service(IntakeService, RETENTION_POLL_SECONDS=0.2, REJECTED_RETENTION_DAYS=365)
    kept, old = (rpc.intake.submit_application(an_application()) for _ in range(2))
    for created in (kept, old):
        rpc.intake.record_screening(created["application_id"], {"decision": "rejected", "reason": "no"})
    age(db, "UPDATE intake.application SET decided_at = :at WHERE id = :id",
        at=utcnow() - timedelta(days=366), id=old["application_id"])
    eventually(lambda: [e for e in outbox("person_erased") if e["data"]["person_id"] == old["person_id"]],
               timeout=10, message="the old rejection's applicant erased everywhere")
    with pytest.raises(NotFound):
        rpc.intake.export_person(old["person_id"])
    assert rpc.intake.export_person(kept["person_id"])["person"]["email"], "a recent one is kept"
    with db.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM intake.application WHERE status = 'rejected'")
                                  ).scalar() == 2, "reports still count both"


def test_sign_in_attempts_are_forgotten_after_their_retention(start_service, db):
    age(db, "INSERT INTO intake.login_attempt (id, email, succeeded, attempted_at) VALUES"
            " (gen_random_uuid(), 'old@example.org', false, now() - interval '31 days'),"
            " (gen_random_uuid(), 'new@example.org', false, now())")
    start_service(IntakeService, RETENTION_POLL_SECONDS=0.2)
    with db.connect() as connection:
        eventually(lambda: connection.execute(text(
            "SELECT array_agg(email) FROM intake.login_attempt")).scalar() == ["new@example.org"], timeout=10)


def test_a_link_is_forgotten_a_month_after_it_expired(start_service, rpc, rpc_as, db):
    start_service(IntakeService, RETENTION_POLL_SECONDS=0.2)
    created = rpc.intake.submit_application(an_application())
    [fresh] = rpc_as(Caller.service("notifications")).intake.issue_links([{"person_id": created["person_id"], "purpose": "stop"}])
    age(db, "UPDATE intake.link SET expires_at = now() - interval '31 days' WHERE purpose = 'status'")
    with db.connect() as connection:
        eventually(lambda: connection.execute(text(
            "SELECT array_agg(purpose) FROM intake.link")).scalar() == ["stop"], timeout=10)
    assert rpc.intake.open_link(fresh["url"].rsplit("/", 1)[-1], "stop")["person_id"] == created["person_id"]


def test_an_ended_duo_keeps_its_dates_and_reason_and_forgets_its_people_and_words(start_service, db):
    duo, proposal = ended_duos(db, ended_days_ago=(731, 10))
    start_service(MatchingService, RETENTION_POLL_SECONDS=0.2)
    with db.connect() as connection:
        def duos():
            return connection.execute(text(
                "SELECT id::text, buddy_id IS NULL AND participant_id IS NULL AS forgotten, end_reason,"
                " ended_on IS NOT NULL AS dated, history::text FROM matching.duo ORDER BY ended_on")).all()
        old, recent = eventually(lambda: (rows := duos()) and rows[0].forgotten and rows, timeout=10)
        assert (old.id, old.end_reason, old.dated) == (duo, "completed", True), "still counted"
        assert "Lotte" not in old.history and "ended" in old.history
        assert not recent.forgotten and "Lotte" in recent.history, "a recent one is kept"
        reasons = connection.execute(text("SELECT choice_reason, buddy_id FROM matching.proposal"
                                          " WHERE id = :p"), {"p": proposal}).one()
        assert tuple(reasons) == (None, None)
