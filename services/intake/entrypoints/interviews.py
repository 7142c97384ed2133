"""The intake interview: plan, move, cancel, record; the audited read of its notes."""
from services.intake import interviews, records
from services.shared.caller import scoped
from services.shared.service import command, load
from services.shared.wire.application_views import InterviewView, NotesView
from services.shared.wire.applications import IntakeRecordInput
from services.shared.wire.appointments import AppointmentView, AppointmentWindow
from services.shared.wire.interviews import CancelInput, InterviewInput


class InterviewEntrypoints:
    @command(scoped("intake:write"))
    def schedule_intake(self, application_id: str, payload: dict) -> dict:
        interview = interviews.schedule(self.db, application_id, load(InterviewInput(), payload), self.caller.id)
        self.db.commit()
        return InterviewView().dump(interview)

    @command(scoped("intake:write"))
    def reschedule_intake(self, application_id: str, payload: dict) -> dict:
        interview = interviews.reschedule(self.db, application_id, load(InterviewInput(), payload),
                                          self.caller.id)
        self.db.commit()
        return InterviewView().dump(interview)

    @command(scoped("intake:write"))
    def cancel_intake(self, application_id: str, payload: dict = None) -> dict:
        data = load(CancelInput(), payload)
        interview = interviews.cancel(self.db, application_id, data["reason"])
        self.db.commit()
        return InterviewView().dump(interview)

    @command(scoped("applications:read"))
    def list_own_appointments(self, window: dict) -> list[dict]:
        """The intake interviews the caller planned (or last moved), still to be held, that
        overlap `window` (AppointmentWindow: {"starts_at", "ends_at"}), earliest first, each
        naming the applicant (AppointmentView), so that planning another appointment can warn
        (issue 12). NotAuthenticated, Forbidden, InvalidInput."""
        found = interviews.own_appointments(self.db, self.caller.signed_in().id, **load(AppointmentWindow(), window))
        return AppointmentView(many=True).dump(found)

    @command(scoped("intake:write"))
    def record_intake(self, application_id: str, payload: dict) -> dict:
        """Record (or correct) the intake interview, its notes included (`intake:write`, by the
        caller). NotAuthenticated, Forbidden, NotFound, InvalidInput, Conflict."""
        author = self.caller
        data = load(IntakeRecordInput(partial=True), payload)
        found = records.record(self.db, application_id, data, author.id)
        self.db.commit()
        return self._view(found)

    @command(scoped("notes:read"))
    def read_intake_notes(self, application_id: str) -> dict:
        """The intake record's private notes, for a coordinator (`notes:read`); the read is
        written in the audit log with the reader. NotAuthenticated, Forbidden, NotFound."""
        reader = self.caller
        notes = records.read_notes(self.db, application_id, reader.id)
        self.db.commit()  # the audit entry
        return NotesView().dump(notes)
