"""The fixed lists the application form, the intake and matching share. Codes travel on the
wire and are stored; people see them translated (gateway/vocabulary.py)."""
from datetime import date

ROLES = ("buddy", "participant")
DECISIONS = ("approved", "rejected", "waitlisted")
# applications that need the coordinator: waiting for a first contact or for a decision
OPEN_STATUSES = ("received", "intake_planned", "intake_held")
CHANNELS = ("email", "sms")
GENDERS = ("female", "male", "other", "unspecified")
PARTNER_GENDERS = ("any", "female", "male")
MODES = ("in_person", "phone", "video")  # how an interview or a meeting takes place

# how well someone speaks a language
LEVELS = ("a_little", "conversational", "fluent", "native")
DUTCH_LEVELS = ("none", "a_little", "conversational", "fluent")

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")
SLOTS = tuple(f"{day}_{part}" for day in WEEKDAYS for part in DAY_PARTS)

INTERESTS = ("walking", "cycling", "cooking", "sports", "music", "culture", "nature", "games",
             "reading", "crafts", "technology", "coffee")

# what a buddy likes to be, and what a participant hopes for; each hope has its role
BUDDY_ROLES = ("guide", "language_coach", "activity_partner", "listening_ear")
HOPES = ("discover_town", "practise_dutch", "leisure", "someone_to_talk_to")
ROLE_FOR_HOPE = {"discover_town": "guide", "practise_dutch": "language_coach",
                 "leisure": "activity_partner", "someone_to_talk_to": "listening_ear"}

BACKGROUNDS = ("recognised_refugee", "family_reunification", "student", "labour_migrant", "other")

# Sint-Truiden's sections (deelgemeenten): postcode and the approximate centre of each
# (latitude, longitude), for distances between buddy and participant. "elsewhere" has none.
DISTRICTS = {
    "sint-truiden": ("3800", 50.8168, 5.1866), "aalst": ("3800", 50.7800, 5.2060),
    "brustem": ("3800", 50.8031, 5.2238), "duras": ("3803", 50.8340, 5.1438),
    "engelmanshoven": ("3800", 50.7773, 5.2733), "gelinden": ("3800", 50.7643, 5.2703),
    "gorsem": ("3803", 50.8378, 5.1615), "groot-gelmen": ("3800", 50.7868, 5.2488),
    "halmaal": ("3800", 50.8023, 5.1503), "kerkom": ("3800", 50.7756, 5.1711),
    "melveren": ("3800", 50.8446, 5.1969), "ordingen": ("3800", 50.8060, 5.2560),
    "runkelen": ("3803", 50.8500, 5.1500), "velm": ("3806", 50.7747, 5.1308),
    "wilderen": ("3803", 50.8275, 5.1427), "zepperen": ("3800", 50.8340, 5.2480),
}
ELSEWHERE = "elsewhere"
DISTRICT_CODES = (*DISTRICTS, ELSEWHERE)

OLDEST_BIRTH_YEAR = 1920
YOUNGEST_AGE = 16


def youngest_birth_year(today: date | None = None) -> int:
    """The latest birth year the programme takes (people of 16 and over)."""
    return (today or date.today()).year - YOUNGEST_AGE
