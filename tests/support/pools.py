"""Random pools of buddies and participants with plausible profiles (benchmarks, property tests)."""
from datetime import datetime, timedelta, timezone

import numpy as np

from services.matching.profiles import Person
from services.shared.wire import vocabulary as v

NEWCOMER_LANGUAGES = ("ar", "uk", "fa", "ti", "fr", "en", "so", "ps", "ru", "tr")
NOW = datetime(2026, 11, 27, tzinfo=timezone.utc)


def _some(rng, options, low, high) -> list:
    return [str(x) for x in rng.choice(options, size=int(rng.integers(low, high + 1)), replace=False)]


def a_random_person(rng, role: str, number: int) -> Person:
    """A buddy (Dutch plus perhaps another language) or a newcomer (one or two of their own,
    some Dutch), with random moments, interests, district and preferences."""
    if role == "buddy":
        languages = [{"code": "nl", "level": "native"}] + [
            {"code": code, "level": str(rng.choice(v.LEVELS))} for code in _some(rng, ("fr", "en", "ar"), 0, 1)]
        extra = {"roles": _some(rng, v.BUDDY_ROLES, 1, 3)}
    else:
        languages = [{"code": code, "level": "native"} for code in _some(rng, NEWCOMER_LANGUAGES, 1, 2)]
        extra = {"dutch_level": str(rng.choice(v.DUTCH_LEVELS)), "hopes": _some(rng, v.HOPES, 1, 2)}
    wants = str(rng.choice(("any", "any", "any", "female", "male")))
    profile = {"gender": str(rng.choice(("female", "male"))), "birth_year": int(rng.integers(1950, 2005)),
               "district": str(rng.choice(list(v.DISTRICTS))), "languages": languages,
               "availability": _some(rng, v.SLOTS, 2, 7), "interests": _some(rng, v.INTERESTS, 1, 4),
               "preferences": {"partner_gender": wants}, **extra}
    waited = timedelta(days=int(rng.integers(0, 120)))
    return Person(f"{role}-{number}", role, profile, NOW - waited, int(rng.choice((1, 1, 1, 2))) if role == "buddy" else 1)


def a_random_pool(seed: int, buddies: int, participants: int) -> tuple[list, list]:
    rng = np.random.default_rng(seed)
    return ([a_random_person(rng, "buddy", i) for i in range(buddies)],
            [a_random_person(rng, "participant", i) for i in range(participants)])
