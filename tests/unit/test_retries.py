"""How long a failed handler waits before its next try, and which try it is."""
from types import SimpleNamespace

import pytest

from services.shared.handlers import attempt_of, retry_delay


@pytest.mark.parametrize("attempt, nominal", [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 30.0)])
def test_back_off_doubles_up_to_the_ceiling_with_some_jitter(attempt, nominal):
    delays = [retry_delay(attempt, base=0.5, ceiling=30) for _ in range(200)]
    assert all(nominal * 0.8 <= d <= nominal * 1.2 for d in delays)
    assert len({round(d, 6) for d in delays}) > 1, "jitter spreads retries apart"


def test_the_first_delivery_is_try_one_and_the_broker_counts_the_rest():
    assert attempt_of(SimpleNamespace(headers={})) == 1
    assert attempt_of(SimpleNamespace(headers=None)) == 1
    assert attempt_of(SimpleNamespace(headers={"x-delivery-count": 0})) == 1
    assert attempt_of(SimpleNamespace(headers={"x-delivery-count": 3})) == 4
