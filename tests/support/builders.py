"""Builders for test data: a valid thing by default, overridden where a test cares."""
import itertools

from services.intake import accounts
from services.manage import service_session

_numbers = itertools.count(1)
COORDINATOR_PASSWORD = "correct horse battery staple"
PROFILES = {
    "participant": {"gender": "female", "birth_year": 1994, "district": "brustem",
                    "languages": [{"code": "ar", "level": "native"}, {"code": "en", "level": "conversational"}],
                    "dutch_level": "a_little", "availability": ["mon_evening", "sat_morning"],
                    "interests": ["walking", "cooking"], "hopes": ["practise_dutch", "discover_town"],
                    "background": "recognised_refugee",
                    "preferences": {"partner_gender": "female", "partner_age_min": 25, "partner_age_max": 60}},
    "buddy": {"gender": "female", "birth_year": 1980, "district": "sint-truiden",
              "languages": [{"code": "nl", "level": "native"}, {"code": "ar", "level": "a_little"}],
              "availability": ["mon_evening", "wed_afternoon"], "interests": ["walking", "music"],
              "roles": ["language_coach", "guide"], "preferences": {"partner_gender": "any"}},
}


def an_application(role="participant", **overrides) -> dict:
    """A complete application (enough to be approved) as the public API takes it."""
    number = next(_numbers)
    return {"role": role, "first_name": "Amina", "last_name": f"Haddad {number}",
            "email": f"amina.{number}@example.org", "language": "ar", "consent": True,
            **PROFILES.get(role, PROFILES["participant"]), **overrides}


def a_minimal_application(**overrides) -> dict:
    """Only what applying needs: who, how to reach them, their language, consent."""
    number = next(_numbers)
    return {"role": "participant", "first_name": "Yonas", "last_name": f"Tesfaye {number}",
            "email": f"yonas.{number}@example.org", "language": "ti", "consent": True, **overrides}


def an_interview(**overrides) -> dict:
    return {"starts_at": "2030-03-04T10:00:00+01:00", "location": "Huis van de Wereld, Sint-Truiden",
            **overrides}


def a_coordinator(config, email="coordinator@example.org", name="Coordinator Test") -> dict:
    """A coordinator account in the intake service; its credentials."""
    with service_session(config, "intake") as session:
        accounts.create_account(session, email, COORDINATOR_PASSWORD, "coordinator", name)
        session.commit()
    return {"email": email, "password": COORDINATOR_PASSWORD}
