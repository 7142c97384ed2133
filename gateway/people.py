"""A person across every service: found, seen whole (each part from the service that owns it),
exported, erased."""
from gateway import remote
from gateway.health import SERVICES
from services.shared.models import utcnow

MESSAGES_SHOWN = 50  # the newest; the delivery log has them all


def find(query: dict) -> dict:
    """People by name, e-mail address or phone number (intake.search_people: PeopleFound)."""
    return remote.call("intake", "search_people", query)


def record(person_id: str, sparing: bool = False) -> dict:
    """What the platform holds about a person, for the coordinator: {"person": intake's
    PersonView (applications, intake interviews, screening), "proposals", "duos": matching's,
    "messages": notifications' delivery log, newest first}. Intake first: it says NotFound for
    nobody (or someone erased), then the rest at once. `sparing` (a page): a part whose
    service is down or late is None, and the rest is still shown."""
    person = remote.call("intake", "get_person", person_id)
    gather = remote.call_together_sparing if sparing else remote.call_together
    proposals, duos, messages = gather(
        ("matching", "list_proposals", {"person_id": person_id}),
        ("matching", "list_duos", {"person_id": person_id}),
        ("notifications", "list_deliveries", {"person_id": person_id, "limit": MESSAGES_SHOWN}))
    return {"person": person, "proposals": proposals, "duos": duos, "messages": messages}


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
