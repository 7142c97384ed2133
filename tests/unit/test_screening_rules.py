"""Which screening decision may follow which status."""
import pytest

from services.intake.applications import NEXT_DECISIONS


@pytest.mark.parametrize("status, decision, allowed", [
    ("received", "approved", True), ("received", "rejected", True),
    ("received", "waitlisted", True), ("waitlisted", "approved", True),
    ("waitlisted", "rejected", True), ("waitlisted", "waitlisted", False),
    ("approved", "rejected", False), ("approved", "approved", False),
    ("rejected", "approved", False),
])
def test_decisions_follow_the_programme(status, decision, allowed):
    assert (decision in NEXT_DECISIONS.get(status, ())) is allowed
