"""A person's rights across every service: one export, one erasure."""
from gateway import remote
from gateway.health import SERVICES
from services.shared.models import utcnow


def export(person_id: str) -> dict:
    """Everything every service holds about a person (intake first: it knows whether the
    person exists, and audits the export)."""
    exported = {"person_id": person_id, "exported_at": utcnow().isoformat(),
                "intake": remote.call("intake", "export_person", person_id)}
    for service in SERVICES:
        if service != "intake":
            exported[service] = remote.call(service, "export_person", person_id)
    return exported


def erase(person_id: str) -> dict:
    """Intake erases at once and tells every other service (person_erased), which follow
    within moments."""
    return remote.call("intake", "erase_person", person_id)
