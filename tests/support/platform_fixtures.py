"""Fixtures for tests that run the whole platform as processes (end to end, browser)."""
import pytest
import requests

from tests.support.builders import a_coordinator
from tests.support.platform import Platform


@pytest.fixture(scope="module")
def platform(infrastructure, tmp_path_factory):
    """The whole platform as processes, for the tests of one module."""
    running = Platform(tmp_path_factory.mktemp("platform")).start()
    yield running
    running.stop()
    print(running.logs())


@pytest.fixture
def fresh(clean, platform):
    """Each test starts from empty tables and queues (and an empty mailbox and SMS sink)."""
    for path in [*platform.maildir.glob("*.eml"), *platform.smsdir.glob("*.json")]:
        path.unlink()
    return platform


@pytest.fixture
def coordinator(fresh, config) -> dict:
    return a_coordinator(config)


@pytest.fixture
def token(fresh, coordinator) -> str:
    answer = requests.post(fresh.url("/api/v1/tokens"), json=coordinator, timeout=10)
    assert answer.status_code == 201, answer.text
    return answer.json()["token"]


@pytest.fixture
def api(fresh, token):
    """A requests session that talks to the API as the coordinator."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    return session
