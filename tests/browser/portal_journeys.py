"""The coordinator's portal on a phone: every page of the menu fits the screen, a table's
rows become cards whose cells say which column they are. Screenshots of each page go to
JOURNEY_SHOTS."""
import os
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.matching_journeys import sign_in

PHONE = {"width": 390, "height": 844}
FITS_THE_SCREEN = "document.documentElement.scrollWidth <= window.innerWidth"
LABEL_OF = "cell => getComputedStyle(cell, '::before').content"
MENU = ["Overzicht", "Aanmeldingen", "Pool", "Matching", "Duo’s", "Berichten", "Auditlog",
        "Beheer", "Accounts"]


def use_the_portal_on_a_phone(page: Page):
    page.set_viewport_size(PHONE)
    sign_in(page)
    shots = Path(os.environ["JOURNEY_SHOTS"])
    for entry in MENU:
        page.get_by_role("navigation", name="Portaal").get_by_role("link", name=entry, exact=True).click()
        page.wait_for_load_state()
        page.screenshot(path=str(shots / f"portal-{entry}.png"), full_page=True)
        assert page.evaluate(FITS_THE_SCREEN), f"{entry} scrolls sideways on a phone"
    page.get_by_role("navigation", name="Portaal").get_by_role("link", name="Aanmeldingen").click()
    first_row = page.locator("main table tbody tr").first
    expect(first_row).to_be_visible()
    assert first_row.locator("td").nth(3).evaluate(LABEL_OF) == '"Status: "'
