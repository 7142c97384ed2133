"""Retention: a rejected applicant is erased everywhere a year after the decision, keeping the
anonymised application for the counts; old sign-in attempts are forgotten."""
from datetime import timedelta

import pytest
from sqlalchemy import text

from services.intake.service import IntakeService
from services.shared.errors import NotFound
from services.shared.models import utcnow
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
