"""The demo data of `make run`: loaded once, every state shown, the printed sign-in works."""
from collections import Counter

from sqlalchemy import text

from services.demo import APPLICANTS, load_demo
from services.intake import accounts
from services.intake.models import Account
from services.manage import service_session

STATUS_AFTER = {"planned": "intake_planned", "held": "intake_held"}


def expected_statuses() -> Counter:
    return Counter(STATUS_AFTER.get(steps[-1], steps[-1]) if steps else "received"
                   for *_, steps, _ in APPLICANTS)


def test_the_demo_loads_once_shows_every_state_and_its_coordinator_can_sign_in(
        db, config, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_COORDINATOR_PASSWORD", "first demo password")
    load_demo(config)
    monkeypatch.setenv("DEMO_COORDINATOR_PASSWORD", "another checkout's password")
    load_demo(config)
    with db.connect() as connection:
        statuses = dict(connection.execute(text(
            "SELECT status, count(*) FROM intake.application GROUP BY status")).all())
        duplicates = connection.execute(text(
            "SELECT count(*) FROM intake.application WHERE duplicate_of IS NOT NULL")).scalar_one()
        invited = connection.execute(text("SELECT count(*) FROM intake.account_invitation")).scalar_one()
    assert statuses == dict(expected_statuses())
    assert set(statuses) == {"received", "intake_planned", "intake_held", "approved", "waitlisted",
                             "rejected"}, "every state shown"
    approved_buddies = sum(1 for role, *_, steps, _ in APPLICANTS if role == "buddy" and steps == ["approved"])
    assert duplicates == 1 and invited == approved_buddies  # the second Amina; each approved buddy
    with service_session(config, "intake") as session:
        account = session.query(Account).filter(Account.role == "coordinator").one()
        assert accounts.password_matches(account, "another checkout's password")
    assert "demo coordinator: coordinator@samenoppad.example / another checkout's password" \
        in capsys.readouterr().out


def test_the_demo_pool_is_worth_matching_with_a_duo_and_a_planned_introduction(db, config):
    load_demo(config)
    load_demo(config)
    with db.connect() as connection:
        pooled = dict(connection.execute(text(
            "SELECT role, count(*) FROM matching.candidate WHERE status = 'waiting' GROUP BY role")).all())
        proposals = sorted(connection.execute(text("SELECT status FROM matching.proposal")).scalars())
        duos = connection.execute(text("SELECT status FROM matching.duo")).scalars().all()
    assert pooled["participant"] >= 5 and pooled["buddy"] >= 4, "enough people waiting to match"
    assert proposals == ["accepted", "introduction_planned"] and duos == ["active"]
