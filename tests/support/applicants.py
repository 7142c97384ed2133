"""People applying and approved through the running platform's API, for end-to-end and
browser tests."""
import requests

from tests.support.builders import an_application
from tests.support.waiting import eventually


def applied(platform, **answers) -> dict:
    application = an_application(**answers)
    created = requests.post(platform.url("/api/v1/applications"), json=application, timeout=10)
    assert created.status_code == 201, created.text
    return {**created.json(), "email": application["email"]}


def approved(platform, api, role, **answers) -> dict:
    person = applied(platform, role=role, **answers)
    decided = api.post(platform.url(f"/api/v1/applications/{person['application_id']}/screening"),
                       json={"decision": "approved", "reason": "Ready."})
    assert decided.status_code == 200, decided.text
    eventually(lambda: pool_status(api, platform, person) == "waiting", timeout=10)
    return person


def pool_status(api, platform, person):
    found = [c for c in api.get(platform.url("/api/v1/matching/candidates"), params={"status": "all"}).json()["items"]
             if c["person_id"] == person["person_id"]]
    return found[0]["status"] if found else None


def invitation_token(link_maker, invited: dict) -> str:
    """The password link's token notifications would put in the invitation of a
    `buddy_invited` event (`invited`: the event as intake's outbox holds it; `link_maker`:
    intake as notifications calls it)."""
    return _token(link_maker, invited["data"]["person_id"], "account_setup", invited["data"]["invitation_id"])


def reset_token(link_maker, requested: dict) -> str:
    """The same for the link of a `password_reset_requested` event."""
    return _token(link_maker, requested["data"]["person_id"], "password_reset", requested["data"]["reset_id"])


def _token(link_maker, person_id, purpose, ref) -> str:
    [issued] = link_maker.issue_links([{"person_id": person_id, "purpose": purpose, "ref": ref}])
    return issued["url"].rsplit("/", 1)[-1]
