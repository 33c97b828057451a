import pytest
from django.utils import translation

from chushan.core import events


@pytest.fixture(autouse=True)
def _english_messages():
    """Service and rule tests read English messages; pages and API answer in zh-hans unless asked otherwise."""
    with translation.override("en"):
        yield


@pytest.fixture
def changed():
    """Seller ids announced through SELLER_CHANGED (handlers run after commit)."""
    seen = []

    def handler(seller_id):
        seen.append(seller_id)

    events.subscribe(events.SELLER_CHANGED, handler)
    yield seen
    events._handlers[events.SELLER_CHANGED].remove(handler)
