"""A person's data: exported on request, erased on request; and the audit log."""
from services.intake import audit, privacy
from services.shared.service import command, jsonable
from services.shared.wire.application_views import AuditEntryView


class PeopleEntrypoints:
    @command
    def export_person(self, person_id: str, actor_id: str = None) -> dict:
        exported = privacy.export(self.db, person_id, actor_id)
        self.db.commit()  # the audit entry
        return jsonable(exported)

    @command
    def erase_person(self, person_id: str, actor_id: str = None) -> dict:
        privacy.erase(self.db, person_id, actor_id)
        self.db.commit()
        return {"person_id": str(person_id), "erased": True}

    @command
    def list_audit(self, person_id: str = None) -> list[dict]:
        return AuditEntryView(many=True).dump(audit.entries(self.db, person_id))
