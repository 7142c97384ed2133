import pytest


@pytest.fixture(autouse=True)
def _clean_state(clean):
    """Integration tests start from empty tables and queues."""
