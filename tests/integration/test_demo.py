"""The demo data of `make run`: loaded once, every state shown, the printed sign-in works."""
from collections import Counter

from sqlalchemy import text

from services.demo import APPLICANTS, load_demo
from services.intake import accounts
from services.intake.models import Account
from services.manage import service_session


def test_the_demo_loads_once_and_its_coordinator_can_sign_in(db, config, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_COORDINATOR_PASSWORD", "first demo password")
    load_demo(config)
    monkeypatch.setenv("DEMO_COORDINATOR_PASSWORD", "another checkout's password")
    load_demo(config)
    with db.connect() as connection:
        statuses = connection.execute(text(
            "SELECT status, count(*) FROM intake.application GROUP BY status")).all()
        events = connection.execute(text("SELECT count(*) FROM intake.outbox")).scalar_one()
    expected = Counter(decision or "received" for *_, decision in APPLICANTS)
    assert dict(statuses) == dict(expected)
    assert set(expected) == {"received", "approved", "waitlisted", "rejected"}, "every state shown"
    assert events == len(APPLICANTS) + sum(1 for *_, decision in APPLICANTS if decision)
    with service_session(config, "intake") as session:
        account = session.query(Account).one()
        assert accounts.password_matches(account, "another checkout's password")
    assert "demo coordinator: coordinator@samenoppad.example / another checkout's password" \
        in capsys.readouterr().out
