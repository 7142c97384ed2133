"""The gateway's proxy pool: proxies are reused, and a dead broker trips a circuit breaker."""
import time

import pytest

from nameko.exceptions import RpcTimeout

from gateway.rpc import BrokerUnavailable, RpcPool, ServiceUnavailable


class FakeBorrowed:
    """Stands in for a started nameko proxy; `broker_up` decides whether it can be made."""

    made = 0
    broker_up = True

    def __init__(self, config, timeout):
        FakeBorrowed.made += 1
        if not FakeBorrowed.broker_up:
            raise ConnectionRefusedError("ECONNREFUSED")
        self.context, self.broken, self.proxy = {}, False, None

    def close(self):
        pass


@pytest.fixture(autouse=True)
def fresh_fake():
    FakeBorrowed.made, FakeBorrowed.broker_up = 0, True


def test_a_returned_proxy_is_reused_with_the_next_correlation_id():
    pool = RpcPool({}, factory=FakeBorrowed)
    first = pool.borrow("one")
    pool.give_back(first)
    second = pool.borrow("two")
    assert second is first and FakeBorrowed.made == 1
    assert second.context == {"correlation_id": "two"}


def test_a_broken_proxy_is_not_given_out_again():
    pool = RpcPool({}, factory=FakeBorrowed)
    borrowed = pool.borrow()
    borrowed.broken = True
    pool.give_back(borrowed)
    assert pool.borrow() is not borrowed


def test_a_dead_broker_fails_fast_until_the_breaker_lets_one_through():
    pool = RpcPool({}, factory=FakeBorrowed, breaker_seconds=0.2)
    FakeBorrowed.broker_up = False
    with pytest.raises(BrokerUnavailable):
        pool.borrow()
    with pytest.raises(BrokerUnavailable):
        pool.borrow()
    assert FakeBorrowed.made == 1, "while the breaker is open nobody tries the broker"
    FakeBorrowed.broker_up = True
    time.sleep(0.25)
    assert pool.borrow() is not None
    assert FakeBorrowed.made == 2


def test_without_a_breaker_every_request_tries():
    pool = RpcPool({}, factory=FakeBorrowed, breaker_seconds=0)
    FakeBorrowed.broker_up = False
    for _ in range(3):
        with pytest.raises(BrokerUnavailable):
            pool.borrow()
    assert FakeBorrowed.made == 3


def test_a_proxy_whose_call_timed_out_is_thrown_away():
    """Found by trying: a late answer (a fresh link, a token) waited unread in the reply queue
    of a proxy the pool kept giving out."""
    class SlowService:
        def __getattr__(self, method):
            def call(*args):
                raise RpcTimeout()
            return call

    pool = RpcPool({}, factory=FakeBorrowed)
    borrowed = pool.borrow()
    borrowed.proxy = type("Proxy", (), {"intake": SlowService()})()
    with pytest.raises(ServiceUnavailable):
        pool.call(borrowed, "intake", "issue_token")
    pool.give_back(borrowed)
    assert pool.borrow() is not borrowed
