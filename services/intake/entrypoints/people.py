"""A person's data: exported on request, erased on request; and the audit log."""
from sqlalchemy import select

from services.intake import audit, privacy
from services.intake.models import Account
from services.shared.models import is_uuid
from services.shared.caller import scoped
from services.shared.service import command, jsonable
from services.shared.wire.application_views import AuditEntryView


class PeopleEntrypoints:
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
