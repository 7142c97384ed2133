"""The whole-pool proposal: the set of pairs with the highest total score, exactly.

A maximum-weight bipartite matching, solved as an assignment problem with scipy's
`linear_sum_assignment` (a shortest-augmenting-path Hungarian method): a pair that a
constraint excludes (or the coordinator forbade) is worth nothing, so leaving two people
unmatched is always as good as pairing them. A buddy who can take on more than one duo
appears once per free place.
"""
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

# A feasible pair is worth a hair more than none: among optima, the one that matches most.
FEASIBLE_TIE_BREAK = 1e-6


@dataclass(frozen=True)
class Pair:
    buddy: int          # row in the score matrix
    participant: int    # column
    score: float


def optimal_pairs(total: np.ndarray, allowed: np.ndarray, room: np.ndarray) -> list[Pair]:
    """The pairs maximising the summed `total` over `allowed` pairs, each buddy taking at
    most `room` participants and each participant at most one buddy."""
    places = np.repeat(np.arange(len(room)), np.clip(room, 0, total.shape[1]))
    if places.size == 0 or total.shape[1] == 0:
        return []
    worth = np.where(allowed, np.maximum(total, 0) + FEASIBLE_TIE_BREAK, 0.0)[places]
    rows, cols = linear_sum_assignment(worth, maximize=True)
    return [Pair(int(places[r]), int(c), float(total[places[r], c]))
            for r, c in zip(rows, cols) if allowed[places[r], c]]


def greedy_pairs(total: np.ndarray, allowed: np.ndarray, room: np.ndarray) -> list[Pair]:
    """Best pair first, while both are free: the baseline the benchmark compares against."""
    left, taken, pairs = room.copy(), set(), []
    candidates = np.argwhere(allowed)
    order = np.argsort(-total[allowed], kind="stable")
    for row, col in candidates[order]:
        if left[row] > 0 and col not in taken:
            left[row] -= 1
            taken.add(col)
            pairs.append(Pair(int(row), int(col), float(total[row, col])))
    return pairs
