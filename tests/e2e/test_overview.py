"""The coordinator's first look: the overview's numbers (in the portal and the API) and the
inbox, a page at a time."""
import re

import requests
from sqlalchemy import text

from tests.support.builders import an_application
from tests.support.portal import signed_in
from tests.support.waiting import eventually


def overview_cards(page: requests.Response) -> dict:
    """The overview's cards: what each says, and its number."""
    return {said.strip(): int(number) for number, said in
            re.findall(r'<strong class="count">(\d+)</strong><span>([^<:]+)', page.text)}


def test_the_overview_counts_what_needs_the_coordinator_s_attention(fresh, coordinator, api, db):
    late, recent, buddy = (api.post(fresh.url("/api/v1/applications"), json=an_application(
        role=role, first_name=name, last_name="Test")).json()
        for role, name in (("participant", "Late"), ("participant", "Recent"), ("buddy", "Bram")))
    with db.begin() as connection:
        connection.execute(text("UPDATE intake.application SET submitted_at = now() - interval '21 days' "
                                "WHERE id = :id"), {"id": late["application_id"]})
    api.post(fresh.url(f"/api/v1/applications/{buddy['application_id']}/screening"),
             json={"decision": "approved", "reason": "Ready."})
    browser = signed_in(fresh, coordinator)
    page = eventually(lambda: (p := browser.get(fresh.url("/portal?lang=en"))) and "1 buddy" in p.text and p)
    assert overview_cards(page) == {
        "application waiting too long for a first contact": 1, "applications not yet in touch": 2,
        "person in the pool, waiting for a match": 1,
        "messages that could not be delivered": 0}
    longest = page.text.split("Longest waiting first")[1]
    assert longest.index("Late Test") < longest.index("Recent Test") and "Bram" not in longest
    numbers = api.get(fresh.url("/api/v1/overview")).json()
    assert (numbers["applications"]["received"], numbers["applications"]["overdue"]) == (2, 1)
    assert numbers["applications"]["longest_waiting"][0]["first_name"] == "Late"
    assert numbers["pool"] == {"waiting": {"buddy": 1, "participant": 0}}
    assert numbers["notifications"]["failed"] == 0


def test_a_long_inbox_comes_in_pages_that_keep_the_filter(fresh, coordinator, api):
    for number in range(26):
        api.post(fresh.url("/api/v1/applications"), json=an_application(
            role="buddy", language="uk", first_name=f"Person{number:02d}", last_name="Test"))
    browser = signed_in(fresh, coordinator)
    first = browser.get(fresh.url("/portal/applications?role=buddy&lang=en"))
    assert first.text.count("<tr>") + first.text.count('<tr class="overdue">') == 26  # a header and 25 rows
    assert "Person00 Test" in first.text and "Person25" not in first.text and "Previous" not in first.text
    following = re.search(r'<a rel="next" href="([^"]+)"', first.text).group(1).replace("&amp;", "&")
    assert "role=buddy" in following and "page=2" in following
    second = browser.get(fresh.url(following))
    assert "Person25 Test" in second.text and "Person00" not in second.text
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text
