"""Demo data for `make run`: a coordinator to sign in with and applications in every state.

Loaded through the intake service's own domain functions, so every application and decision
also goes into intake's outbox: when the services start, the relay publishes those events,
matching fills its pool and notifications sends the confirmations to the mail catcher, just
as in production. Loading twice changes nothing.
"""
import os
import secrets

from sqlalchemy import select

from services.intake import accounts, applications
from services.intake.models import Account, Person
from services.shared.config import ROOT, public_base_url

DEMO_DOMAIN = "demo.samenoppad.example"
PASSWORD_FILE = ROOT / "var" / "demo-coordinator-password"

# role, first name, last name, language, screening decision (None: still waiting)
APPLICANTS = [
    ("participant", "Amina", "Haddad", "ar", "approved"),
    ("participant", "Oksana", "Kovalenko", "uk", "approved"),
    ("participant", "Jean-Paul", "Mukendi", "fr", None),
    ("participant", "Yonas", "Tesfaye", "en", None),
    ("participant", "Fatima", "Rahimi", "fa", "waitlisted"),
    ("buddy", "Lotte", "Peeters", "nl", "approved"),
    ("buddy", "Jan", "Vanhove", "nl", "approved"),
    ("buddy", "Sofie", "Claes", "nl", None),
    ("buddy", "Tom", "Janssens", "en", "rejected"),
]
REASONS = {
    "approved": "Intake went well; motivated and available.",
    "waitlisted": "Good match possible once a Dari-speaking buddy is available.",
    "rejected": "Looking for professional care, referred to the CAW.",
}


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
            _apply_all(session, config, coordinator.id)
            print(f"demo data: {len(APPLICANTS)} applications loaded")
        session.commit()
    print(f"demo coordinator: {email} / {password}")


def _apply_all(session, config, coordinator_id):
    for role, first, last, language, decision in APPLICANTS:
        data = {"role": role, "first_name": first, "last_name": last, "language": language,
                "email": f"{first.lower()}.{last.lower()}@{DEMO_DOMAIN}", "phone": None}
        application = applications.submit(session, data, public_base_url(config),
                                          config["PRIVACY_NOTICE_VERSION"])
        if decision:
            applications.screen(session, application.id, decision, REASONS[decision],
                                coordinator_id)


