"""A person's data: found, seen whole, exported on request, erased on request; and the
audit log."""
from sqlalchemy import select

from services.intake import audit, privacy, search
from services.intake.models import Account, Application
from services.shared.models import is_uuid
from services.shared.caller import scoped
from services.shared.service import command, jsonable, load
from services.shared.wire.application_views import AuditEntryView
from services.shared.wire.people import PeopleFound, PeopleQuery, PersonView


class PeopleEntrypoints:
    @command(scoped("people:read"))
    def search_people(self, query: dict) -> dict:
        """Find people (PeopleQuery {"q", "limit"}) by part of their name, their e-mail address
        or their phone number typed any way (`people:read`, coordinators): PeopleFound
        {"kind", "total", "people": [at most `limit` (20)]}. Erased people are never found.
        InvalidInput for fewer than two letters or digits."""
        return PeopleFound().dump(search.find(self.db, **load(PeopleQuery(), query)))

    @command(scoped("people:read"))
    def get_person(self, person_id: str) -> dict:
        """A person as intake knows them (PersonView): contact details and every application
        with its interviews, decisions and intake summary, oldest first (never the notes:
        those are read, audited, through read_intake_notes). NotFound (or erased)."""
        someone = privacy.person(self.db, person_id)
        found = self.db.scalars(select(Application).where(Application.person_id == someone.id)
                                .order_by(Application.submitted_at)).all()
        return PersonView().dump({"person_id": someone.id, "role": someone.role, "first_name": someone.first_name,
                                  "last_name": someone.last_name, "email": someone.email, "phone": someone.phone,
                                  "language": someone.language, "channel": someone.channel,
                                  "created_at": someone.created_at, "applications": self._views(found)})

    @command(scoped("people:export"))
    def export_person(self, person_id: str) -> dict:
        """Everything intake holds about a person (`people:export`; audited with the caller).
        NotAuthenticated, Forbidden, NotFound."""
        exported = privacy.export(self.db, person_id, self.caller.id)
        self.db.commit()  # the audit entry
        return jsonable(exported)

    @command(scoped("people:erase"))
    def erase_person(self, person_id: str) -> dict:
        """Erase the person here and everywhere (person_erased): {"person_id", "erased": True}.
        Their account's sessions end on every gateway before the commit (Unavailable, and
        nothing erased, when that cannot be written). NotFound."""
        actor = self.caller
        account = self.db.scalar(select(Account.id).where(Account.person_id == str(person_id))) \
            if is_uuid(person_id) else None
        privacy.erase(self.db, person_id, actor.id)
        if account:
            self.revocations.add(accounts=[str(account)])
        self.db.commit()
        return {"person_id": str(person_id), "erased": True}

    @command(scoped("people:read"))
    def list_audit(self, person_id: str = None) -> list[dict]:
        """Who read, exported or erased what, newest first (`people:read`)."""
        return AuditEntryView(many=True).dump(audit.entries(self.db, person_id))
