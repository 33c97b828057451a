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
    # Test users are made by the hundred; a production-strength hash costs a second of CPU each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English must not leak into the next test."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _no_idle_connections_at_the_end(django_db_setup, django_db_blocker):
    """Live-server threads of the browser tests keep PostgreSQL connections open until the process ends, which
    would stop the test database from being dropped: end them once every test has run."""
    yield
    from django.db import connections

    if connections["default"].vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@pytest.fixture
def production_password_hashers(settings):
    """For the tests that check how passwords are stored: Django's default hashers, at full strength."""
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


@pytest.fixture
def api_client(client):
    return client
