"""The journey's latencies with every process running, as `make run` starts them:

- application -> confirmation email in the SMTP server's mailbox;
- the coordinator's screening decision -> the person listed in the matching pool;

each beside the HTTP request's own round trip measured in the same run (the baseline: what
the person waits for anyway), and the target from the quality bar (p95 under 1 s).
"""
import statistics
import tempfile
import time

import requests
from sqlalchemy import create_engine, text

from services import SERVICES
from services.shared import broker_users, migrations, topology
from services.shared.wire import PLATFORM
from tests.support import broker
from tests.support.builders import a_coordinator, an_application
from tests.support.platform import Platform

ROUNDS = 40


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def wait_for(check, timeout=10.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if check():
            return time.perf_counter()
        time.sleep(0.002)
    raise TimeoutError("not within 10 s")


def prepare(config):
    engine = create_engine(config["DATABASE_URL"])
    with engine.begin() as connection:
        for service in SERVICES:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{service}" CASCADE'))
    for service in SERVICES:
        migrations.upgrade(service, config["DATABASE_URL"])
    with broker.connection(config) as connection:
        topology.declare(connection.default_channel, PLATFORM)
    broker_users.provision(config, PLATFORM, broker_users.USERS)  # as `setup` does
    broker.purge(config, broker.queue_names([PLATFORM]))
    engine.dispose()


def measure(platform: Platform, token: str) -> dict:
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {token}"
    requests_ms, email_ms, pool_ms = [], [], []
    for _ in range(ROUNDS):
        application = an_application()
        started = time.perf_counter()
        created = api.post(platform.url("/api/v1/applications"), json=application).json()
        requests_ms.append((time.perf_counter() - started) * 1000)
        arrived = wait_for(lambda: platform.mails(to=application["email"]))
        email_ms.append((arrived - started) * 1000)
        started = time.perf_counter()
        api.post(platform.url(f"/api/v1/applications/{created['application_id']}/screening"),
                 json={"decision": "approved", "reason": "benchmark"})
        listed = wait_for(lambda: any(c["person_id"] == created["person_id"] for c in api.get(
            platform.url("/api/v1/matching/candidates"), params={"role": "participant"}).json()["items"]))
        pool_ms.append((listed - started) * 1000)
    return {"request": requests_ms, "email": email_ms, "pool": pool_ms}


def main(config):
    prepare(config)
    with tempfile.TemporaryDirectory() as run_dir:
        platform = Platform(run_dir).start()
        try:
            token = requests.post(platform.url("/api/v1/tokens"), json=a_coordinator(config)).json()["token"]
            figures = measure(platform, token)
        finally:
            platform.stop()
    baseline = statistics.median(figures["request"])
    print(f"\nJourney latency, {ROUNDS} rounds, every process running (milliseconds)")
    print(f"  baseline: POST /api/v1/applications round trip   p50 {baseline:7.1f}")
    for name, label in (("email", "application -> email in the SMTP mailbox"),
                        ("pool", "screening decision -> listed in the pool")):
        p50, p95 = percentile(figures[name], 0.5), percentile(figures[name], 0.95)
        print(f"  {label:45} p50 {p50:7.1f}   p95 {p95:7.1f}   "
              f"{p50 / baseline:4.1f} x baseline   target p95 < 1000: {'met' if p95 < 1000 else 'MISSED'}")
