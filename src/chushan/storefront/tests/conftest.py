import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """The pages cache their counts for minutes, and a request leaves its language active in the thread:
    each test starts without either, and leaves nothing behind for the next app's tests."""
    cache.clear()
    yield
    cache.clear()
    translation.deactivate()
