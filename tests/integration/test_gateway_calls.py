"""The gateway asking several services at once, against the real broker: the answers come
in order; a service that does not answer is named, and no reply is left behind on the proxy
that goes back to the pool."""
import pytest
from flask import g

from gateway import create_app, remote
from gateway.credentials import Actor
from gateway.rpc import ServiceUnavailable
from services.intake.service import IntakeService
from services.matching.service import MatchingService
from tests.support.fixtures import COORDINATOR


A_COORDINATOR = Actor(COORDINATOR.id, COORDINATOR.kind, COORDINATOR.role, COORDINATOR.scopes, "")


@pytest.fixture
def app(config):
    return create_app({"PLATFORM": config, "SECRET_KEY": "only-for-this-test", "TESTING": True,
                       "RPC_TIMEOUT_SECONDS": 2})


def test_calls_sent_together_answer_in_the_order_they_were_asked(app, start_service):
    start_service(IntakeService)
    start_service(MatchingService)
    with app.test_request_context():
        g.actor = A_COORDINATOR
        names, pool = remote.call_together(("intake", "names_of", []), ("matching", "get_pool_summary"))
    assert names == {} and pool == {"waiting": {"buddy": 0, "participant": 0}}


def test_a_service_that_does_not_answer_is_named_once_every_other_reply_is_in(app, start_service):
    start_service(IntakeService)  # matching is down: its queue waits, nobody answers
    with app.test_request_context():
        g.actor = A_COORDINATOR
        with pytest.raises(ServiceUnavailable, match="matching service did not answer in time"):
            remote.call_together(("matching", "get_pool_summary"), ("intake", "names_of", []))
        assert remote.call("intake", "names_of", []) == {}  # the same proxy, still in step
        unclaimed = g.rpc_borrowed.runner._reply_listener.queue_consumer.replies  # nameko's own
        assert unclaimed == {}, "a reply nobody will ask for would stay in memory"
