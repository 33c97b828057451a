import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """Service tests read English messages; pages and the API answer in zh-hans unless asked otherwise."""
    with translation.override("en"):
        yield
