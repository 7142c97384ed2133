"""GET /healthz: is every part of the platform up? 200 when it is, 503 naming what is not."""
from flask import current_app, jsonify

from gateway import remote
from gateway.rpc import BrokerUnavailable

SERVICES = ("intake", "matching", "followup", "events", "notifications")


def assess(answers: dict) -> dict:
    """The platform's state from each service's answer to `health` (or the error it gave)."""
    if any(isinstance(answer, BrokerUnavailable) for answer in answers.values()):
        return broker_down()
    services = {name: "ok" if isinstance(answers.get(name), dict) else "down" for name in SERVICES}
    databases = [a.get("database") for a in answers.values() if isinstance(a, dict)]
    database = "unknown" if not databases else "down" if "down" in databases else "ok"
    state = {"services": services, "broker": "ok", "database": database}
    return _verdict(state)


def broker_down() -> dict:
    return _verdict({"services": {name: "unreachable" for name in SERVICES}, "broker": "down",
                     "database": "unknown"})


def _verdict(state: dict) -> dict:
    down = [f"service {name}" for name, s in state["services"].items() if s != "ok"]
    down += [part for part in ("broker", "database") if state[part] not in ("ok",)]
    return {"status": "ok" if not down else "down", **state, **({"down": down} if down else {})}


def healthz():
    try:
        report = assess(remote.call_each(SERVICES, "health", current_app.extensions["health_pool"]))
    except BrokerUnavailable:
        report = broker_down()
    response = jsonify(report)
    response.status_code = 200 if report["status"] == "ok" else 503
    return response


def register(app):
    app.add_url_rule("/healthz", "healthz", healthz)
