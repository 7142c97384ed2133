"""Suggestions for one person and the whole-pool draft, from the pool as it stands."""
from datetime import date

import numpy as np
from sqlalchemy.orm import Session

from services.matching import assignment, explain, pool, settings
from services.matching.profiles import languages_of, side
from services.matching.scoring import CONSTRAINTS, CRITERIA, score
from services.shared.errors import Conflict, NotFound


def _scored(session: Session, buddies, participants, today: date):
    weights, max_km = settings.current(session)
    languages = languages_of(buddies, participants)
    b, p = side(buddies, languages, today), side(participants, languages, today)
    return b, p, score(b, p, weights, max_km, pool.declined_pairs(session))


def for_person(session: Session, person_id: str, limit: int = 10, today: date | None = None) -> dict:
    """The best partners for a pooled person, each explained, and who was left out and why."""
    today = today or date.today()
    person = pool.person(session, person_id)
    if person is None:
        raise NotFound("This person is not in the matching pool.")
    if person.role == "participant":
        others = pool.people(session, "buddy")
        b, p, scores = _scored(session, others, [person], today)
        pick = lambda matrix: matrix[:, 0]  # noqa: E731 - one column: this participant
    else:
        others = pool.people(session, "participant", status="waiting")
        b, p, scores = _scored(session, [person], others, today)
        pick = lambda matrix: matrix[0, :]  # noqa: E731 - one row: this buddy
    total, feasible = pick(scores.total), pick(scores.feasible)
    ranked = sorted(np.flatnonzero(feasible), key=lambda i: (-total[i], others[i].person_id))
    return {"person_id": person.person_id, "role": person.role, "capacity": person.capacity,
            "room": person.room, "suggestions": [_suggestion(person, others[i], scores, pick, i, today)
                            for i in ranked[:limit]],
            "excluded": [_exclusion(person, others[i], scores, pick, i)
                         for i in np.flatnonzero(~feasible)]}


def _pair(person, other):
    return (person, other) if person.role == "buddy" else (other, person)


def _suggestion(person, other, scores, pick, i, today) -> dict:
    buddy, participant = _pair(person, other)
    criteria = [{"name": name, "weight": scores.weights[name],
                 "value": round(float(pick(scores.values[name])[i]), 4),
                 "contribution": round(float(pick(scores.contribution(name))[i]), 2),
                 "facts": explain.facts(name, buddy, participant, float(pick(scores.km)[i]), today)}
                for name in CRITERIA]
    return {"person_id": other.person_id, "role": other.role,
            "score": round(float(pick(scores.total)[i]), 2), "criteria": criteria,
            "languages": sorted(explain.shared_languages(buddy, participant))}


def _exclusion(person, other, scores, pick, i) -> dict:
    return {"person_id": other.person_id, "role": other.role,
            "constraints": [name for name in CONSTRAINTS if pick(scores.excluded[name])[i]]}


def top_buddy(session: Session, participant_id: str) -> str | None:
    """The participant's first suggestion, if any (to know when a choice needs a reason)."""
    found = for_person(session, participant_id, limit=1)["suggestions"]
    return found[0]["person_id"] if found else None


def draft(session: Session, locked=(), forbidden=(), today: date | None = None) -> dict:
    """The whole-pool proposal: locked pairs kept, forbidden ones ruled out, the rest optimal."""
    buddies = pool.people(session, "buddy")
    participants = pool.people(session, "participant", status="waiting")
    b, p, scores = _scored(session, buddies, participants, today or date.today())
    rows = {person.person_id: i for i, person in enumerate(buddies)}
    cols = {person.person_id: j for j, person in enumerate(participants)}
    allowed, room = scores.feasible.copy(), b.room.copy()
    kept = []
    for pair in locked:
        row, col = _locate(rows, cols, pair)
        kept.append(assignment.Pair(row, col, float(scores.total[row, col])))
        allowed[:, col], room[row] = False, room[row] - 1
    for pair in forbidden:
        if str(pair["buddy_id"]) in rows and str(pair["participant_id"]) in cols:
            allowed[_locate(rows, cols, pair)] = False
    chosen = sorted(assignment.optimal_pairs(scores.total, allowed, room), key=lambda x: -x.score)
    return _draft_view(buddies, participants, kept, chosen)


def _locate(rows, cols, pair):
    buddy_id, participant_id = str(pair["buddy_id"]), str(pair["participant_id"])
    if buddy_id not in rows or participant_id not in cols:
        raise Conflict("A locked pair is no longer in the pool: re-run without it.")
    return rows[buddy_id], cols[participant_id]


def _draft_view(buddies, participants, kept, chosen) -> dict:
    pairs = [{"buddy_id": buddies[x.buddy].person_id, "participant_id": participants[x.participant].person_id,
              "score": round(x.score, 2), "locked": x in kept} for x in [*kept, *chosen]]
    matched_b = {pair["buddy_id"] for pair in pairs}
    matched_p = {pair["participant_id"] for pair in pairs}
    return {"pairs": pairs, "total_score": round(sum(x.score for x in [*kept, *chosen]), 2),
            "unmatched_buddies": [b.person_id for b in buddies if b.person_id not in matched_b and b.room > 0],
            "unmatched_participants": [p.person_id for p in participants if p.person_id not in matched_p]}
