"""Publishing platform events from a test, as their producer's relay would."""
import uuid
from datetime import datetime, timezone

from services.shared import topology
from services.shared.contracts import envelope
from services.shared.publisher import BatchPublisher, event_message
from services.shared.wire import PLATFORM


SUBJECT_IDS = {"person": "person_id", "duo": "proposal_id", "delivery": "delivery_id"}


def an_event(event_type: str, data: dict, version: int | None = None, revision: int | None = None) -> dict:
    """An envelope as the producer writes it (its newest version unless `version` is given);
    without a `revision`, as events were written before subjects existed (consumers take
    those as they come)."""
    contract = PLATFORM.get(event_type, version) if version else PLATFORM.latest(event_type)
    subject_id = data[SUBJECT_IDS[contract.subject]] if revision else None
    return envelope(contract, data, subject_id=subject_id, revision=revision)


def publish(config, *messages):
    """Publish envelopes on their producer's exchange (all confirmed, or the test fails)."""
    publisher = BatchPublisher(config["AMQP_URI"])
    try:
        sent = [event_message(topology.event_exchange(PLATFORM.get(m["type"], m["version"]).producer).name, m)
                for m in messages]
        result = publisher.publish(sent)
    finally:
        publisher.close()
    assert len(result.confirmed) == len({m["message_id"] for m in messages}), result.failed


def screened(person_id, decision="approved", role="participant", profile=None) -> dict:
    """intake's screening decision about a person, as matching hears it."""
    return an_event(f"{role}_screened", {
        "person_id": person_id, "application_id": str(uuid.uuid4()), "role": role,
        "decision": decision, "decided_at": datetime.now(timezone.utc),
        "profile": profile if decision == "approved" else None}, version=2)
