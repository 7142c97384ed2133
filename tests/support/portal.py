"""Using the portal as a coordinator does: sign in through the form, post with its CSRF token."""
import re

import requests


def csrf_of(page: requests.Response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def signed_in(platform, coordinator) -> requests.Session:
    browser = requests.Session()
    form = browser.get(platform.url("/login"))
    answer = browser.post(platform.url("/login"), data={**coordinator, "csrf_token": csrf_of(form),
                                                        "next": "/portal"})
    assert answer.status_code == 200 and answer.url.endswith("/portal")
    return browser
