"""Where a buddy stands, for their own page (/me), from what matching and intake say about
them: the text of the page follows it, so nobody in a duo is told we are still looking."""
from dataclasses import dataclass
from enum import StrEnum

LIVE = ("active", "paused")
OPEN = ("proposed", "introduction_planned")


class Stage(StrEnum):
    APPLIED = "applied"  # not approved (yet)
    SCREENED = "screened"  # approved, waiting in the pool for a match
    PROPOSED = "proposed"  # a participant proposed, no introduction planned yet
    INTRODUCTION_PLANNED = "introduction_planned"
    IN_DUO = "in_duo"  # active or paused
    DUO_ENDED = "duo_ended"  # the last duo ended, nothing newer


@dataclass(frozen=True)
class Journey:
    """The stage, the duo it is about (live, or the last that ended) and the proposal it is
    about (the open one, or the duo's own, which holds its introduction meeting)."""

    stage: Stage
    duo: dict | None = None
    proposal: dict | None = None

    @property
    def partner_id(self) -> str | None:
        return (self.duo or self.proposal or {}).get("participant_id")


def journey(application_status: str | None, duos: list[dict], proposals: list[dict]) -> Journey:
    """`duos` (DuoView) and `proposals` (ProposalView) of the buddy, in any order; the most
    advanced state wins: a live duo, an open proposal, an ended duo, the application."""
    by_id = {p["id"]: p for p in proposals}
    live = [d for d in duos if d["status"] in LIVE]
    if live:
        return Journey(Stage.IN_DUO, live[0], by_id.get(live[0]["proposal_id"]))
    open_ = [p for p in proposals if p["status"] in OPEN]
    if open_:
        planned = bool(open_[0].get("introduction_starts_at"))
        return Journey(Stage.INTRODUCTION_PLANNED if planned else Stage.PROPOSED, None, open_[0])
    ended = sorted((d for d in duos if d["status"] == "ended"), key=lambda d: d.get("ended_on") or "")
    if ended:
        return Journey(Stage.DUO_ENDED, ended[-1], by_id.get(ended[-1]["proposal_id"]))
    return Journey(Stage.SCREENED if application_status == "approved" else Stage.APPLIED)
