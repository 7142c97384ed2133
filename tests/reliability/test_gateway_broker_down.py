"""With RabbitMQ unreachable the gateway answers 503 at once, says why, and recovers alone."""
import time
from urllib.parse import urlsplit

import requests

from tests.support.builders import an_application
from tests.support.platform import Platform
from tests.support.tcpproxy import TcpProxy
from tests.support.waiting import eventually


def test_the_gateway_answers_503_quickly_while_the_broker_is_down_and_recovers(
        infrastructure, config, tmp_path):
    broker = urlsplit(config["AMQP_URI"])
    proxy = TcpProxy(broker.hostname, broker.port or 5672)
    via_proxy = config["AMQP_URI"].replace(broker.netloc.split("@")[-1], f"127.0.0.1:{proxy.port}")
    platform = Platform(tmp_path, gateway_amqp_uri=via_proxy).start()
    apply = lambda: requests.post(platform.url("/api/v1/applications"), json=an_application(),  # noqa: E731
                                  timeout=30)
    try:
        assert apply().status_code == 201

        proxy.disable()
        for _ in range(3):  # the first request finds out, the next ones fail fast
            started = time.monotonic()
            answer = apply()
            elapsed = time.monotonic() - started
            assert answer.status_code == 503
            assert answer.json()["code"] == "broker_unavailable"
            assert answer.json()["message"] == "The message broker cannot be reached."
            assert answer.headers["Retry-After"] == "5"
            assert elapsed < 3, f"took {elapsed:.1f} s"
        health = requests.get(platform.url("/healthz"), timeout=30)
        assert health.status_code == 503
        assert health.json()["broker"] == "down" and "broker" in health.json()["down"]

        proxy.enable()
        eventually(lambda: apply().status_code == 201, timeout=20, interval=0.5,
                   message="the gateway recovered by itself")
        eventually(lambda: requests.get(platform.url("/healthz"), timeout=30).status_code == 200,
                   timeout=20, interval=0.5, message="healthy again")
    finally:
        platform.stop()
        proxy.close()
