"""Builders for test data: a valid thing by default, overridden where a test cares."""
import itertools

from services.intake import accounts
from services.manage import service_session

_numbers = itertools.count(1)
COORDINATOR_PASSWORD = "correct horse battery staple"


def an_application(**overrides) -> dict:
    """A valid application as the public API takes it."""
    number = next(_numbers)
    return {"role": "participant", "first_name": "Amina", "last_name": f"Haddad {number}",
            "email": f"amina.{number}@example.org", "language": "ar", "consent": True,
            **overrides}


def a_coordinator(config, email="coordinator@example.org", name="Coordinator Test") -> dict:
    """A coordinator account in the intake service; its credentials."""
    with service_session(config, "intake") as session:
        accounts.create_account(session, email, COORDINATOR_PASSWORD, "coordinator", name)
        session.commit()
    return {"email": email, "password": COORDINATOR_PASSWORD}
