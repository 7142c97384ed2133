"""What the coordinator does in a real browser on the suggestion page. The test prepares the
pool and passes who to look at, and how to sign in, in the environment (JOURNEY_*)."""
import os
import re

from playwright.sync_api import Page, expect


def sign_in(page: Page):
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(os.environ["JOURNEY_EMAIL"])
    page.get_by_label("Wachtwoord").fill(os.environ["JOURNEY_PASSWORD"])
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/portal")


def choose_a_suggestion(page: Page):
    """The pool board leads to a participant's suggestions: the best first, each with its
    reasons in a sentence and per criterion, who was left out and why; choosing the second
    asks why, and the reason is kept on the proposal."""
    sign_in(page)
    page.get_by_role("navigation").get_by_role("link", name="Pool", exact=True).click()
    page.get_by_role("link", name=re.compile("^Amina")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Suggesties voor Amina"))
    suggestions = page.locator("ol.suggestions > li")
    expect(suggestions).to_have_count(2)
    first, second = suggestions.nth(0), suggestions.nth(1)
    expect(first.get_by_role("heading")).to_contain_text("Lotte")
    expect(first.locator("p.lead")).to_contain_text("spreken allebei Arabisch")
    expect(first.locator("table.breakdown tbody tr")).to_have_count(6)
    expect(page.locator("table.excluded")).to_contain_text("een voorkeur voor het geslacht van de partner")

    second.get_by_role("button", name="Dit duo voorstellen").click()
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text("zeg waarom je ze kiest")
    reason = page.locator("ol.suggestions > li").nth(1).get_by_label("Waarom deze en niet de eerste suggestie?")
    expect(reason).to_have_attribute("aria-invalid", "true")
    reason.fill("Ze wonen in dezelfde straat.")
    page.locator("ol.suggestions > li").nth(1).get_by_role("button", name="Dit duo voorstellen").click()
    page.wait_for_url("**/portal/duos/proposals/**")
    expect(page.locator("dl.facts")).to_contain_text("Ze wonen in dezelfde straat.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sofie")
