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
    """The best partners for a pooled person, each explained, and who was left out and why;
    `proposable` is False while the person has no room for another proposal (a participant in
    an open proposal or a duo, a buddy at capacity): nothing is to be proposed for them then."""
    today = today or date.today()
    person, others, scores, pick, ranked = _ranked(session, person_id, today)
    feasible = pick(scores.feasible)
    return {"person_id": person.person_id, "role": person.role, "capacity": person.capacity,
            "room": person.room, "proposable": person.room > 0, "suggestions": [_suggestion(person, others[i], scores, pick, i, today)
                                                 for i in ranked[:limit]],
            "excluded": [_exclusion(person, others[i], scores, pick, i)
                         for i in np.flatnonzero(~feasible)]}


def choice(session: Session, participant_id: str, buddy_id: str, today: date | None = None) -> dict:
    """What proposing a pair needs: the participant's top buddy, and the chosen buddy's
    suggestion with its breakdown, or the constraints that exclude the pair."""
    today = today or date.today()
    person, others, scores, pick, ranked = _ranked(session, participant_id, today)
    index = next((i for i, other in enumerate(others) if other.person_id == str(buddy_id)), None)
    found = {"top": others[ranked[0]].person_id if ranked else None, "chosen": None, "excluded": None}
    if index is None or person.role != "participant":
        return found
    if not pick(scores.feasible)[index]:
        return {**found, "excluded": _exclusion(person, others[index], scores, pick, index)["constraints"]}
    return {**found, "chosen": _suggestion(person, others[index], scores, pick, index, today)}


def _ranked(session, person_id, today):
    """One person against the other side, scored: the pooled person, the others, the scores, how
    to read this person's column (or row) of them, and the feasible others best first."""
    person = pool.person(session, person_id)
    if person is None:
        raise NotFound("This person is not in the matching pool.")
    if person.role == "participant":
        others = pool.people(session, "buddy")
        scores = _scored(session, others, [person], today)[2]
        pick = lambda matrix: matrix[:, 0]  # noqa: E731 - one column: this participant
    else:
        others = pool.people(session, "participant", status="waiting")
        scores = _scored(session, [person], others, today)[2]
        pick = lambda matrix: matrix[0, :]  # noqa: E731 - one row: this buddy
    total, feasible = pick(scores.total), pick(scores.feasible)
    ranked = sorted(np.flatnonzero(feasible), key=lambda i: (-total[i], others[i].person_id))
    return person, others, scores, pick, ranked


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
