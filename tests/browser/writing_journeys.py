"""Scripts and directions in a real browser: a phone number inside Arabic is laid out left to
right on one line (measured on the glyphs, not read from the markup), Tigrinya runs left to
right in the Ge'ez font the gateway serves, and each page is kept as a screenshot
(JOURNEY_SHOTS) for a person to look at."""
import os
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.matching_journeys import sign_in

PHONE = {"width": 390, "height": 844}
NUMBER = "+32 470 12 34 56"
FITS_THE_SCREEN = "document.documentElement.scrollWidth <= window.innerWidth"
# where each character of `needle` inside `selector`'s text is drawn: [{char, x, top}]
GLYPHS = """([selector, needle]) => {
  const element = document.querySelector(selector);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    return [...needle].map((char, i) => {
      const range = document.createRange();
      range.setStart(node, at + i);
      range.setEnd(node, at + i + 1);
      const box = range.getBoundingClientRect();
      return {char, x: box.left, top: Math.round(box.top)};
    });
  }
  return null;
}"""
ETHIOPIC_FACES = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Noto Sans Ethiopic')
    .map(f => ({weight: f.weight, status: f.status}));
}"""


def keep_screenshot(page: Page, name: str):
    page.screenshot(path=str(Path(os.environ["JOURNEY_SHOTS"]) / f"{name}.png"), full_page=True)


def assert_left_to_right(page: Page, selector: str, needle: str = NUMBER):
    """Every character of `needle` stands to the right of the one before, all on one line."""
    glyphs = page.evaluate(GLYPHS, [selector, needle])
    assert glyphs, f"{needle!r} is in {selector}"
    drawn = [g for g in glyphs if g["char"] != " "]
    order = "".join(g["char"] for g in sorted(drawn, key=lambda g: g["x"]))
    assert order == needle.replace(" ", ""), f"left to right the screen shows {order!r}, not {needle!r}"
    assert len({g["top"] for g in drawn}) == 1, f"{needle!r} breaks over lines: {glyphs}"


def read_phone_numbers_in_arabic(page: Page):
    """A phone number in an Arabic error message and on the Arabic status page reads left to
    right, whole, on a phone; the form and the status page are kept as screenshots."""
    page.set_viewport_size(PHONE)
    page.goto("/apply?role=participant&lang=ar")
    keep_screenshot(page, "form_in_arabic")
    page.get_by_label(re.compile("^رقم الهاتف")).fill("12")
    page.get_by_role("button", name="أرسل طلبي").click()
    expect(page.locator("#phone-error")).to_contain_text("هذا ليس رقم هاتف صالحًا")
    assert_left_to_right(page, "#phone-error")
    assert_left_to_right(page, "#phone-error", "0470 12 34 56")
    assert page.evaluate(FITS_THE_SCREEN), "the form does not scroll sideways on a phone"
    page.locator("#phone-error").scroll_into_view_if_needed()
    page.screenshot(path=str(Path(os.environ["JOURNEY_SHOTS"]) / "phone_error_in_arabic.png"))

    page.goto(os.environ["JOURNEY_STATUS_URL"])
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("ol.steps").first).to_contain_text("سنتصل بك")
    assert_left_to_right(page, "ol.steps")
    assert page.evaluate(FITS_THE_SCREEN), "the status page does not scroll sideways on a phone"
    keep_screenshot(page, "status_in_arabic")


def read_tigrinya(page: Page):
    """The Tigrinya form runs left to right, and its Ge'ez letters are drawn with the font
    the gateway serves (there is none on this machine: without it they would be boxes)."""
    fonts = []
    page.on("response", lambda answer: fonts.append((answer.url, answer.status))
            if "/static/fonts/" in answer.url else None)
    page.set_viewport_size(PHONE)
    page.goto("/apply?role=participant&lang=ti")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    faces = page.evaluate(ETHIOPIC_FACES)
    assert {"weight": "100 500", "status": "loaded"} in faces, faces
    assert page.evaluate("""() => document.fonts.check('16px "Noto Sans Ethiopic"', 'ትግርኛ')""")
    served = [url for url, status in fonts if status == 200]
    assert any(url.endswith("/static/fonts/NotoSansEthiopic-Regular.woff2") for url in served), fonts
    heading = page.locator("h1").inner_text()
    ethiopic = sum("\u1200" <= char <= "\u137f" for char in heading)
    drawn = drawn_with(page, "h1")
    assert drawn.get(("Noto Sans Ethiopic", True)) == ethiopic > 0, f"every Ge'ez letter from our font: {drawn}"
    keep_screenshot(page, "form_in_tigrinya")


def drawn_with(page: Page, selector: str) -> dict[tuple[str, bool], int]:
    """How many glyphs Chromium drew of `selector`'s text with each font, and whether it
    was a web font: {(family, web font): glyphs} (DevTools' platform fonts)."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    root = devtools.send("DOM.getDocument")["root"]["nodeId"]
    node = devtools.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    used = devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {(font["familyName"], font["isCustomFont"]): font["glyphCount"] for font in used}


def look_at_the_portal(page: Page):
    """The coordinator's overview, kept as a screenshot."""
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    keep_screenshot(page, "portal_dashboard")
