"""psycopg must not block eventlet's hub: slow queries in one service run side by side."""
import time

from tests.support.probe import ProbeConsumer


def test_three_one_second_queries_take_well_under_two_seconds(start_service, rpc):
    start_service(ProbeConsumer)
    rpc.probe_consumer.nap(0)  # warm up the connection pool
    started = time.monotonic()
    replies = [rpc.probe_consumer.nap.call_async(1.0) for _ in range(3)]
    assert [reply.result() for reply in replies] == [1.0, 1.0, 1.0]
    elapsed = time.monotonic() - started
    assert elapsed < 1.6, f"three 1 s queries took {elapsed:.2f} s: they ran one after another"
