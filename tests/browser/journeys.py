"""What a newcomer does in a real browser, one function per journey, each asserting what the
person sees. Run as `python -m tests.browser.journeys NAME BASE_URL SHOT_DIR` by the browser
tests: Playwright's sync API and eventlet's hub cannot share a process (the hub never hands
control back to Playwright's loop), and the test process is monkey-patched for nameko."""
import os
import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from tests.browser.matching_journeys import choose_a_suggestion
from tests.browser.portal_journeys import use_the_portal_on_a_phone
from tests.browser.writing_journeys import look_at_the_portal, read_phone_numbers_in_arabic, read_tigrinya

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# headless on a closed network, possibly as root: no sandbox, no background calls home
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 10_000


PHONE = {"width": 390, "height": 844}
FITS_THE_SCREEN = "document.documentElement.scrollWidth <= window.innerWidth"


def apply_in_arabic(page: Page):
    """On a phone whose browser says Arabic: the form, the confirmation and the status page read
    right to left and fit the screen."""
    page.set_viewport_size(PHONE)
    page.goto("/apply")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_role("link", name="أنا جديد في سينت ترويدن").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("سجّل كمشارك")

    page.get_by_label(re.compile("^الاسم الأول")).fill("أمينة")
    page.get_by_label(re.compile("^اسم العائلة")).fill("حداد")
    page.get_by_role("group", name=re.compile("^أنت")).get_by_label("امرأة").check()
    page.get_by_label(re.compile("^سنة الميلاد")).fill("1994")
    page.get_by_label(re.compile("^البريد الإلكتروني")).fill("amina.browser@example.org")
    page.get_by_label("اللغة 1").select_option("ar")
    page.get_by_label("المستوى 1").select_option("native")
    page.get_by_label("الاثنين, مساءً").check()
    page.get_by_label("المشي").check()
    page.get_by_label("التدرّب على الهولندية").check()
    page.get_by_label("أوافق على أن تحتفظ المدينة ببياناتي").check()
    assert page.evaluate(FITS_THE_SCREEN), "the form does not scroll sideways on a phone"
    page.get_by_role("button", name="أرسل طلبي").click()

    page.wait_for_url("**/status/**")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("status")).to_contain_text("شكرًا، أمينة. لقد استلمنا طلبك.")
    expect(page.locator("ol.steps").first).to_contain_text("سيتواصل معك المنسّق")
    dutch = page.locator("details.dutch")
    expect(dutch).to_have_attribute("dir", "ltr")
    dutch.locator("summary").click()
    expect(dutch).to_contain_text("Aanmelding ontvangen")
    assert page.evaluate(FITS_THE_SCREEN), "the status page does not scroll sideways on a phone"


def see_a_problem_in_arabic(page: Page):
    """A missing answer is named in Arabic next to its field; what was typed stays."""
    page.goto("/apply?role=participant&lang=ar")
    page.get_by_label(re.compile("^الاسم الأول")).fill("أمينة")
    page.get_by_role("button", name="أرسل طلبي").click()
    expect(page.get_by_role("alert")).to_contain_text("بعض الإجابات تحتاج إلى مراجعة")
    last_name = page.get_by_label(re.compile("^اسم العائلة"))
    expect(last_name).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#last_name-error")).to_have_text("املأ هذا الحقل.")
    expect(page.get_by_label(re.compile("^الاسم الأول"))).to_have_value("أمينة")


UNLABELLED_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(c => c.type !== 'hidden' && c.tabIndex >= 0)
    .filter(c => c.labels.length === 0 && !c.getAttribute('aria-label'))
    .map(c => c.name)"""


def use_the_form_with_the_keyboard(page: Page):
    """Every field has a label; the keyboard reaches the form, ticks a box, and sends it."""
    page.goto("/apply?role=buddy&lang=uk")
    unlabelled = page.evaluate(UNLABELLED_CONTROLS)
    assert unlabelled == [], f"every field a person can reach has a label, not {unlabelled}"
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Перейти до змісту")).to_be_focused()
    page.keyboard.press("Enter")
    first_name = page.get_by_label(re.compile("^Ім’я"))
    first_name.focus()
    page.keyboard.type("Олена")
    walking = page.get_by_label("прогулянки")
    walking.focus()
    page.keyboard.press("Space")
    expect(walking).to_be_checked()
    first_name.focus()
    page.keyboard.press("Enter")  # sends the form: the problems are named, the answers kept
    expect(page.get_by_role("alert")).to_be_visible()
    expect(first_name).to_have_value("Олена")
    expect(walking).to_be_checked()


JOURNEYS = {journey.__name__: journey for journey in
            (apply_in_arabic, see_a_problem_in_arabic, use_the_form_with_the_keyboard,
             choose_a_suggestion, use_the_portal_on_a_phone, read_phone_numbers_in_arabic,
             read_tigrinya, look_at_the_portal)}


def walk(name: str, base_url: str, shot_dir: Path, locale: str = "ar"):
    """Walk one journey in Debian's Chromium; a screenshot of the last page is kept either way
    (and the journey's own, named, in the same place: JOURNEY_SHOTS)."""
    expect.set_options(timeout=TIMEOUT_MS)
    os.environ["JOURNEY_SHOTS"] = str(shot_dir)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(locale=locale, base_url=base_url)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            JOURNEYS[name](page)
        finally:
            page.screenshot(path=str(shot_dir / f"{name}.png"), full_page=True)
            browser.close()


if __name__ == "__main__":
    walk(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
