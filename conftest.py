"""Project-wide pytest fixtures."""

import pytest

# Browser tests of every domain share the `browser` and `page` fixtures (Playwright + chromium).
pytest_plugins = ["kelola.core.tests.browser"]


@pytest.fixture(autouse=True)
def _media_and_locale(settings, tmp_path):
    from django.core.cache import cache

    cache.clear()  # rows cached by one test are rolled back before the next
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "id"
    settings.AXES_ENABLED = False
    # Argon2 is deliberately slow; fixtures create dozens of users per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def world(db):
    from kelola.core.testing import build_world

    return build_world()


@pytest.fixture
def client_for(client):
    """Log the test client in as a user (two-factor already verified where configured)."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def api_for():
    from rest_framework.test import APIClient

    def make(user=None):
        api = APIClient()
        if user is not None:
            api.force_authenticate(user)
        return api

    return make
