"""Intake over RPC: the interview (plan, move, cancel, record), audited notes, the inbox."""
from datetime import timedelta

import pytest
from sqlalchemy import text

from services.shared.caller import Caller
from services.shared.errors import Conflict, Forbidden, InvalidInput, NotAuthenticated, NotFound
from services.shared.models import utcnow
from services.shared.wire.credentials import ROLE_SCOPES
from tests.support.applicants import invitation_token
from tests.support.appointments import interview_started
from tests.support.builders import a_minimal_application, an_application, an_interview
from tests.support.credentials import as_holder


def test_an_interview_is_planned_moved_and_cancelled_each_time_announced(intake, outbox):
    application_id = intake.submit_application(an_application())["application_id"]
    with pytest.raises(InvalidInput) as past:
        intake.schedule_intake(application_id, an_interview(starts_at="2020-01-01T10:00:00+01:00"))
    assert past.value.errors == {"starts_at": ["Choose a moment in the future."]}
    planned = intake.schedule_intake(application_id, an_interview(mode="phone", location="0470 11 22 33"))
    assert intake.get_application(application_id)["status"] == "intake_planned"
    with pytest.raises(Conflict):
        intake.schedule_intake(application_id, an_interview())
    moved = intake.reschedule_intake(application_id, an_interview(starts_at="2030-03-05T14:00:00+01:00"))
    assert moved["id"] == planned["id"] and moved["sequence"] == 1
    cancelled = intake.cancel_intake(application_id, {"reason": "The coordinator is ill."})
    assert cancelled["status"] == "cancelled" and cancelled["sequence"] == 2
    assert intake.get_application(application_id)["status"] == "received"
    kinds = [e["type"] for e in outbox() if e["type"].startswith("intake_")]
    assert kinds == ["intake_scheduled", "intake_rescheduled", "intake_cancelled"]
    cancel = outbox("intake_cancelled")[0]["data"]
    assert cancel["reason"] == "The coordinator is ill." and cancel["sequence"] == 2
    with pytest.raises(Conflict):
        intake.cancel_intake(application_id, {})


def test_recording_the_intake_corrects_the_profile_and_tells_who_keeps_a_copy(intake, outbox, db):
    application_id = intake.submit_application(a_minimal_application())["application_id"]
    intake.schedule_intake(application_id, an_interview())
    interview_started(db, application_id)
    recorded = intake.record_intake(application_id, {
        "expectations": "Practise Dutch for work.", "notes": "Lost her brother on the way.",
        "district": "velm", "availability": ["thu_evening"], "hopes": ["practise_dutch"],
        "contact": {"phone": "0470 99 88 77", "channel": "sms"}})
    assert recorded["status"] == "intake_held"
    assert recorded["interviews"][0]["status"] == "held"
    assert recorded["intake"]["has_notes"] and "notes" not in recorded["intake"]
    assert recorded["profile"]["district"] == "velm"
    assert outbox("person_profile_updated")[0]["data"]["profile"]["availability"] == ["thu_evening"]
    assert outbox("person_contact_updated")[0]["data"]["channel"] == "sms"
    assert [e["type"] for e in outbox("intake_completed")] == ["intake_completed"]
    with pytest.raises(InvalidInput) as wrong:
        intake.record_intake(application_id, {"roles": ["guide"]})
    assert wrong.value.errors == {"roles": ["Only for buddies."]}


def test_reading_the_notes_is_written_to_the_audit_log_with_the_reader(intake, rpc_as):
    created = intake.submit_application(an_application())
    intake.record_intake(created["application_id"], {"notes": "Sensitive."})
    reader = Caller("8d3a4f6e-0000-4000-8000-000000000001", "coordinator_session", "coordinator",
                    ROLE_SCOPES["coordinator"])
    notes = rpc_as(reader).intake.read_intake_notes(created["application_id"])
    assert notes["notes"] == "Sensitive."
    [entry] = intake.list_audit(created["person_id"])
    assert (entry["action"], entry["actor_id"]) == ("read_notes", reader.id), "never nobody"


@pytest.mark.parametrize("method, args", [
    ("read_intake_notes", ("00000000-0000-4000-8000-000000000001",)),
    ("export_person", ("00000000-0000-4000-8000-000000000001",)),
    ("erase_person", ("00000000-0000-4000-8000-000000000001",)),
    ("record_screening", ("00000000-0000-4000-8000-000000000001", {"decision": "approved", "reason": "ok"})),
    ("list_audit", ()),
])
def test_a_sensitive_call_without_a_caller_or_by_a_buddy_is_refused(intake, rpc_as, method, args):
    with pytest.raises(NotAuthenticated):
        getattr(rpc_as(None).intake, method)(*args)
    buddy = Caller("00000000-0000-4000-8000-0000000000b0", "buddy_session", "buddy", ROLE_SCOPES["buddy"])
    with pytest.raises(Forbidden):
        getattr(rpc_as(buddy).intake, method)(*args)


