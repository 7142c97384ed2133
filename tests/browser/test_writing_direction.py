"""Scripts and directions in a real browser: a phone number inside Arabic keeps its order on
the screen, Tigrinya is drawn in the Ge'ez font the gateway serves; the form, the status page
and the portal are kept as screenshots in the test's tmp_path for a person to look at."""
import requests

from tests.support.applicants import applied
from tests.support.builders import an_interview
from tests.support.waiting import eventually

NUMBER = "+32 470 12 34 56"


def screenshot(tmp_path, name: str) -> bytes:
    shot = (tmp_path / f"{name}.png").read_bytes()
    assert shot.startswith(b"\x89PNG") and len(shot) > 10_000, f"{name}.png holds a page"
    return shot


def test_a_phone_number_in_arabic_reads_left_to_right_on_the_form_and_the_status_page(browse, fresh, api, tmp_path):
    amina = applied(fresh, language="ar", first_name="أمينة")
    planned = api.post(fresh.url(f"/api/v1/applications/{amina['application_id']}/intake"),
                       json=an_interview(mode="phone", location=NUMBER))
    assert planned.status_code == 201, planned.text
    eventually(lambda: NUMBER in requests.get(amina["status_url"], timeout=10).text, timeout=10,
               message="the status page shows the interview by phone")
    browse("read_phone_numbers_in_arabic", status_url=amina["status_url"])
    for name in ("form_in_arabic", "phone_error_in_arabic", "status_in_arabic"):
        screenshot(tmp_path, name)


def test_tigrinya_runs_left_to_right_in_the_served_ge_ez_font(browse, tmp_path):
    browse("read_tigrinya")
    screenshot(tmp_path, "form_in_tigrinya")


def test_the_portal_s_overview_is_kept_as_a_screenshot(browse, fresh, coordinator, tmp_path):
    applied(fresh, language="ti", first_name="Semhar")  # something to count on the overview
    browse("look_at_the_portal", email=coordinator["email"], password=coordinator["password"])
    screenshot(tmp_path, "portal_dashboard")
