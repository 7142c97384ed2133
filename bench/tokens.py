"""API calls per second with a token check on every request: the signed token checked in the
gateway (signature, expiry, the shared revocation list in Redis) beside the old way, an RPC
to intake on every request (TOKEN_CHECK=rpc), kept as the baseline and measured in the same
run on the same platform with the same token, clients and endpoint (a matching list, so the
call itself does not need intake)."""
import tempfile
import threading
import time

import requests

from bench.journey import prepare
from tests.support.builders import a_coordinator
from tests.support.platform import Platform

CLIENTS, CALLS = 16, 2000
PATH = "/api/v1/duos"


def calls_per_second(base_url: str, token: str) -> float:
    """CALLS requests from CLIENTS threads at once; every answer must be 200."""
    failures, start = [], threading.Barrier(CLIENTS)

    def client():
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        start.wait()
        for _ in range(CALLS // CLIENTS):
            if session.get(base_url + PATH, timeout=30).status_code != 200:
                failures.append(1)
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise AssertionError(f"{len(failures)} calls failed")
    return CALLS / (time.perf_counter() - began)


def main(config):
    prepare(config)
    with tempfile.TemporaryDirectory() as run_dir:
        platform = Platform(run_dir, gateway_workers=2).start()
        rpc_gateway, old_way = platform.another_gateway("gateway-rpc-check", run_dir, GATEWAY_WORKERS="2",
                                                        TOKEN_CHECK="rpc")
        try:
            token = requests.post(platform.url("/api/v1/tokens"), json=a_coordinator(config)).json()["token"]
            for url in (platform.base_url, old_way):  # warm both: connections, pools, caches
                calls_per_second(url, token)
            baseline, signed = calls_per_second(old_way, token), calls_per_second(platform.base_url, token)
        finally:
            rpc_gateway.stop()
            platform.stop()
    print(f"\nAPI calls with a token check, {CLIENTS} clients, {CALLS} calls of {PATH} (calls per second)")
    print(f"  baseline: intake asked on every call (the old check)   {baseline:8,.0f}")
    print(f"  signed token checked in the gateway (Redis list)       {signed:8,.0f}   {signed / baseline:4.2f} x baseline")

