"""The portal speaks one language: every page a coordinator can reach, walked from the
dashboard over the demo's data, shows no text outside the catalogue (in Dutch, and in English
on request) and no code as it is stored."""
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from services.demo import coordinator_credentials, load_demo
from tests.support.marked_texts import by_problem, data_words, locale_words, write_marked_catalogues
from tests.support.fixtures import truncate_all
from tests.support.portal import csrf_of
from tests.support.waiting import eventually

MOST_PAGES = 120
# pages that show messages as their recipient reads them, in the recipient's language
NOT_THE_PORTAL_S_TEXT = re.compile(r"/portal/notifications/(templates/[^/]+/[^/]+|dev)")
SCHEMAS = ("intake", "matching", "notifications", "followup", "events")


@pytest.fixture(scope="module")
def marked_gateway(platform, tmp_path_factory):
    """The demo's data, and a gateway whose catalogues mark every translated text."""
    catalogues = tmp_path_factory.mktemp("marked")
    write_marked_catalogues(catalogues)
    process, url = platform.another_gateway("marked-gateway", catalogues,
                                            TRANSLATIONS_DIR=str(catalogues))
    yield url
    process.stop()


@pytest.fixture(scope="module")
def demo(platform, config, infrastructure):
    """`make run`'s demo data, loaded once for the module, on empty tables."""
    truncate_all(infrastructure)
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("DEMO_COORDINATOR_PASSWORD", "a demo password for this test")
        load_demo(config)
        return dict(zip(("email", "password"), coordinator_credentials()))


def signed_in(url: str, coordinator: dict, language: str) -> requests.Session:
    browser = requests.Session()
    browser.cookies.set("lang", language)
    form = browser.get(f"{url}/login")
    answer = browser.post(f"{url}/login", data={**coordinator, "csrf_token": csrf_of(form),
                                                "next": "/portal"})
    assert answer.url.endswith("/portal"), answer.text[:500]
    return browser


def portal_links(page: str, here: str) -> set[str]:
    found = set()
    for href in re.findall(r'href="([^"#]+)', page):
        path = urlsplit(urljoin(here, href.replace("&amp;", "&")))
        if path.path.startswith("/portal") and "lang=" not in path.query \
                and not NOT_THE_PORTAL_S_TEXT.search(path.path):
            found.add(path.path + (f"?{path.query}" if path.query else ""))
    return found


def walk(browser: requests.Session, url: str) -> dict[str, str]:
    """Every portal page reachable from the dashboard (at most MOST_PAGES): path → HTML."""
    pages, waiting = {}, deque(["/portal"])
    while waiting and len(pages) < MOST_PAGES:
        path = waiting.popleft()
        if path in pages:
            continue
        answer = browser.get(url + path, timeout=30)
        assert answer.status_code == 200, f"{path}: {answer.status_code}"
        if "text/html" not in answer.headers.get("Content-Type", ""):
            pages[path] = ""
            continue
        pages[path] = answer.text
        waiting.extend(portal_links(answer.text, url + path) - set(pages))
    return pages


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_portal_page_speaks_the_portal_s_language_and_shows_no_code(
        demo, marked_gateway, infrastructure, language):
    browser = signed_in(marked_gateway, demo, language)
    eventually(lambda: "/portal/duos/" in browser.get(f"{marked_gateway}/portal/duos").text,
               timeout=30, message="the demo's duos reached the portal")
    pages = walk(browser, marked_gateway)
    assert len(pages) >= 15, sorted(pages)
    allowed = data_words(infrastructure, SCHEMAS) | locale_words(language)
    found = by_problem(pages, allowed)
    assert found == {}, "\n".join(f"{shown} on {', '.join(paths)}" for shown, paths in found.items())
