"""How long a failed try waits before the next (one back-off for every retry on the platform),
which try a delivery is, and which database errors are a lost race rather than an outage."""
from types import SimpleNamespace

import psycopg
import pytest
from sqlalchemy.exc import OperationalError

from services.shared.backoff import backoff
from services.shared.errors import conflict_of, is_conflict, is_outage
from services.shared.handlers import attempt_of


@pytest.mark.parametrize("attempt, nominal", [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 30.0)])
def test_back_off_doubles_up_to_the_ceiling_with_some_jitter(attempt, nominal):
    delays = [backoff(attempt, base=0.5, ceiling=30) for _ in range(200)]
    assert all(nominal * 0.8 <= d <= nominal * 1.2 for d in delays)
    assert len({round(d, 6) for d in delays}) > 1, "jitter spreads retries apart"


def test_the_jitter_is_a_fraction_of_the_delay_and_can_be_turned_off():
    assert {backoff(3, base=1, ceiling=60, jitter=0) for _ in range(20)} == {4.0}
    assert all(2 <= backoff(3, base=1, ceiling=60, jitter=0.5) <= 6 for _ in range(200))
    assert backoff(0, base=1, ceiling=60, jitter=0) == 1.0, "before any try: the base"


def test_the_first_delivery_is_try_one_and_the_broker_counts_the_rest():
    assert attempt_of(SimpleNamespace(headers={})) == 1
    assert attempt_of(SimpleNamespace(headers=None)) == 1
    assert attempt_of(SimpleNamespace(headers={"x-delivery-count": 0})) == 1
    assert attempt_of(SimpleNamespace(headers={"x-delivery-count": 3})) == 4


def wrapped(error: psycopg.Error) -> OperationalError:
    return OperationalError("UPDATE …", {}, error)


def test_a_deadlock_is_a_conflict_to_retry_not_an_outage():
    for error, kind in [(psycopg.errors.DeadlockDetected("deadlock detected"), "deadlock"),
                        (psycopg.errors.SerializationFailure("could not serialize"),
                         "serialization failure")]:
        assert conflict_of(wrapped(error)) == kind and is_conflict(error)
        assert not is_outage(wrapped(error)), "the database is fine: no waiting for it"
    lost = wrapped(psycopg.OperationalError("connection refused"))
    assert is_outage(lost) and not is_conflict(lost)


def test_a_database_error_is_described_without_its_statement_or_parameters():
    import psycopg
    from sqlalchemy.exc import DataError

    from services.shared.loophealth import describe
    error = DataError("UPDATE outbox SET x = %(email)s", {"email": "jan.peeters@example.org"},
                      psycopg.errors.InvalidTextRepresentation("invalid input syntax for type uuid\nLINE 1: ..."))
    assert describe(error) == "InvalidTextRepresentation: invalid input syntax for type uuid"
