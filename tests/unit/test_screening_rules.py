"""Which screening decision may follow which status, and what approval needs."""
import pytest

from services.intake.screening import NEXT_DECISIONS
from services.shared.wire.profile import missing_for_matching


@pytest.mark.parametrize("status, decision, allowed", [
    ("received", "approved", True), ("received", "rejected", True),
    ("intake_planned", "waitlisted", True), ("intake_held", "approved", True),
    ("waitlisted", "approved", True), ("waitlisted", "rejected", True),
    ("waitlisted", "waitlisted", False), ("approved", "rejected", False),
    ("approved", "approved", False), ("rejected", "approved", False),
])
def test_decisions_follow_the_programme(status, decision, allowed):
    assert (decision in NEXT_DECISIONS.get(status, ())) is allowed


def test_matching_needs_a_complete_profile_for_each_role():
    buddy = {"gender": "female", "birth_year": 1980, "district": "brustem",
             "languages": [{"code": "nl", "level": "native"}], "availability": ["mon_evening"],
             "roles": ["guide"]}
    assert missing_for_matching(buddy, "buddy") == []
    assert missing_for_matching({**buddy, "availability": []}, "buddy") == ["availability"]
    assert missing_for_matching(buddy, "participant") == ["dutch_level", "hopes"], \
        "matching does not match on why someone came: it need not know"
