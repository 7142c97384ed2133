"""Matching at the sizes of a large programme: pools of 200, 1,000 and 2,000 per side.

For each: the time to score every pair (constraints and criteria), the time to solve the
whole-pool proposal exactly, and its total score beside a greedy baseline (best pair first)
computed on the same scores in the same run.
"""
import resource
import time
from datetime import date

from services.matching.assignment import greedy_pairs, optimal_pairs
from services.matching.profiles import languages_of, side
from services.matching.scoring import score
from tests.support.pools import a_random_pool

SIZES = (200, 1000, 2000)
TODAY = date(2026, 11, 27)


def measure(size: int) -> dict:
    buddies, participants = a_random_pool(size, size, size)
    started = time.perf_counter()
    languages = languages_of(buddies, participants)
    b, p = side(buddies, languages, TODAY), side(participants, languages, TODAY)
    scores = score(b, p)
    total, feasible = scores.total, scores.feasible
    scored = time.perf_counter()
    best = optimal_pairs(total, feasible, b.room)
    solved = time.perf_counter()
    greedy = greedy_pairs(total, feasible, b.room)
    return {"size": size, "score_s": scored - started, "solve_s": solved - scored,
            "greedy_s": time.perf_counter() - solved, "feasible": float(feasible.mean()),
            "optimal": sum(x.score for x in best), "greedy": sum(x.score for x in greedy),
            "pairs": len(best), "greedy_pairs": len(greedy)}


def main():
    print("Matching: a whole-pool proposal (exact, scipy linear_sum_assignment) against a greedy "
          "baseline on the same scores")
    print(f"  {'per side':>8}  {'score':>8}  {'solve':>8}  {'greedy':>8}  {'feasible':>8}  "
          f"{'optimal total':>13}  {'greedy total':>12}  {'gain':>6}  pairs (greedy)")
    for size in SIZES:
        m = measure(size)
        print(f"  {m['size']:>8}  {m['score_s']:>7.2f}s  {m['solve_s']:>7.2f}s  {m['greedy_s']:>7.2f}s  "
              f"{m['feasible']:>8.1%}  {m['optimal']:>13.1f}  {m['greedy']:>12.1f}  "
              f"{m['optimal'] / m['greedy'] - 1:>+6.1%}  {m['pairs']} ({m['greedy_pairs']})")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of the benchmark process so far: {peak_mb:.0f} MB\n")


if __name__ == "__main__":
    main()
