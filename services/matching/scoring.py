"""Scores every buddy × participant pair at once: hard constraints that exclude a pair, each
named, and weighted soft criteria whose contributions add up to the score.

Pure: arrays in, arrays out (see profiles.py). The same code scores one participant's
suggestions and a 2,000 × 2,000 pool, so what a suggestion explains is what the whole-pool
proposal optimised.
"""
from dataclasses import dataclass

import numpy as np

from services.matching.profiles import Side

EARTH_RADIUS_KM = 6371.0
MAX_DISTANCE_KM = 10.0      # the default furthest two districts of a duo may lie apart
ENOUGH_IN_COMMON = 3        # shared slots or interests that count as a perfect fit
WAITING_FULL_DAYS = 90      # waiting this long earns the whole waiting bonus
CONSTRAINTS = ("language", "availability", "gender_preference", "distance", "capacity",
               "declined_before")
DEFAULT_WEIGHTS = {"interests": 20.0, "availability": 20.0, "distance": 15.0, "roles": 20.0,
                   "age": 10.0, "waiting": 15.0}
CRITERIA = tuple(DEFAULT_WEIGHTS)


@dataclass(frozen=True)
class Scores:
    """For every pair (buddy row, participant column): what excludes it and what it scores."""

    excluded: dict      # constraint → bool matrix
    values: dict        # criterion → matrix of 0..1
    weights: dict
    km: np.ndarray

    @property
    def feasible(self) -> np.ndarray:
        return ~np.logical_or.reduce(list(self.excluded.values()))

    @property
    def total(self) -> np.ndarray:
        return sum(self.contribution(name) for name in CRITERIA)

    def contribution(self, criterion: str) -> np.ndarray:
        return self.weights[criterion] * self.values[criterion]


def distances_km(buddies: Side, participants: Side) -> np.ndarray:
    """Great-circle distance between every buddy's and participant's district (NaN if unknown)."""
    lat1, lon1 = np.radians(buddies.lat)[:, None], np.radians(buddies.lon)[:, None]
    lat2, lon2 = np.radians(participants.lat)[None, :], np.radians(participants.lon)[None, :]
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


def _gender_refused(wants: np.ndarray, gender: np.ndarray) -> np.ndarray:
    return (wants != "any") & (wants != gender)


def _age_fits(age: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """1 where the partner's age lies in the range asked for (an unknown age is not held against)."""
    with np.errstate(invalid="ignore"):
        too_young = ~np.isnan(low) & (age < low)
        too_old = ~np.isnan(high) & (age > high)
    return ~(too_young | too_old)


def constraints(b: Side, p: Side, km: np.ndarray, max_km: float, declined: set) -> dict:
    """Each hard constraint as a matrix: True where it excludes the pair."""
    shape = (len(b.people), len(p.people))
    refused = np.zeros(shape, dtype=bool)
    rows = {person.person_id: i for i, person in enumerate(b.people)}
    cols = {person.person_id: j for j, person in enumerate(p.people)}
    for buddy_id, participant_id in declined:
        if buddy_id in rows and participant_id in cols:
            refused[rows[buddy_id], cols[participant_id]] = True
    with np.errstate(invalid="ignore"):
        too_far = km > max_km
    return {
        "language": ((b.good @ p.good.T) + (b.strong @ p.some.T) + (b.some @ p.strong.T)) == 0,
        "availability": (b.slots @ p.slots.T) == 0,
        "gender_preference": (_gender_refused(p.wants[None, :], b.gender[:, None])
                              | _gender_refused(b.wants[:, None], p.gender[None, :])),
        "distance": too_far,
        "capacity": np.broadcast_to((b.room <= 0)[:, None], shape),
        "declined_before": refused,
    }


def criteria(b: Side, p: Side, km: np.ndarray, max_km: float) -> dict:
    """Each soft criterion as a matrix of values from 0 (nothing) to 1 (a perfect fit)."""
    hopes = np.maximum(p.roles.sum(axis=1), 1)[None, :]
    buddy_fits = _age_fits(b.age[:, None], p.age_min[None, :], p.age_max[None, :])
    participant_fits = _age_fits(p.age[None, :], b.age_min[:, None], b.age_max[:, None])
    waiting = (b.waiting_days[:, None] + p.waiting_days[None, :]) / 2
    return {
        "interests": np.minimum((b.interests @ p.interests.T) / ENOUGH_IN_COMMON, 1.0),
        "availability": np.minimum((b.slots @ p.slots.T) / ENOUGH_IN_COMMON, 1.0),
        "distance": np.nan_to_num(np.clip(1 - km / max_km, 0, 1), nan=0.0),
        "roles": (b.roles @ p.roles.T) / hopes,
        "age": (buddy_fits.astype(np.float32) + participant_fits) / 2,
        "waiting": np.minimum(waiting / WAITING_FULL_DAYS, 1.0),
    }


def score(b: Side, p: Side, weights: dict | None = None, max_km: float = MAX_DISTANCE_KM,
          declined: set = frozenset()) -> Scores:
    """Every pair of `b` (rows) and `p` (columns), constrained and scored."""
    km = distances_km(b, p)
    return Scores(excluded=constraints(b, p, km, max_km, declined),
                  values=criteria(b, p, km, max_km),
                  weights={**DEFAULT_WEIGHTS, **(weights or {})}, km=km)
