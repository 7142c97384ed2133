"""GET /healthz: is every part of the platform up and keeping up? 200 when it is; 503 naming
what is down, or which service is degraded by what (a loop that keeps failing, a record set
aside, work waiting past its time) and since when."""
from flask import current_app, jsonify

from gateway import credentials, remote
from gateway.rpc import BrokerUnavailable

SERVICES = ("intake", "matching", "followup", "events", "notifications")


def assess(answers: dict) -> dict:
    """The platform's state from each service's answer to `health` (or the error it gave):
    {"status": "ok" | "degraded" | "down", "services": {name: "ok" | "degraded" | "down"},
    "broker", "database", "down": [what], "degraded": ["<service>: <problem>"],
    "problems": [{"service", "kind", "what", "since", "detail"}]} (the lists when not empty)."""
    if any(isinstance(answer, BrokerUnavailable) for answer in answers.values()):
        return broker_down()
    services = {name: _state(answers.get(name)) for name in SERVICES}
    databases = [a.get("database") for a in answers.values() if isinstance(a, dict)]
    database = "unknown" if not databases else "down" if "down" in databases else "ok"
    problems = [{"service": name, **problem} for name in SERVICES if services[name] == "degraded"
                for problem in answers[name].get("problems") or []]
    return _verdict({"services": services, "broker": "ok", "database": database}, problems)


def _state(answer) -> str:
    if not isinstance(answer, dict):
        return "down"
    return "degraded" if answer.get("database") == "ok" and answer.get("problems") else "ok"


def broker_down() -> dict:
    return _verdict({"services": {name: "unreachable" for name in SERVICES}, "broker": "down",
                     "database": "unknown"})


def _verdict(state: dict, problems=()) -> dict:
    down = [f"service {name}" for name, s in state["services"].items() if s not in ("ok", "degraded")]
    down += [part for part in ("broker", "database") if state[part] not in ("ok",)]
    degraded = [f"{p['service']}: {p['what']} {p['kind']} since {p['since']}: {p['detail']}"
                for p in problems]
    status = "down" if down else "degraded" if degraded else "ok"
    return {"status": status, **state, **({"down": down} if down else {}),
            **({"degraded": degraded, "problems": list(problems)} if degraded else {})}


def healthz():
    try:
        report = assess(remote.call_each(SERVICES, "health", current_app.extensions["health_pool"]))
    except BrokerUnavailable:
        report = broker_down()
    report = with_redis(report, _redis_answers())
    response = jsonify(report)
    response.status_code = 200 if report["status"] == "ok" else 503
    return response


def with_redis(report: dict, redis_ok: bool) -> dict:
    """Redis down degrades the platform, but downs nothing: flood limits are off and every
    token check asks intake instead."""
    report = {**report, "redis": "ok" if redis_ok else "down"}
    if not redis_ok:
        report["degraded"] = [*report.get("degraded", []), "gateway: Redis is unreachable: the flood "
                              "limits are off and every token check asks intake"]
        report["status"] = "down" if report["status"] == "down" else "degraded"
    return report


def _redis_answers() -> bool:
    try:
        return bool(credentials.extension().revocations.redis.ping())
    except Exception:  # noqa: BLE001 - any failure means: not answering
        return False


def register(app):
    app.add_url_rule("/healthz", "healthz", healthz)
