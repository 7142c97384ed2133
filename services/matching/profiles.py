"""One side of the pool as arrays: each profile turned into the numbers scoring works on.

Sets (languages spoken at a workable level, availability slots, interests, roles) become 0/1
columns, so "how many in common" for every buddy × participant pair is one matrix product.
"""
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from services.shared.wire import vocabulary as v

# How well someone speaks, in rank order. Two people can work in a language when both hold
# a conversation in it, or when one speaks it fluently and the other at least a little (a
# native Dutch speaker with a newcomer who speaks some Dutch).
RANK = {"none": 0, "a_little": 1, "conversational": 2, "fluent": 3, "native": 4}
SOME, GOOD, STRONG = 1, 2, 3
DUTCH = "nl"


@dataclass(frozen=True)
class Person:
    """What scoring needs of one pooled person."""

    person_id: str
    role: str
    profile: dict
    waiting_since: datetime
    room: int = 1  # how many more duos the person can take on
    capacity: int = 1  # how many at once


@dataclass(frozen=True)
class Side:
    """Everyone on one side (buddies or participants), as arrays in the same order."""

    people: list
    some: np.ndarray        # n × languages, 1 where spoken at least a little
    good: np.ndarray        # … at least conversationally
    strong: np.ndarray      # … fluently or natively
    slots: np.ndarray       # n × 21 availability slots
    interests: np.ndarray   # n × interests
    roles: np.ndarray       # n × buddy roles: taken on (buddies) or hoped for (participants)
    gender: np.ndarray      # codes
    wants: np.ndarray       # the partner gender asked for ("any", "female", "male")
    age: np.ndarray         # years; NaN when unknown
    age_min: np.ndarray     # NaN when no preference
    age_max: np.ndarray
    lat: np.ndarray         # NaN outside the town's districts
    lon: np.ndarray
    waiting_days: np.ndarray
    room: np.ndarray


def levels(profile: dict) -> dict[str, int]:
    """Each language a person speaks, with its rank (a participant's Dutch included)."""
    ranks = {spoken["code"]: RANK.get(spoken.get("level"), 0) for spoken in profile.get("languages") or []}
    if RANK.get(profile.get("dutch_level"), 0):
        ranks[DUTCH] = max(ranks.get(DUTCH, 0), RANK[profile["dutch_level"]])
    return {code: rank for code, rank in ranks.items() if rank}


def workable(one: int, other: int) -> bool:
    """Whether two people speaking a language at these ranks can talk in it."""
    return min(one, other) >= GOOD or (max(one, other) >= STRONG and min(one, other) >= SOME)


def wanted_roles(profile: dict) -> set[str]:
    """What a buddy does, or what a participant's hopes ask a buddy to be."""
    return set(profile.get("roles") or ()) | {v.ROLE_FOR_HOPE[h] for h in profile.get("hopes") or ()}


def languages_of(*groups) -> list[str]:
    """Every language spoken in the pool, in a fixed order (the columns of the level matrices)."""
    return sorted({code for group in groups for person in group for code in levels(person.profile)})


def _columns(people, values_of, vocabulary) -> np.ndarray:
    index = {code: i for i, code in enumerate(vocabulary)}
    matrix = np.zeros((len(people), len(vocabulary)), dtype=np.float32)
    for row, person in enumerate(people):
        for code in values_of(person.profile):
            if code in index:
                matrix[row, index[code]] = 1
    return matrix


def _numbers(people, value_of) -> np.ndarray:
    return np.array([np.nan if (x := value_of(p)) is None else x for p in people], dtype=np.float64)


def side(people: list, languages: list[str], today: date) -> Side:
    """Arrange `people` as arrays (see Side)."""
    places = [v.DISTRICTS.get(p.profile.get("district"), (None, None, None)) for p in people]
    preferences = [p.profile.get("preferences") or {} for p in people]
    return Side(
        people=people,
        some=_columns(people, lambda pr: [c for c, r in levels(pr).items() if r >= SOME], languages),
        good=_columns(people, lambda pr: [c for c, r in levels(pr).items() if r >= GOOD], languages),
        strong=_columns(people, lambda pr: [c for c, r in levels(pr).items() if r >= STRONG], languages),
        slots=_columns(people, lambda pr: pr.get("availability") or (), v.SLOTS),
        interests=_columns(people, lambda pr: pr.get("interests") or (), v.INTERESTS),
        roles=_columns(people, wanted_roles, v.BUDDY_ROLES),
        gender=np.array([p.profile.get("gender") or "unspecified" for p in people], dtype=object),
        wants=np.array([pref.get("partner_gender") or "any" for pref in preferences], dtype=object),
        age=_numbers(people, lambda p: p.profile.get("birth_year") and today.year - p.profile["birth_year"]),
        age_min=np.array([pref.get("partner_age_min") or np.nan for pref in preferences], dtype=np.float64),
        age_max=np.array([pref.get("partner_age_max") or np.nan for pref in preferences], dtype=np.float64),
        lat=np.array([place[1] or np.nan for place in places], dtype=np.float64),
        lon=np.array([place[2] or np.nan for place in places], dtype=np.float64),
        waiting_days=np.array([max((today - p.waiting_since.date()).days, 0) for p in people], dtype=np.float64),
        room=np.array([p.room for p in people], dtype=np.int64),
    )
