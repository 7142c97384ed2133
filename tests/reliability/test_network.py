"""A consumer whose network to RabbitMQ breaks (cut, or silently hanging) catches up once it
is back: every event applied once, nothing left behind. Faults come from our TCP proxy."""
from urllib.parse import urlsplit

import eventlet
import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from tests.reliability.conftest import CONSUMER, PRODUCER, assert_exactly_once
from tests.support.processes import wait_healthy
from tests.support.tcpproxy import TcpProxy
from tests.support.waiting import eventually


@pytest.fixture
def proxy(config):
    broker = urlsplit(config["AMQP_URI"])
    running = TcpProxy(broker.hostname, broker.port or 5672)
    running.uri = config["AMQP_URI"].replace(broker.netloc.split("@")[-1], f"127.0.0.1:{running.port}")
    yield running
    running.close()


@pytest.mark.parametrize("fault", ["disable", "blackhole"])
def test_a_consumer_cut_off_from_the_broker_catches_up_once_reconnected(
        fault, proxy, spawn, config, tally):
    consumer = spawn(CONSUMER, AMQP_URI=proxy.uri, AMQP_HEARTBEAT_SECONDS=2)
    producer = spawn(PRODUCER)
    wait_healthy(config, "probe_consumer", process=consumer)
    wait_healthy(config, "probe_producer", process=producer)

    with ClusterRpcProxy(config, timeout=10) as rpc:
        rpc.probe_producer.emit(0, 500, pause=0.02)
    eventually(lambda: tally()["applied"] >= 100, timeout=30, message="consumption under way")
    getattr(proxy, fault)()
    eventlet.sleep(8)  # long enough for missed heartbeats to tell both sides
    stalled = tally()["applied"]
    assert stalled < 500, "the consumer really was cut off"
    proxy.enable()

    eventually(lambda: tally()["distinct_applied"] == 500, timeout=90, interval=0.5,
               message="all applied after reconnecting")
    assert consumer.running()
    assert_exactly_once(tally, config, 500)
