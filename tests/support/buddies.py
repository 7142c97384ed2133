"""A buddy through the running platform: approved, their password chosen with the link from
their invitation email, and so signed in on their own page (end-to-end tests)."""
import re

import requests

from tests.support.applicants import approved
from tests.support.portal import csrf_of
from tests.support.waiting import eventually

PASSWORD = "a long and lovely password"


def link_in_mail(platform, to: str, path: str, timeout: float = 20) -> str:
    """The first link to `path` (e.g. /account/setup/) in an email to `to`, once it came."""
    def found():
        bodies = [m.get_body(("plain",)).get_content() for m in platform.mails(to=to)]
        return [hit.group(0) for body in bodies if (hit := re.search(rf"http://\S+{path}[\w-]+", body))]
    return eventually(found, timeout=timeout, message=f"a mail to {to} with {path}")[0]


def choose_password(link: str, password: str, browser: requests.Session | None = None) -> requests.Response:
    """Open a password link and choose `password` with it: the page it ends on."""
    browser = browser or requests.Session()
    form = browser.get(link, timeout=10)
    assert form.status_code == 200, form.text
    return browser.post(link, data={"password": password, "password_again": password,
                                    "csrf_token": csrf_of(form)}, timeout=10)


def buddy_signed_in(platform, api, **answers) -> tuple[dict, requests.Session]:
    """An approved buddy who chose PASSWORD with their invitation: who they are (with
    "email"), and the browser that is now signed in on their page."""
    person = approved(platform, api, "buddy", **answers)
    browser = requests.Session()
    landed = choose_password(link_in_mail(platform, person["email"], "/account/setup/"), PASSWORD, browser)
    assert landed.status_code == 200 and landed.url.endswith("/me"), "signed in, on their own page"
    return person, browser
