"""Every hard constraint and soft criterion of matching, on pairs built for the purpose."""
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from services.matching.profiles import Person, languages_of, side
from services.matching.scoring import DEFAULT_WEIGHTS, score

TODAY = date(2026, 11, 27)
BUDDY = {"gender": "female", "birth_year": 1980, "district": "sint-truiden",
         "languages": [{"code": "nl", "level": "native"}, {"code": "fr", "level": "conversational"}],
         "availability": ["tue_evening"], "interests": ["walking"], "roles": ["guide"]}
PARTICIPANT = {"gender": "female", "birth_year": 1995, "district": "sint-truiden", "dutch_level": "none",
               "languages": [{"code": "fr", "level": "fluent"}], "availability": ["tue_evening"],
               "interests": ["walking"], "hopes": ["discover_town"]}


def a_person(role, waiting_days=0, room=1, person_id=None, **profile) -> Person:
    base = BUDDY if role == "buddy" else PARTICIPANT
    since = datetime.combine(TODAY, datetime.min.time(), timezone.utc) - timedelta(days=waiting_days)
    return Person(person_id or f"{role}-{id(profile)}", role, {**base, **profile}, since, room)


def scored(buddy: Person, participant: Person, **options):
    languages = languages_of([buddy], [participant])
    return score(side([buddy], languages, TODAY), side([participant], languages, TODAY), **options)


def excluded_by(buddy, participant, **options) -> list[str]:
    found = scored(buddy, participant, **options).excluded
    return [name for name, matrix in found.items() if matrix[0, 0]]


def value(criterion, buddy, participant) -> float:
    return float(scored(buddy, participant).values[criterion][0, 0])


def test_a_pair_that_fits_is_excluded_by_nothing():
    assert excluded_by(a_person("buddy"), a_person("participant")) == []


@pytest.mark.parametrize("buddy_level, participant_level, workable", [
    ("conversational", "conversational", True), ("native", "a_little", True),
    ("a_little", "fluent", True), ("a_little", "a_little", False), ("a_little", "conversational", False),
])
def test_a_language_both_can_use_at_a_workable_level(buddy_level, participant_level, workable):
    buddy = a_person("buddy", languages=[{"code": "fr", "level": buddy_level}])
    participant = a_person("participant", languages=[{"code": "fr", "level": participant_level}])
    assert ("language" in excluded_by(buddy, participant)) is not workable


def test_a_participants_dutch_counts_as_a_language():
    buddy = a_person("buddy", languages=[{"code": "nl", "level": "native"}])
    assert "language" in excluded_by(buddy, a_person("participant", dutch_level="none"))
    assert "language" not in excluded_by(buddy, a_person("participant", dutch_level="a_little"))


def test_no_common_moment_excludes_the_pair():
    assert "availability" in excluded_by(a_person("buddy", availability=["mon_morning"]),
                                         a_person("participant", availability=["mon_evening"]))


def test_a_gender_preference_of_either_side_is_respected():
    man = a_person("buddy", gender="male")
    assert "gender_preference" in excluded_by(man, a_person("participant", preferences={"partner_gender": "female"}))
    assert "gender_preference" not in excluded_by(man, a_person("participant", preferences={"partner_gender": "any"}))
    picky = a_person("buddy", preferences={"partner_gender": "male"})
    assert "gender_preference" in excluded_by(picky, a_person("participant"))


def test_districts_too_far_apart_exclude_the_pair_and_the_limit_is_tunable():
    buddy, participant = a_person("buddy", district="velm"), a_person("participant", district="melveren")
    assert "distance" in excluded_by(buddy, participant, max_km=5)
    assert "distance" not in excluded_by(buddy, participant, max_km=15)
    assert "distance" not in excluded_by(buddy, a_person("participant", district="elsewhere"), max_km=5)


def test_a_buddy_without_room_is_excluded():
    assert "capacity" in excluded_by(a_person("buddy", room=0), a_person("participant"))


def test_a_pair_that_declined_each_other_is_not_suggested_again():
    buddy, participant = a_person("buddy", person_id="b1"), a_person("participant", person_id="p1")
    assert excluded_by(buddy, participant, declined={("b1", "p1")}) == ["declined_before"]


def test_shared_interests_and_moments_count_up_to_three():
    three = ["walking", "music", "cooking"]
    assert value("interests", a_person("buddy", interests=three), a_person("participant", interests=three)) == 1
    assert value("interests", a_person("buddy", interests=three), a_person("participant")) == pytest.approx(1 / 3)
    slots = ["mon_evening", "tue_evening", "sat_morning", "sun_morning"]
    assert value("availability", a_person("buddy", availability=slots), a_person("participant", availability=slots)) == 1


def test_distance_counts_more_the_closer_they_live():
    same = value("distance", a_person("buddy"), a_person("participant"))
    near = value("distance", a_person("buddy"), a_person("participant", district="brustem"))
    unknown = value("distance", a_person("buddy"), a_person("participant", district="elsewhere"))
    assert same == 1 and 0 < near < 1 and unknown == 0


def test_roles_count_the_participants_hopes_the_buddy_answers():
    participant = a_person("participant", hopes=["discover_town", "practise_dutch"])
    assert value("roles", a_person("buddy", roles=["guide"]), participant) == 0.5
    assert value("roles", a_person("buddy", roles=["guide", "language_coach"]), participant) == 1


def test_an_age_preference_counts_per_side():
    young = a_person("participant", preferences={"partner_age_min": 20, "partner_age_max": 35})
    assert value("age", a_person("buddy", birth_year=1995), young) == 1
    assert value("age", a_person("buddy", birth_year=1960), young) == 0.5


def test_the_waiting_bonus_grows_with_the_time_both_waited():
    fresh = value("waiting", a_person("buddy"), a_person("participant"))
    long_wait = value("waiting", a_person("buddy", waiting_days=90), a_person("participant", waiting_days=90))
    assert fresh == 0 and long_wait == 1
    assert value("waiting", a_person("buddy"), a_person("participant", waiting_days=90)) == 0.5


def test_the_score_is_the_sum_of_weighted_criteria_and_weights_can_be_tuned():
    buddy, participant = a_person("buddy"), a_person("participant")
    scores = scored(buddy, participant)
    parts = sum(scores.contribution(name)[0, 0] for name in DEFAULT_WEIGHTS)
    assert scores.total[0, 0] == pytest.approx(parts)
    only_interests = scored(buddy, participant, weights={**{k: 0 for k in DEFAULT_WEIGHTS}, "interests": 30})
    assert only_interests.total[0, 0] == pytest.approx(30 * value("interests", buddy, participant))
    assert np.all(scores.total >= 0)
