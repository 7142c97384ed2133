"""The facts behind each criterion of a pair, for the sentence the coordinator reads
("both speak French; three shared evenings; 2 km apart; both like walking"). Codes and
numbers only: the gateway words them in the reader's language."""
import math
from datetime import date

from services.matching.profiles import Person, levels, wanted_roles, workable
from services.shared.wire import vocabulary as v


def shared_languages(buddy: Person, participant: Person) -> set[str]:
    """The languages the two can talk in."""
    mine, theirs = levels(buddy.profile), levels(participant.profile)
    return {code for code in mine if code in theirs and workable(mine[code], theirs[code])}


def _shared(buddy: Person, participant: Person, key: str) -> list[str]:
    mine, theirs = buddy.profile.get(key) or (), set(participant.profile.get(key) or ())
    return [code for code in mine if code in theirs]


def _age(person: Person, today_year: int):
    year = person.profile.get("birth_year")
    return today_year - year if year else None


def facts(criterion: str, buddy: Person, participant: Person, km: float, today: date) -> dict:
    """What the criterion found for this pair."""
    if criterion == "interests":
        return {"shared": _shared(buddy, participant, "interests")}
    if criterion == "availability":
        mine = set(buddy.profile.get("availability") or ())
        return {"shared": [slot for slot in v.SLOTS
                           if slot in mine and slot in (participant.profile.get("availability") or ())]}
    if criterion == "distance":
        return {"km": None if math.isnan(km) else round(km, 1)}
    if criterion == "roles":
        hoped = wanted_roles(participant.profile)
        return {"answered": [role for role in v.BUDDY_ROLES if role in hoped and role in wanted_roles(buddy.profile)],
                "hoped": [role for role in v.BUDDY_ROLES if role in hoped]}
    if criterion == "age":
        return {"asked": _asks_age(buddy) or _asks_age(participant),
                "difference": _difference(_age(buddy, today.year), _age(participant, today.year))}
    return {"buddy_days": _days(buddy, today), "participant_days": _days(participant, today)}


def _days(person: Person, today: date) -> int:
    return max((today - person.waiting_since.date()).days, 0)


def _asks_age(person: Person) -> bool:
    preferences = person.profile.get("preferences") or {}
    return preferences.get("partner_age_min") is not None or preferences.get("partner_age_max") is not None


def _difference(one, other):
    return None if one is None or other is None else abs(one - other)
