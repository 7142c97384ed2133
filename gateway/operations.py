"""What an operator needs across the services: their health, parked messages and replay."""
from flask import current_app

from gateway import remote
from gateway.health import SERVICES, assess
from gateway.rpc import ServiceUnavailable
from services.shared.errors import NotFound


def platform_health() -> tuple[dict, dict]:
    """The platform's state (see health.assess) and each service's own answer, asked at once."""
    answers = remote.call_each(SERVICES, "health", current_app.extensions["health_pool"])
    return assess(answers), answers


def all_parked() -> dict:
    """Every service's parked messages (newest first), and which services did not answer."""
    parked, unavailable = [], []
    for service in SERVICES:
        try:
            parked += [{"service": service, **row} for row in remote.call(service, "list_parked")]
        except ServiceUnavailable:
            unavailable.append(service)
    parked.sort(key=lambda row: row["parked_at"], reverse=True)
    return {"parked": parked, "unavailable": unavailable}


def replay(service: str, parked_id: int) -> dict:
    """Send a parked message back to the handler it failed in."""
    if service not in SERVICES:
        raise NotFound(f"There is no service {service!r}.")
    return remote.call(service, "replay_parked", parked_id)


