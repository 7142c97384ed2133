"""Portal pages and API calls under 50 concurrent users, every process running as `make run`
starts them (two gateway workers), against the quality bar: p95 under 100 ms.

Two runs with the same 50 users: people at work, each pausing 1 to 5 seconds between clicks
(reading a page often takes longer: a busy office), and the saturation run, where nobody
pauses, which shows the most requests per second the platform serves and what waiting in line
then costs. The baseline, measured in the same run with the same users, is the gateway serving
its stylesheet: the HTTP and gunicorn cost alone, with no service call behind it. The clients
run on the same two cores as the platform.
"""
import random
import statistics
import tempfile
import threading
import time
from collections import defaultdict

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

from bench.journey import percentile, prepare
from tests.support.builders import a_coordinator, an_application
from tests.support.platform import Platform

USERS = 50
ROUNDS = 4  # each user opens every page of its kind this many times
PAUSE = (1.0, 5.0)  # seconds between one person's clicks, at work
SEEDED = 60  # applications in the inbox, half of them approved into the pool


def seed(platform: Platform, api: requests.Session) -> dict:
    """Applications in every list; returns ids the pages open."""
    created = []
    for number in range(SEEDED):
        role = "buddy" if number % 2 else "participant"
        answer = api.post(platform.url("/api/v1/applications"), json=an_application(role=role, language="nl"))
        created.append(answer.json())
    for application in created[::2] + created[1::4]:
        api.post(platform.url(f"/api/v1/applications/{application['application_id']}/screening"),
                 json={"decision": "approved", "reason": "benchmark"})
    return {"application": created[0]["application_id"], "participant": created[0]["person_id"],
            "status": created[0]["status_url"].split("/status/")[1]}


def routes(ids: dict) -> dict:
    """What a coordinator in the portal, an API client and an applicant open."""
    return {
        "portal": ["/portal", "/portal/applications", f"/portal/applications/{ids['application']}",
                   "/portal/pool", f"/portal/matching/people/{ids['participant']}"],
        "api": ["/api/v1/applications", f"/api/v1/applications/{ids['application']}",
                "/api/v1/matching/candidates", f"/api/v1/matching/suggestions?person_id={ids['participant']}"],
        "public": ["/apply?lang=ar", f"/status/{ids['status']}", "/info?lang=fr"],
    }


def a_browser() -> requests.Session:
    """A client that, like a browser, asks once more when the server had just closed an idle
    kept-alive connection as the request went out."""
    browser = requests.Session()
    browser.mount("http://", HTTPAdapter(max_retries=Retry(total=1, allowed_methods=["GET"])))
    return browser


def signed_in(platform: Platform, coordinator: dict) -> requests.Session:
    browser = a_browser()
    form = browser.get(platform.url("/login")).text
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    browser.post(platform.url("/login"), data={**coordinator, "csrf_token": token})
    return browser


def run_users(platform: Platform, sessions: list, paths_of: list, pause=None) -> dict:
    """Every user opens its pages ROUNDS times beside the others, pausing between clicks as
    given (None: no pause); ms per path."""
    timings, failures, lock = defaultdict(list), [], threading.Lock()
    start = threading.Barrier(len(sessions))

    def user(session, paths):
        start.wait()
        for _ in range(ROUNDS):
            for path in paths:
                time.sleep(random.uniform(*pause) if pause else 0)
                began = time.perf_counter()
                try:
                    status = session.get(platform.url(path), timeout=30).status_code
                except requests.RequestException as exc:
                    status = type(exc).__name__
                elapsed = (time.perf_counter() - began) * 1000
                with lock:
                    timings[path].append(elapsed)
                    if status != 200:
                        failures.append(f"{path} {status}")

    threads = [threading.Thread(target=user, args=pair) for pair in zip(sessions, paths_of)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise AssertionError(f"{len(failures)} pages failed, e.g. {failures[:3]}")
    timings["seconds"] = time.perf_counter() - began
    return timings


def users(platform: Platform, config: dict, ids: dict) -> tuple[list, list]:
    """50 users: half coordinators in the portal, the rest API clients and applicants."""
    coordinator, kinds = a_coordinator(config, email="load@example.org"), routes(ids)
    token = requests.post(platform.url("/api/v1/tokens"), json=coordinator).json()["token"]
    sessions, paths = [], []
    for number in range(USERS):
        kind = ("portal", "portal", "api", "public")[number % 4]
        session = signed_in(platform, coordinator) if kind == "portal" else a_browser()
        if kind == "api":
            session.headers["Authorization"] = f"Bearer {token}"
        sessions.append(session)
        paths.append(kinds[kind])
    return sessions, paths


def _row(label: str, values: list, extra: str = "") -> str:
    return (f"  {label[:52]:52} p50 {statistics.median(values):6.1f}   "
            f"p95 {percentile(values, 0.95):6.1f}{extra}")


def report(title: str, baseline: dict, timings: dict, per_page: bool):
    seconds, base_seconds = timings.pop("seconds"), baseline.pop("seconds")
    every = [ms for values in timings.values() for ms in values]
    base = [ms for values in baseline.values() for ms in values]
    p95, base95 = percentile(every, 0.95), percentile(base, 0.95)
    print(f"\n{title}: {len(every)} requests, {len(every) / seconds:.0f} per second (milliseconds)")
    print(_row(f"baseline: the stylesheet, {len(base) / base_seconds:.0f} per second", base))
    for path, values in sorted(timings.items()) if per_page else ():
        print(_row(path.split("?")[0].rsplit("/", 1)[0] + "/…" if len(path) > 40 else path, values))
    print(_row("all pages and calls", every, f"   {p95 / base95:4.1f} x baseline   target p95 < 100: "
               f"{'met' if p95 < 100 else 'MISSED'}"))


def main(config):
    prepare(config)
    with tempfile.TemporaryDirectory() as run_dir:
        platform = Platform(run_dir, gateway_workers=2).start()
        try:
            api = requests.Session()
            api.headers["Authorization"] = "Bearer " + requests.post(
                platform.url("/api/v1/tokens"), json=a_coordinator(config)).json()["token"]
            ids = seed(platform, api)
            sessions, paths = users(platform, config, ids)
            stylesheet = [["/static/style.css"] * 4] * USERS
            at_work = (run_users(platform, sessions, stylesheet, PAUSE),
                       run_users(platform, sessions, paths, PAUSE))
            saturated = run_users(platform, sessions, stylesheet), run_users(platform, sessions, paths)
        finally:
            platform.stop()
    report(f"Portal and API, {USERS} people at work (1-5 s between clicks)", *at_work, per_page=True)
    report(f"The same {USERS} people, nobody pausing (saturation)", *saturated, per_page=False)
