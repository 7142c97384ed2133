"""Demo data for `make run`: a coordinator to sign in with, and applications in every state.

Loaded through the intake service's own domain functions, so every step also goes into
intake's outbox: when the services start, the relay publishes those events, matching fills
its pool and notifications sends every message (confirmations, interview invitations with
their calendar files, decisions, buddy invitations) to the mail catcher, as in production.
Loading twice changes nothing.
"""
import os
import secrets
from datetime import timedelta

from sqlalchemy import select

from services import demo_pairs
from services.intake import accounts, applications, interviews, records, screening
from services.intake.models import Account, Person
from services.shared.config import ROOT
from services.shared.models import utcnow

DEMO_DOMAIN = "demo.samenoppad.example"
PASSWORD_FILE = ROOT / "var" / "demo-coordinator-password"
BUDDY = {"gender": "female", "birth_year": 1979, "district": "sint-truiden", "interests": ["walking", "cooking"],
         "languages": [{"code": "nl", "level": "native"}, {"code": "fr", "level": "conversational"}],
         "availability": ["tue_evening", "sat_morning", "sun_afternoon"], "roles": ["guide", "language_coach"]}
NEWCOMER = {"gender": "female", "birth_year": 1993, "district": "brustem", "dutch_level": "a_little",
            "languages": [{"code": "ar", "level": "native"}, {"code": "en", "level": "conversational"}],
            "availability": ["tue_evening", "sat_morning"], "interests": ["walking", "music"],
            "hopes": ["practise_dutch", "discover_town"], "background": "recognised_refugee"}
# role, first name, last name, language, profile changes, what happened (in order), days ago
APPLICANTS = [
    ("participant", "Amina", "Haddad", "ar", {}, ["approved"], 30),
    ("participant", "Oksana", "Kovalenko", "uk", {"languages": [{"code": "uk", "level": "native"}],
                                                  "background": "other"}, ["approved"], 25),
    ("participant", "Mohammad", "Rahimi", "fa", {"gender": "male", "district": "velm",
                                                 "languages": [{"code": "fa", "level": "native"}]}, ["held"], 12),
    ("participant", "Fatima", "Ahmadi", "fa", {"languages": [{"code": "fa", "level": "native"}]}, ["waitlisted"], 20),
    ("participant", "Olena", "Shevchenko", "uk", {}, ["planned"], 4),
    ("participant", "Yonas", "Tesfaye", "ti", None, [], 12),
    ("participant", "Jean-Paul", "Mukendi", "fr", None, [], 1),
    ("buddy", "Lotte", "Peeters", "nl", {}, ["approved"], 40),
    ("buddy", "Jan", "Vanhove", "nl", {"gender": "male", "district": "zepperen"}, ["approved"], 35),
    ("buddy", "Sofie", "Claes", "nl", None, [], 2),
    ("buddy", "Tom", "Janssens", "en", {"gender": "male"}, ["rejected"], 18),
    ("participant", "Amina", "Haddad", "ar", None, [], 0),  # applied again: a duplicate
    # a pool worth matching: people with different languages, moments, districts and wishes
    ("participant", "Hanna", "Melnyk", "uk", {"languages": [{"code": "uk", "level": "native"}, {"code": "en", "level": "conversational"}],
     "availability": ["wed_afternoon", "sat_morning"], "interests": ["cooking", "culture"],
     "hopes": ["leisure", "practise_dutch"], "district": "sint-truiden", "background": "other"}, ["approved"], 21),
    ("participant", "Ahmad", "Noori", "fa", {"gender": "male", "languages": [{"code": "fa", "level": "native"}],
     "dutch_level": "conversational", "availability": ["mon_evening", "thu_evening"], "interests": ["sports", "cycling"],
     "hopes": ["discover_town"], "district": "gorsem", "preferences": {"partner_gender": "male"}}, ["approved"], 45),
    ("participant", "Semhar", "Tekle", "ti", {"languages": [{"code": "ti", "level": "native"}],
     "availability": ["tue_evening", "sun_afternoon"], "interests": ["walking", "coffee"],
     "hopes": ["someone_to_talk_to"], "district": "sint-truiden"}, ["approved"], 60),
    ("participant", "Grace", "Mbala", "fr", {"languages": [{"code": "fr", "level": "native"}], "dutch_level": "none",
     "availability": ["sat_morning", "sun_afternoon"], "interests": ["music", "reading"],
     "hopes": ["discover_town"], "district": "brustem", "background": "family_reunification"}, ["approved"], 15),
    ("participant", "Omar", "Khalil", "ar", {"gender": "male", "availability": ["fri_evening", "sat_morning"],
     "interests": ["games", "coffee", "sports"], "hopes": ["leisure"], "district": "sint-truiden",
     "background": "labour_migrant"}, ["approved"], 9),
    ("participant", "Iryna", "Bondarenko", "uk", {"languages": [{"code": "uk", "level": "native"}],
     "availability": ["mon_morning", "wed_morning"], "interests": ["nature", "crafts"], "hopes": ["practise_dutch"],
     "district": "velm", "preferences": {"partner_gender": "any", "partner_age_min": 30, "partner_age_max": 60}},
     ["approved"], 33),
    ("buddy", "Els", "Maes", "nl", {"languages": [{"code": "nl", "level": "native"}, {"code": "en", "level": "fluent"}],
     "availability": ["wed_afternoon", "sat_morning", "sun_afternoon"], "interests": ["cooking", "culture", "music"],
     "roles": ["activity_partner", "language_coach"]}, ["approved"], 28),
    ("buddy", "Pieter", "Wouters", "nl", {"gender": "male", "birth_year": 1986, "district": "gorsem",
     "availability": ["mon_evening", "thu_evening", "sat_morning"], "interests": ["sports", "cycling", "games"],
     "roles": ["guide", "activity_partner"]}, ["approved"], 50),
    ("buddy", "An", "Jacobs", "nl", {"district": "brustem", "languages": [{"code": "nl", "level": "native"}, {"code": "fr", "level": "fluent"}],
     "availability": ["sat_morning", "sun_afternoon", "tue_evening"], "interests": ["reading", "music", "walking"],
     "roles": ["guide", "listening_ear"]}, ["approved"], 19),
    ("buddy", "Karim", "Bouzid", "nl", {"gender": "male", "birth_year": 1990, "district": "zepperen",
     "languages": [{"code": "nl", "level": "native"}, {"code": "ar", "level": "native"}],
     "availability": ["fri_evening", "sat_morning"], "interests": ["games", "coffee"],
     "roles": ["listening_ear", "guide"]}, ["approved"], 12),
    ("buddy", "Marie", "Dubois", "fr", {"district": "velm", "birth_year": 1971,
     "languages": [{"code": "nl", "level": "fluent"}, {"code": "fr", "level": "native"}],
     "availability": ["mon_morning", "wed_morning"], "interests": ["nature", "crafts", "walking"],
     "roles": ["language_coach"]}, ["approved"], 26),
]
# how some reach us: Semhar reads text messages, not email; Yonas gave a number the SMS
# provider refuses, so the overview shows a message that could not be delivered
CONTACTS = {"Semhar": {"phone": "+32470550123", "channel": "sms"},
            "Yonas": {"email": None, "phone": "+32470123000", "channel": "sms"}}
