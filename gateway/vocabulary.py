"""How the codes of services/shared/wire/vocabulary.py read for people, marked here so that
`make translations` extracts them; templates show them with `label(kind, code)`. Also the
validation messages the forms may show, so that they are translated too."""
from flask import g, has_app_context
from flask_babel import get_locale, gettext
from markupsafe import Markup

from gateway.marking import N_
from gateway.portal_labels import PORTAL_LABELS
from gateway.writing import with_values
from services.shared.wire import common, vocabulary as v


LABELS = {
    "role": {"buddy": N_("buddy"), "participant": N_("participant")},
    "status": {"received": N_("received"), "intake_planned": N_("intake planned"),
               "intake_held": N_("intake held"), "approved": N_("approved"),
               "rejected": N_("rejected"), "waitlisted": N_("waitlisted")},
    "gender": {"female": N_("a woman"), "male": N_("a man"), "other": N_("other"),
               "unspecified": N_("I prefer not to say")},
    "partner_gender": {"any": N_("no preference"), "female": N_("a woman"), "male": N_("a man")},
    "channel": {"email": N_("by email"), "sms": N_("by text message (SMS)")},
    "level": {"a_little": N_("a little"), "conversational": N_("I can have a conversation"),
              "fluent": N_("fluently"), "native": N_("it is my mother tongue")},
    "dutch_level": {"none": N_("not yet"), "a_little": N_("a little"),
                    "conversational": N_("I can have a conversation"), "fluent": N_("fluently")},
    "day": {"mon": N_("Monday"), "tue": N_("Tuesday"), "wed": N_("Wednesday"),
            "thu": N_("Thursday"), "fri": N_("Friday"), "sat": N_("Saturday"), "sun": N_("Sunday")},
    "part": {"morning": N_("morning"), "afternoon": N_("afternoon"), "evening": N_("evening")},
    "interest": {"walking": N_("walking"), "cycling": N_("cycling"), "cooking": N_("cooking"),
                 "sports": N_("sports"), "music": N_("music"), "culture": N_("museums and culture"),
                 "nature": N_("nature"), "games": N_("games"), "reading": N_("reading"),
                 "crafts": N_("making things"), "technology": N_("computers and technology"),
                 "coffee": N_("a coffee and a chat")},
    "buddy_role": {"guide": N_("a guide: showing the town, its services and clubs"),
                   "language_coach": N_("a language coach: practising Dutch together"),
                   "activity_partner": N_("an activity partner: doing fun things together"),
                   "listening_ear": N_("a listening ear: someone to talk to")},
    "hope": {"discover_town": N_("getting to know the town, its services and clubs"),
             "practise_dutch": N_("practising Dutch"),
             "leisure": N_("doing fun things, finding a hobby or a club"),
             "someone_to_talk_to": N_("someone to talk to")},
    "background": {"recognised_refugee": N_("I am a recognised refugee"),
                   "family_reunification": N_("I came through family reunification"),
                   "student": N_("I came to study"), "labour_migrant": N_("I came to work"),
                   "other": N_("something else")},
    "mode": {"in_person": N_("in person"), "phone": N_("by phone"), "video": N_("by video")},
    "district": {**{code: code.replace("-", " ").title().replace("Sint Truiden", "Sint-Truiden")
                    .replace("Groot Gelmen", "Groot-Gelmen") for code in v.DISTRICTS},
                 v.ELSEWHERE: N_("outside Sint-Truiden")},
}
LABELS.update(PORTAL_LABELS)
DISTRICT_NAMES = {code: name for code, name in LABELS["district"].items() if code != v.ELSEWHERE}

VALIDATION_MESSAGES = [
    N_("Missing data for required field."), N_("Not a valid email address."),
    N_("Not a valid string."), N_("Not a valid integer."), N_("Not a valid list."),
    N_("This cannot be empty."), N_("Use a single line without control characters."),
    N_("Contains characters that cannot be stored."),
    N_("Length must be between 1 and 100."), N_("Length must be between 1 and 1000."),
    N_("Length must be between 1 and 2000."),
    N_("Not a known ISO 639-1 language code (e.g. nl, en, ar)."),
    N_("Agree to the privacy notice to apply."),
    N_("Give an email address or a phone number, so we can reach you."),
    N_("Give an email address to receive email."),
    N_("Give a phone number to receive text messages."),
    N_("This number cannot receive text messages: give a mobile number, or choose email."),
    N_("Give your year of birth in four digits (you must be 16 or older)."),
    N_("Give each answer once."), N_("Give each language once."),
    N_("Choose how well you speak it."),
    N_("Only for participants."), N_("Only for buddies."),
    N_("The youngest age cannot be above the oldest."),
    N_("Must be greater than or equal to 16 and less than or equal to 99."),
    N_("Choose a moment in the future."), N_("Use at least 12 characters."),
    N_("The two passwords are not the same."),
    N_("The e-mail address or the password is not right."),
    N_("Too many failed sign-ins. Wait 15 minutes and try again."),
    N_("Must be one of: buddy, participant."), N_("Must be one of: approved, rejected, waitlisted."),
    # what the services say that reaches the public pages
    N_("This status link is not valid."), N_("This invitation link is not valid."),
    N_("This invitation link was used already. Sign in, or ask the coordinator for a new link."),
    N_("This invitation link has expired. Ask the coordinator for a new one."),
    N_("This account was closed. Ask the coordinator if you think that is a mistake."),
    N_("This link is not valid."),
    N_("This link has expired. The newest message we sent you has a fresh one."),
    N_("This link to choose a new password is not valid."),
    N_("This link to choose a new password has expired. Ask for a new one."),
    N_("This link to choose a new password was used already. Sign in, or ask for a new link."),
]

# what the services say with values in it: translated with placeholders, the values shown
# left to right (a phone number in an Arabic sentence keeps its order)
WITH_VALUES = {
    common.INVALID_PHONE % common.PHONE_EXAMPLES:
        (N_("Not a valid phone number, e.g. %(local)s or %(international)s."), common.PHONE_EXAMPLES),
}


def problem(message: str) -> Markup | str:
    """A service's message (a validation error) in the reader's language, its values
    isolated left to right (gateway/writing.py)."""
    if message in WITH_VALUES:
        sentence, values = WITH_VALUES[message]
        return with_values(gettext(sentence), values)
    return gettext(message)


def label(kind: str, code) -> str:
    """The translated label of a code (the code itself if it has none)."""
    if not has_app_context() or not isinstance(code, (str, int, type(None))):
        return _label(kind, code)
    known = g.setdefault("labels", {})  # a page repeats the same few codes on every row
    key = (str(get_locale()), kind, code)  # a status page speaks two languages
    if key not in known:
        known[key] = _label(kind, code)
    return known[key]


def _label(kind: str, code) -> str:
    text = LABELS.get(kind, {}).get(code)
    if text is None:
        return str(code)
    return gettext(text) if kind != "district" or code == v.ELSEWHERE else text
