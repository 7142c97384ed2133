"""The gateway's signed credentials: anything that is not a token the gateway signed for a
credential intake issued is a plain 401, never a crash."""
import pytest

from gateway import create_app, credentials
from services.shared.errors import NotAuthenticated


@pytest.fixture
def app():
    with create_app({"TESTING": True}).app_context() as context:
        yield context.app


@pytest.mark.parametrize("payload", [{}, "x", [1, 2], {"a": "id", "k": "coordinator_api_token"},
                                     {"a": "id", "k": "k", "r": "coordinator", "s": [], "c": "c", "x": "soon"}])
def test_a_signed_token_that_says_nothing_sensible_is_refused(app, payload):
    """Found by trying: a correctly signed token with another payload answered 500."""
    with pytest.raises(NotAuthenticated):
        credentials.authenticate(credentials._serializer().dumps(payload))


def test_a_buddy_token_signed_before_it_named_its_person_asks_to_sign_in_again(app):
    old = {"c": "c", "a": "a", "k": "buddy_session", "r": "buddy", "s": ["own:read"], "x": 4102444800}
    with pytest.raises(NotAuthenticated):
        credentials.authenticate(credentials._serializer().dumps(old))
