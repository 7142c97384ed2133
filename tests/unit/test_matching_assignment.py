"""The whole-pool proposal is the true optimum: checked against brute force on small pools."""
import numpy as np
from hypothesis import given, settings, strategies as st

from services.matching.assignment import greedy_pairs, optimal_pairs


def brute_force_best(total, allowed, room) -> float:
    """Try every way to give each participant a buddy with room, or none."""
    def best(col, left):
        if col == total.shape[1]:
            return 0.0
        found = best(col + 1, left)  # this participant stays unmatched
        for row in range(total.shape[0]):
            if allowed[row, col] and left[row] > 0:
                left[row] -= 1
                found = max(found, total[row, col] + best(col + 1, left))
                left[row] += 1
        return found
    return best(0, list(room))


pools = st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))


@settings(max_examples=150, deadline=None)
@given(pools)
def test_the_proposal_total_equals_the_brute_force_optimum(pool):
    buddies, participants, seed = pool
    random = np.random.default_rng(seed)
    total = np.round(random.uniform(0, 100, (buddies, participants)), 2)
    allowed = random.random((buddies, participants)) < 0.7
    room = random.integers(0, 3, buddies)
    pairs = optimal_pairs(total, allowed, room)
    assert abs(sum(p.score for p in pairs) - brute_force_best(total, allowed, room)) < 1e-6
    assert all(allowed[p.buddy, p.participant] for p in pairs), "no excluded pair is proposed"
    assert len({p.participant for p in pairs}) == len(pairs), "a participant gets one buddy"
    for row in range(buddies):
        assert sum(p.buddy == row for p in pairs) <= room[row], "no buddy beyond their capacity"
    assert sum(p.score for p in greedy_pairs(total, allowed, room)) <= sum(p.score for p in pairs) + 1e-6


def test_greedy_is_beaten_where_the_best_pair_blocks_two_good_ones():
    total = np.array([[10.0, 9.0], [8.0, 0.0]])
    allowed, room = np.ones((2, 2), dtype=bool), np.array([1, 1])
    assert sum(p.score for p in greedy_pairs(total, allowed, room)) == 10
    assert sum(p.score for p in optimal_pairs(total, allowed, room)) == 17


def test_an_empty_side_gives_an_empty_proposal():
    assert optimal_pairs(np.zeros((0, 3)), np.zeros((0, 3), dtype=bool), np.zeros(0, dtype=int)) == []
    assert optimal_pairs(np.zeros((2, 0)), np.zeros((2, 0), dtype=bool), np.ones(2, dtype=int)) == []


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_on_scored_random_pools_the_proposal_is_the_optimum(seed):
    from datetime import date

    from services.matching.profiles import languages_of, side
    from services.matching.scoring import score
    from tests.support.pools import a_random_pool
    buddies, participants = a_random_pool(seed, 4, 5)
    languages = languages_of(buddies, participants)
    b, p = side(buddies, languages, date(2026, 11, 27)), side(participants, languages, date(2026, 11, 27))
    scores = score(b, p)
    pairs = optimal_pairs(scores.total, scores.feasible, b.room)
    assert abs(sum(x.score for x in pairs) - brute_force_best(scores.total, scores.feasible, b.room)) < 1e-4
