"""Intake's rules the coordinator relies on: the inbox opens on open applications, oldest
first, and counts waiting only while an application is open; an interview is recorded as held
only once it has started."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from services.shared.errors import InvalidInput
from tests.support.appointments import interview_started
from tests.support.builders import an_application, an_interview

CET = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 2, 10, 0, tzinfo=CET)  # a week later: 5 working days (3-6 and 9 Nov.)


def submitted_on(db, application_id, when, decided=None):
    with db.begin() as connection:
        connection.execute(text("UPDATE intake.application SET submitted_at = :when, "
                                "decided_at = coalesce(:decided, decided_at) WHERE id = :id"),
                           {"when": when, "decided": decided, "id": application_id})


def test_open_applications_oldest_first_and_waiting_stops_at_the_decision(intake, db):
    newer, older, held, decided = (intake.submit_application(an_application())["application_id"]
                                   for _ in range(4))
    intake.schedule_intake(held, an_interview())
    interview_started(db, held)
    intake.record_intake(held, {"needs": "Evenings."})
    intake.record_screening(decided, {"decision": "approved", "reason": "Ready."})
    submitted_on(db, older, MONDAY - timedelta(days=7))
    submitted_on(db, held, MONDAY - timedelta(days=1))
    submitted_on(db, decided, MONDAY, decided=MONDAY + timedelta(days=7))

    open_ones = intake.list_applications({"status": "open"})
    assert [a["application_id"] for a in open_ones] == [older, held, newer], "oldest waiting first"
    assert [a["status"] for a in open_ones] == ["received", "intake_held", "received"]
    everyone = {a["application_id"]: a for a in intake.list_applications({})}
    assert everyone[decided]["status"] == "approved"
    assert everyone[decided]["waiting_working_days"] == 5, "counted until the decision, not until today"
    assert everyone[held]["waiting_working_days"] > 5, "still waiting for a decision: still counting"
    assert everyone[newer]["waiting_working_days"] == 0


def test_an_interview_is_recorded_as_held_only_once_it_started(intake, db):
    application_id = intake.submit_application(an_application())["application_id"]
    intake.schedule_intake(application_id, an_interview())
    with pytest.raises(InvalidInput) as early:
        intake.record_intake(application_id, {"needs": "Evenings."})
    assert early.value.errors == {"interview": [
        "The interview has not started yet: record it once it has been held, or move it first."]}
    assert intake.get_application(application_id)["status"] == "intake_planned", "nothing recorded"
    interview_started(db, application_id)
    assert intake.record_intake(application_id, {"needs": "Evenings."})["status"] == "intake_held"
