"""Matching's reasons in words: each criterion's detail, the sentence under a suggestion, and
what excluded a pair, in the reader's language (the service gives codes and numbers)."""
from babel import Locale
from flask_babel import get_locale, gettext as _, ngettext

from gateway.marking import N_
from gateway.vocabulary import label

CONSTRAINTS = {
    "language": N_("no language both speak well enough"),
    "availability": N_("no moment in the week in common"),
    "gender_preference": N_("a preference for the partner's gender"),
    "distance": N_("they live too far apart"),
    "capacity": N_("the buddy has no room for another duo"),
    "declined_before": N_("they declined each other before"),
}
CRITERIA = {"interests": N_("shared interests"), "availability": N_("moments in common"),
            "distance": N_("distance"), "roles": N_("what the buddy offers for the hopes"),
            "age": N_("age preference"), "waiting": N_("time waiting")}


def language_name(code: str) -> str:
    return Locale.parse(str(get_locale())).languages.get(code, code)


def _slots(slots: list[str]) -> str:
    """'2 evenings, 1 morning' (how many shared moments of each part of the day)."""
    counts = {}
    for slot in slots:
        part = slot.split("_", 1)[1]
        counts[part] = counts.get(part, 0) + 1
    words = {"morning": lambda n: ngettext("%(num)d morning", "%(num)d mornings", n),
             "afternoon": lambda n: ngettext("%(num)d afternoon", "%(num)d afternoons", n),
             "evening": lambda n: ngettext("%(num)d evening", "%(num)d evenings", n)}
    return ", ".join(words[part](n) for part, n in counts.items())


def _distance(km) -> str:
    if km is None:
        return _("distance unknown (outside Sint-Truiden)")
    return _("in the same district") if km < 0.5 else _("%(km)s km apart", km=km)


def detail(name: str, facts: dict) -> str:
    """One criterion in a few words."""
    if name == "interests":
        shared = [label("interest", code) for code in facts["shared"]]
        return _("both like %(things)s", things=", ".join(shared)) if shared else _("no shared interests")
    if name == "availability":
        return _("free together: %(slots)s", slots=_slots(facts["shared"]))
    if name == "distance":
        return _distance(facts["km"])
    if name == "roles":
        answered = [label("buddy_role", role).split(":")[0] for role in facts["answered"]]
        return _("answers %(done)d of %(all)d hopes", done=len(facts["answered"]), all=len(facts["hoped"])) + (
            f" ({', '.join(answered)})" if answered else "")
    if name == "age":
        if not facts["asked"]:
            return _("no age preference")
        return _("%(years)s years apart", years=facts["difference"]) if facts["difference"] is not None else ""
    return _("waiting %(buddy)d and %(participant)d days", buddy=facts["buddy_days"],
             participant=facts["participant_days"])


def sentence(suggestion: dict) -> str:
    """What makes the pair, in one line: 'both speak French; 2 evenings; 2 km apart; …'."""
    facts = {c["name"]: c["facts"] for c in suggestion["criteria"]}
    parts = []
    if suggestion["languages"]:
        parts.append(_("both speak %(languages)s",
                       languages=", ".join(language_name(code) for code in suggestion["languages"])))
    if facts["availability"]["shared"]:
        parts.append(_("free together: %(slots)s", slots=_slots(facts["availability"]["shared"])))
    if facts["distance"]["km"] is not None:
        parts.append(_distance(facts["distance"]["km"]))
    if facts["interests"]["shared"]:
        parts.append(detail("interests", facts["interests"]))
    if facts["roles"]["answered"]:
        parts.append(detail("roles", facts["roles"]))
    return "; ".join(parts)


def worded(found: dict) -> dict:
    """Suggestions with their details and sentence, exclusions with their reasons, in words."""
    for suggestion in found["suggestions"]:
        for criterion in suggestion["criteria"]:
            criterion["detail"] = detail(criterion["name"], criterion["facts"])
        suggestion["explanation"] = sentence(suggestion)
    for exclusion in found["excluded"]:
        exclusion["explanation"] = "; ".join(_(CONSTRAINTS[name]) for name in exclusion["constraints"])
    return found
