"""Processes that die at the worst moment lose nothing and apply nothing twice."""
from nameko.standalone.rpc import ClusterRpcProxy

from tests.reliability.conftest import CONSUMER, PRODUCER, assert_exactly_once
from tests.support import broker
from tests.support.processes import wait_healthy
from tests.support.waiting import eventually


def test_a_service_killed_between_commit_and_publish_delivers_after_restart(
        probes, spawn, config, tally):
    _, producer = probes

    with ClusterRpcProxy(config, timeout=5) as rpc:
        rpc.probe_producer.emit.call_async(0, 200, die_after_commit=True)
        eventually(lambda: not producer.running(), message="producer died after its commit")
    assert tally()["pending"] == 200, "the events were committed but not published"
    # nameko acks an RPC request only after answering it, so the dead producer's request
    # would be delivered again to the restarted one; here only the committed events matter
    broker.purge(config, ["rpc-probe_producer"])

    restarted = spawn(PRODUCER)
    wait_healthy(config, "probe_producer", process=restarted)
    eventually(lambda: tally()["distinct_applied"] == 200, timeout=30, message="all applied")
    eventually(lambda: tally()["pending"] == 0, message="outbox emptied")
    assert_exactly_once(tally, config, 200)


def test_a_consumer_killed_with_messages_in_flight_applies_each_once(probes, spawn, config, tally):
    consumer, _ = probes

    with ClusterRpcProxy(config, timeout=10) as rpc:
        rpc.probe_producer.emit(0, 300, pause=0.05)
    eventually(lambda: tally()["applied"] >= 60, timeout=30, message="consumption under way")
    consumer.kill()
    in_flight_at_kill = 300 - tally()["applied"]
    assert in_flight_at_kill > 0

    restarted = spawn(CONSUMER)
    wait_healthy(config, "probe_consumer", process=restarted)
    eventually(lambda: tally()["distinct_applied"] == 300, timeout=60, message="all applied")
    assert_exactly_once(tally, config, 300)
