"""Every list of the API answers a page with the total, and `limit` and `offset` work, whether
the service takes the page (applications, messages) or the gateway does (the pool)."""
from tests.support.applicants import applied, approved
from tests.support.waiting import eventually


def a_page(api, fresh, path, **params) -> dict:
    answer = api.get(fresh.url(path), params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_page_says_how_many_there_are_in_all(fresh, api):
    first = approved(fresh, api, "participant", language="ar")
    second = approved(fresh, api, "buddy", language="nl")
    third = applied(fresh, role="buddy")

    inbox = a_page(api, fresh, "/api/v1/applications", limit=2, offset=1)
    assert (inbox["total"], inbox["limit"], inbox["offset"]) == (3, 2, 1)
    assert [a["application_id"] for a in inbox["items"]] == [second["application_id"], third["application_id"]]

    pool = a_page(api, fresh, "/api/v1/matching/candidates", limit=1, offset=1)
    assert (pool["total"], len(pool["items"])) == (2, 1)
    assert pool["items"][0]["person_id"] in {first["person_id"], second["person_id"]}

    def confirmations():
        found = a_page(api, fresh, "/api/v1/notifications", template="application_received", limit=1, offset=2)
        return found if found["total"] == 3 else None
    sent = eventually(confirmations, timeout=15, message="three confirmations")
    assert len(sent["items"]) == 1 and sent["items"][0]["template"] == "application_received"
    assert a_page(api, fresh, "/api/v1/duos") == {"items": [], "total": 0, "limit": 100, "offset": 0}


def test_paging_out_of_range_is_refused_with_the_field_named(fresh, api):
    refused = api.get(fresh.url("/api/v1/duos"), params={"limit": 0})
    assert refused.status_code == 422 and set(refused.json()["errors"]) == {"limit"}
