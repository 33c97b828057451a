"""Project-wide pytest setup: markers that depend on the database and the browser."""

import os
import shutil

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASE_IS_POSTGRES
    for item in items:
        if "race" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="race tests need PostgreSQL: set DATABASE_URL"))
        if "browser" in item.keywords and not CHROMIUM:
            item.add_marker(pytest.mark.skip(reason="browser tests need chromium (apt install chromium)"))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def api_client(client):
    return client
