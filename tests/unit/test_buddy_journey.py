"""Where a buddy stands decides what their own page says: the most advanced state wins."""
import pytest

from gateway.buddy_journey import Stage, journey

PROPOSED = {"id": "p1", "status": "proposed", "participant_id": "amina", "introduction_starts_at": None}
PLANNED = {**PROPOSED, "status": "introduction_planned", "introduction_starts_at": "2026-12-03T09:00:00+00:00"}
ACCEPTED = {**PLANNED, "status": "accepted"}
LIVE = {"id": "d1", "proposal_id": "p1", "status": "active", "participant_id": "amina", "ended_on": None}
ENDED = {**LIVE, "id": "d0", "proposal_id": "p0", "status": "ended", "participant_id": "noor", "ended_on": "2026-06-01"}
DECLINED = {"id": "p0", "status": "declined", "participant_id": "noor", "introduction_starts_at": None}


@pytest.mark.parametrize("status, duos, proposals, stage, partner", [
    ("received", [], [], Stage.APPLIED, None),
    ("approved", [], [], Stage.SCREENED, None),
    ("approved", [], [DECLINED], Stage.SCREENED, None),
    ("approved", [], [PROPOSED], Stage.PROPOSED, "amina"),
    ("approved", [], [PLANNED], Stage.INTRODUCTION_PLANNED, "amina"),
    ("approved", [LIVE], [ACCEPTED], Stage.IN_DUO, "amina"),
    ("approved", [{**LIVE, "status": "paused"}], [ACCEPTED], Stage.IN_DUO, "amina"),
    ("approved", [ENDED], [DECLINED], Stage.DUO_ENDED, "noor"),
    ("approved", [ENDED], [DECLINED, PROPOSED], Stage.PROPOSED, "amina"),
    ("approved", [ENDED, LIVE], [ACCEPTED], Stage.IN_DUO, "amina"),
])
def test_the_most_advanced_state_wins(status, duos, proposals, stage, partner):
    where = journey(status, duos, proposals)
    assert (where.stage, where.partner_id) == (stage, partner)


def test_a_duo_keeps_its_introduction_meeting():
    where = journey("approved", [LIVE], [DECLINED, ACCEPTED])
    assert where.proposal["introduction_starts_at"] == PLANNED["introduction_starts_at"]
