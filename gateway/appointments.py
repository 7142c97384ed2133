"""A coordinator's own appointments that overlap the one they just planned: a warning, not a
refusal (issue 12, "dates that make sense"), flashed on the page they land on."""
from datetime import datetime, timedelta

from babel.dates import format_date, format_time
from flask import flash
from flask_babel import get_locale
from flask_babel import gettext as _

from gateway import remote
from gateway.portal.matching import names_for
from gateway.rpc import BrokerUnavailable, ServiceUnavailable
from services.shared.dates import LOCAL_TIME


def after_interview(interview: dict) -> None:
    """Warn about what overlaps an intake interview just planned or moved (InterviewView)."""
    ends = datetime.fromisoformat(interview["starts_at"]) + timedelta(minutes=interview["duration_minutes"])
    warn_overlaps(interview["id"], interview["starts_at"], ends.isoformat())


def after_introduction(proposal: dict) -> None:
    """Warn about what overlaps an introduction meeting just planned or moved (ProposalView)."""
    warn_overlaps(proposal["id"], proposal["introduction_starts_at"], proposal["introduction_ends_at"])


def warn_overlaps(planned_id: str, starts_at: str, ends_at: str) -> None:
    """Flash a warning for each of the caller's other interviews and introductions (both
    services asked at once) overlapping [starts_at, ends_at) (ISO moments); `planned_id`, the
    one just planned (an interview's or a proposal's id), is left out. When a service cannot
    answer, the warning says the check could not be made: the appointment is saved either way."""
    window = {"starts_at": starts_at, "ends_at": ends_at}
    try:
        found = remote.call_together(("intake", "list_own_appointments", window),
                                     ("matching", "list_own_appointments", window))
        others = [a for a in [*found[0], *found[1]] if a["id"] != str(planned_id)]
        names = names_for(*[a["person_ids"] for a in others if not a["names"]])
    except (ServiceUnavailable, BrokerUnavailable):
        flash(_("Saved, but your other appointments at that time could not be checked just now."), "warning")
        return
    for other in others:
        flash(_overlap(other, {**names, **other["names"]}), "warning")


def _overlap(appointment: dict, names: dict) -> str:
    when = _span(appointment["starts_at"], appointment["ends_at"], str(get_locale()))
    who = [_name(names.get(person_id)) for person_id in appointment["person_ids"]]
    if appointment["kind"] == "intake_interview":
        return _("Note: this overlaps your intake interview with %(name)s on %(when)s.", name=who[0], when=when)
    return _("Note: this overlaps your introduction meeting of %(buddy)s and %(participant)s on %(when)s.",
             buddy=who[0], participant=who[1], when=when)


def _name(name: dict | None) -> str:
    return " ".join(filter(None, [name["first_name"], name["last_name"]])) if name else "—"


def _span(starts_at: str, ends_at: str, language: str) -> str:
    """e.g. 'ma 6 mei 14:00–15:00', in Sint-Truiden's time."""
    starts, ends = (datetime.fromisoformat(moment).astimezone(LOCAL_TIME) for moment in (starts_at, ends_at))
    return (f"{format_date(starts, 'EEE d MMM', locale=language)} "
            f"{format_time(starts, 'short', locale=language)}–{format_time(ends, 'short', locale=language)}")
