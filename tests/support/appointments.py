"""Appointments that have taken place: an interview or an introduction cannot be planned in
the past, and is recorded as held only once it started, so a test moves the planned one back
in the database (as time passing would)."""
from sqlalchemy import text


def interview_started(db, application_id: str) -> None:
    """The application's planned interview began an hour ago."""
    with db.begin() as connection:
        connection.execute(text(
            "UPDATE intake.intake_interview SET starts_at = now() - interval '1 hour'"
            " WHERE application_id = :id AND status = 'scheduled'"), {"id": str(application_id)})


def introduction_held(db, proposal_id: str, at=None) -> None:
    """The proposal's introduction meeting took place: it began two hours ago (or `at`, an
    aware datetime in the past) and lasted an hour."""
    with db.begin() as connection:
        connection.execute(text(
            "UPDATE matching.proposal SET introduction_starts_at = coalesce(:at, now() - interval '2 hours'),"
            " introduction_ends_at = coalesce(:at, now() - interval '2 hours') + interval '1 hour'"
            " WHERE id = :id"), {"id": str(proposal_id), "at": at})
