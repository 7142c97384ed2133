"""Errors a service raises on purpose. They cross RPC as themselves (nameko re-raises the same
class in the caller), and the gateway maps each to one HTTP status in a single table."""
from nameko.exceptions import deserialize_to_instance


@deserialize_to_instance
class DomainError(Exception):
    """Base of the deliberate errors; its message is safe to show to the caller."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


@deserialize_to_instance
class InvalidInput(DomainError):
    """Input failed validation: `errors` maps each field to its messages."""

    def __init__(self, errors, message="The input is not valid."):
        super().__init__(errors, message)
        self.errors = errors

    @property
    def message(self) -> str:
        return self.args[1]


@deserialize_to_instance
class NotFound(DomainError):
    """The thing asked for does not exist (or the caller may not know it does)."""


@deserialize_to_instance
class Conflict(DomainError):
    """The request clashes with the current state, e.g. deciding twice. `Conflict(message,
    field)` names the input it is about, so that a form shows it under that field (and the
    API's answer carries it in `errors`)."""

    @property
    def field(self) -> str | None:
        return self.args[1] if len(self.args) > 1 else None

    @property
    def errors(self) -> dict | None:
        return {self.field: [self.message]} if self.field else None


@deserialize_to_instance
class Gone(DomainError):
    """It existed but can no longer be used: an expired or used link."""


@deserialize_to_instance
class NotAuthenticated(DomainError):
    """Credentials or token missing, wrong or expired."""


@deserialize_to_instance
class Forbidden(DomainError):
    """Authenticated, but not allowed to do this."""


@deserialize_to_instance
class TooManyAttempts(DomainError):
    """Throttled: `retry_after` seconds before trying again."""

    def __init__(self, message, retry_after=60):
        super().__init__(message, retry_after)
        self.retry_after = retry_after


@deserialize_to_instance
class Unavailable(DomainError):
    """A part the service needs (its database) is down for now; try again shortly."""


@deserialize_to_instance
class RevocationListUnavailable(Unavailable):
    """The shared list of revoked credentials (Redis) cannot be written: nothing was revoked,
    so that no gateway goes on accepting what the owner believes ended."""


# SQLSTATEs of a transaction that lost a race with another one: deadlock_detected and
# serialization_failure. PostgreSQL rolled it back; running it again is expected to work.
CONFLICT_SQLSTATES = {"40P01": "deadlock", "40001": "serialization failure"}


def conflict_of(exc: BaseException | None) -> str | None:
    """The kind of conflict `exc` (or an exception it wraps) is: "deadlock", "serialization
    failure", or None when it is none of these."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        found = CONFLICT_SQLSTATES.get(getattr(exc, "sqlstate", None) or "")
        if found:
            return found
        exc = getattr(exc, "orig", None) or exc.__cause__
    return None


def is_conflict(exc: BaseException) -> bool:
    """Whether `exc` is a deadlock or serialization failure: retry the transaction, soon."""
    return conflict_of(exc) is not None


def is_outage(exc: BaseException) -> bool:
    """Whether `exc` means the database is unreachable, rather than that the request is wrong
    (a deadlock is an OperationalError too, but the database is fine: see is_conflict)."""
    import psycopg
    from sqlalchemy import exc as sa
    if is_conflict(exc):
        return False
    return isinstance(exc, (sa.OperationalError, sa.InterfaceError, sa.TimeoutError,
                            psycopg.OperationalError)) or getattr(exc, "connection_invalidated", False)


EXPECTED = (InvalidInput, NotFound, Conflict, Gone, NotAuthenticated, Forbidden, TooManyAttempts,
            Unavailable)