REASONS = {"approved": "Intake went well; motivated and available.",
           "waitlisted": "Good match once a Dari-speaking buddy is free.",
           "rejected": "Looking for professional care; referred to the CAW."}


def coordinator_credentials() -> tuple[str, str]:
    """DEMO_COORDINATOR_EMAIL/PASSWORD, or a password made once and kept in var/."""
    email = os.environ.get("DEMO_COORDINATOR_EMAIL") or "coordinator@samenoppad.example"
    password = os.environ.get("DEMO_COORDINATOR_PASSWORD")
    if not password:
        if not PASSWORD_FILE.exists():
            PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
            PASSWORD_FILE.write_text(secrets.token_urlsafe(12))
            PASSWORD_FILE.chmod(0o600)
        password = PASSWORD_FILE.read_text().strip()
    return email, password


def ensure_coordinator(session, email, password) -> Account:
    """The demo coordinator, with the password printed for it (the database may have met
    another checkout, with another generated password, before)."""
    account = session.scalar(select(Account).where(Account.email == accounts.normalise_email(email)))
    if account is None:
        return accounts.create_account(session, email, password, "coordinator", "Demo coordinator")
    if not accounts.password_matches(account, password):
        accounts.set_password(account, password)
    return account


def load_demo(config: dict):
    from services.manage import service_session
    email, password = coordinator_credentials()
    with service_session(config, "intake") as session:
        coordinator = ensure_coordinator(session, email, password)
        if session.scalar(select(Person).where(Person.email.like(f"%@{DEMO_DOMAIN}")).limit(1)):
            print("demo data: already there")
        else:
            for applicant in APPLICANTS:
                _apply(session, config, coordinator.id, *applicant)
            print(f"demo data: {len(APPLICANTS)} applications loaded, in every state")
        session.commit()
        approved = demo_pairs.approved_people(session, DEMO_DOMAIN)
    demo_pairs.load(config, approved)
    print(f"demo coordinator: {email} / {password}")


def _apply(session, config, coordinator_id, role, first, last, language, changes, steps, days_ago):
    profile = None if changes is None else {**(BUDDY if role == "buddy" else NEWCOMER), **changes}
    data = {"role": role, "first_name": first, "last_name": last, "language": language,
            "email": f"{first.lower()}.{last.lower()}@{DEMO_DOMAIN}", "phone": None, **(profile or {}),
            **CONTACTS.get(first, {})}
    application = applications.submit(session, data, config["PRIVACY_NOTICE_VERSION"])
    application.submitted_at = application.consented_at = utcnow() - timedelta(days=days_ago)
    for step in steps:
        _take(session, config, coordinator_id, application, step)
    if application.decided_at is not None:  # decided a few days after applying
        application.decided_at = min(application.submitted_at + timedelta(days=3), utcnow())


def _take(session, config, coordinator_id, application, step):
    soon = {"starts_at": utcnow() + timedelta(days=3, hours=2), "duration_minutes": 60,
            "mode": "in_person", "location": "Huis van de Wereld, Sint-Truiden"}
    if step in ("planned", "held"):
        interviews.schedule(session, application.id, soon)
    if step == "held":  # it took place this morning: an interview is recorded once it started
        interviews.current(application).starts_at = utcnow() - timedelta(hours=2)
        records.record(session, application.id, {
            "expectations": "Wants to speak Dutch at work within a year.", "needs": "Evenings only.",
            "notes": "Mentioned a difficult journey; no need to ask about it."}, coordinator_id)
    if step in REASONS:
        screening.screen(session, application.id, {"decision": step, "reason": REASONS[step],
                                                   "feedback": None}, coordinator_id)