def test_the_inbox_filters_and_marks_who_waits_too_long(intake, db):
    late = intake.submit_application(an_application(language="fa"))["application_id"]
    fresh = intake.submit_application(an_application(language="uk"))["application_id"]
    contacted = intake.submit_application(an_application(language="fa"))["application_id"]
    with db.begin() as connection:
        connection.execute(text("UPDATE intake.application SET submitted_at = :when WHERE id IN (:a, :b)"),
                           {"when": utcnow() - timedelta(days=21), "a": late, "b": contacted})
    intake.schedule_intake(contacted, an_interview())
    overdue = intake.list_applications({"waiting": "overdue"})
    assert [a["application_id"] for a in overdue] == [late]
    assert overdue[0]["waiting_working_days"] >= 13
    assert {a["application_id"] for a in intake.list_applications({"waiting": "in_time"})} == {fresh, contacted}
    assert {a["application_id"] for a in intake.list_applications({"language": "fa"})} == {late, contacted}
    assert [a["application_id"] for a in intake.list_applications({"status": "intake_planned"})] == [contacted]


def test_a_person_s_data_can_be_exported_then_erased_everywhere_here(intake, outbox, db):
    created = intake.submit_application(an_application(role="buddy", phone="0470 12 34 56"))
    intake.record_intake(created["application_id"], {"notes": "Private."})
    intake.record_screening(created["application_id"], {"decision": "approved", "reason": "Kind."})
    exported = intake.export_person(created["person_id"])
    assert exported["person"]["phone"] == "+32470123456"
    assert exported["applications"][0]["intake"]["notes"] == "Private."
    assert exported["applications"][0]["decisions"][0]["reason"] == "Kind."
    assert exported["account"]["role"] == "buddy"

    intake.erase_person(created["person_id"])
    assert outbox("person_erased")[0]["data"]["person_id"] == created["person_id"]
    with db.connect() as connection:
        leftovers = connection.execute(text(
            "SELECT count(*) FROM intake.person WHERE email IS NOT NULL OR phone IS NOT NULL"
            " OR first_name <> '(erased)' UNION ALL SELECT count(*) FROM intake.intake_record"
            " UNION ALL SELECT count(*) FROM intake.account WHERE active")).scalars().all()
    assert leftovers == [0, 0, 0]
    with pytest.raises(NotFound):
        intake.export_person(created["person_id"])
    with pytest.raises(NotFound):
        intake.get_application_status(created["status_url"].rsplit("/", 1)[-1])
    assert [e["action"] for e in intake.list_audit(created["person_id"])] == ["erase", "export"]


def test_a_buddy_keeps_their_own_availability_up_to_date(link_maker, intake, outbox, rpc_as):
    created = intake.submit_application(an_application(role="buddy", email="jan@example.org"))
    intake.record_screening(created["application_id"], {"decision": "approved", "reason": "ok"})
    token = invitation_token(link_maker, outbox("buddy_invited")[0])
    account = intake.accept_invitation(token, {"password": "a long and lovely password"})
    buddy = Caller(account["id"], "buddy_session", "buddy", ROLE_SCOPES["buddy"])
    updated = rpc_as(buddy).intake.update_own_profile({"availability": ["fri_evening"]})
    assert updated["profile"]["availability"] == ["fri_evening"]
    assert updated["profile"]["roles"] == ["language_coach", "guide"], "the rest stays"
    assert outbox("person_profile_updated")[-1]["data"]["profile"]["availability"] == ["fri_evening"]


def test_a_coordinator_lists_only_their_own_interviews_that_overlap_a_window(intake, coordinators, rpc_as):
    ann, bo = (as_holder(rpc_as, intake.issue_token(signin)) for signin in coordinators)
    amina, yonas, sara, oksana = (
        intake.submit_application(an_application(first_name=first, last_name="Haddad"))["application_id"]
        for first in ("Amina", "Yonas", "Sara", "Oksana"))
    ann.schedule_intake(amina, an_interview(starts_at="2030-03-04T10:00:00+01:00", duration_minutes=60))
    ann.schedule_intake(yonas, an_interview(starts_at="2030-03-04T11:00:00+01:00"))  # just after
    bo.schedule_intake(sara, an_interview(starts_at="2030-03-04T10:00:00+01:00"))  # Bo's
    ann.schedule_intake(oksana, an_interview(starts_at="2030-03-04T10:30:00+01:00"))
    ann.cancel_intake(oksana, {})  # called off: no longer in the way
    found = ann.list_own_appointments({"starts_at": "2030-03-04T10:30:00+01:00",
                                       "ends_at": "2030-03-04T11:00:00+01:00"})
    person = intake.get_application(amina)["person_id"]
    assert found == [{"kind": "intake_interview", "id": found[0]["id"], "person_ids": [person],
                      "starts_at": "2030-03-04T09:00:00+00:00", "ends_at": "2030-03-04T10:00:00+00:00",
                      "names": {person: {"first_name": "Amina", "last_name": "Haddad"}}}]
    moved = bo.reschedule_intake(amina, an_interview(starts_at="2030-03-04T10:15:00+01:00"))
    assert ann.list_own_appointments({"starts_at": "2030-03-04T10:30:00+01:00",
                                      "ends_at": "2030-03-04T11:00:00+01:00"}) == [], "Bo's now"
    assert [a["id"] for a in bo.list_own_appointments({"starts_at": "2030-03-04T10:30:00+01:00",
                                                       "ends_at": "2030-03-04T11:00:00+01:00"})] == [
        intake.get_application(sara)["interviews"][0]["id"], moved["id"]]
