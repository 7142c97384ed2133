"""What the operator sees when a loop set a record aside: /healthz answers 503 "degraded"
naming the service and the problem; the Operations page and API say what and since when."""
import requests

from tests.support.backlog import queue_emails_behind_an_erased_person
from tests.support.portal import signed_in
from tests.support.waiting import eventually


def test_a_delivery_set_aside_makes_the_platform_degraded_and_says_why(fresh, config, api,
                                                                      coordinator):
    queue_emails_behind_an_erased_person(config, healthy=3)
    def healthz():
        answer = requests.get(fresh.url("/healthz"), timeout=10)
        return answer.status_code == 503 and answer.json()["status"] == "degraded" and answer.json()

    report = eventually(healthz, timeout=30, message="/healthz degraded")
    assert report["services"]["notifications"] == "degraded"
    assert any(line.startswith("notifications: delivery-dispatcher isolated since ")
               and "erased" in line for line in report["degraded"])
    health = api.get(fresh.url("/api/v1/operations/health"), timeout=10).json()
    [problem] = health["problems"]
    assert problem["service"] == "notifications" and problem["kind"] == "isolated"
    assert problem["what"] == "delivery-dispatcher" and problem["since"]
    page = signed_in(fresh, coordinator).get(fresh.url("/portal/operations")).text
    assert "delivery-dispatcher" in page and "heeft een record apart gezet" in page
    assert problem["since"][:16].replace("T", " ") in page
