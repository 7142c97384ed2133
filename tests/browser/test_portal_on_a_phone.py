"""The portal on a phone, over the demo's data: each page of the menu fits the screen and the
tables read as cards (screenshots of each page are kept with the test's files)."""
from sqlalchemy import text

from services.demo import coordinator_credentials, load_demo
from tests.support.waiting import eventually


def duos(db) -> int:
    with db.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM matching.duo")).scalar_one()


def test_every_page_of_the_menu_fits_a_phone(browse, fresh, db, config, monkeypatch, tmp_path):
    monkeypatch.setenv("DEMO_COORDINATOR_PASSWORD", "a demo password for the phone")
    load_demo(config)
    email, password = coordinator_credentials()
    eventually(lambda: duos(db) >= 1, timeout=30, message="the demo's duos were formed")
    browse("use_the_portal_on_a_phone", email=email, password=password, shots=str(tmp_path))
    shots = sorted(path.name for path in tmp_path.glob("portal-*.png"))
    assert len(shots) == 9 and "portal-Aanmeldingen.png" in shots
