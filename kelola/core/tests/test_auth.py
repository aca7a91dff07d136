"""Login, logout, lockout, Argon2, password change and profile (issue item 2)."""

import importlib
import sys

import pytest
from axes.models import AccessAttempt

from kelola.core.models import AuditEntry
from kelola.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
LOGOUT = "/akun/keluar/"
PASSWORD_CHANGE = "/akun/kata-sandi/"


class TestLoginPage:
    def test_is_indonesian_by_default(self, client):
        page = client.get(LOGIN).content.decode()
        assert 'lang="id"' in page
        for text in ("Nama pengguna", "Kata sandi", "Masuk"):
            assert text in page
        assert "<title>Masuk · Kelola</title>" in page and "testserver" not in page

    def test_english_switch(self, client):
        client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
        assert 'lang="en"' in client.get(LOGIN).content.decode()

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)

    def test_empty_form_has_indonesian_field_errors(self, client):
        response = client.post(LOGIN, {"username": "", "password": ""})
        assert response.status_code == 200
        assert response.content.decode().count("Bidang ini harus diisi") == 2

    def test_login_respects_safe_next_only(self, world, client):
        ok = client.post(LOGIN, {"username": "gcio", "password": PASSWORD, "next": "/audit/"})
        assert ok["Location"] == "/audit/"
        client.post(LOGOUT)
        evil = client.post(LOGIN, {"username": "gcio", "password": PASSWORD, "next": "https://evil.example/"})
        assert evil.status_code == 302 and "evil.example" not in evil["Location"]

    def test_inactive_account_cannot_log_in(self, world, client):
        user = world.users["reviewer"]
        user.is_active = False
        user.save(update_fields=["is_active"])
        response = client.post(LOGIN, {"username": "reviewer", "password": PASSWORD})
        assert response.status_code == 200 and "_auth_user_id" not in client.session


class TestAuditOfLogins:
    def test_failure_login_and_logout_are_audited(self, world, client):
        bad = client.post(LOGIN, {"username": "gcio", "password": "salah"})
        assert bad.status_code == 200 and "benar" in bad.content.decode()  # Django's Indonesian message
        assert AuditEntry.objects.filter(action="login_failed", changes__username="gcio").exists()
        assert "salah" not in str(list(AuditEntry.objects.values_list("changes", flat=True)))

        assert client.post(LOGIN, {"username": "gcio", "password": PASSWORD}).status_code == 302
        login = AuditEntry.objects.get(action="login", actor=world.users["gcio"])
        assert login.pemda_id == world.pemda.pk

        client.post(LOGOUT)
        assert AuditEntry.objects.filter(action="logout", actor=world.users["gcio"]).exists()
        assert client.get("/").status_code == 302

    def test_logout_needs_post(self, world, client_for):
        client = client_for(world.users["gcio"])
        assert client.get(LOGOUT).status_code == 405
        assert client.get("/").status_code == 200
        response = client.post(LOGOUT)
        assert response.status_code == 302 and response["Location"] == LOGIN
        assert client.get("/").status_code == 302


class TestLockout:
    @pytest.fixture
    def axes_on(self, settings):
        settings.AXES_ENABLED = True
        settings.AXES_FAILURE_LIMIT = 3
        return settings

    def test_locked_after_limit_even_with_the_right_password(self, world, client, axes_on):
        for _ in range(3):
            client.post(LOGIN, {"username": "reviewer", "password": "salah"}, REMOTE_ADDR="10.0.0.9")
        locked = client.post(LOGIN, {"username": "reviewer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
        assert locked.status_code == 429
        page = locked.content.decode()
        assert "dikunci" in page and "Terlalu banyak percobaan" in page
        assert "_auth_user_id" not in client.session
        assert AccessAttempt.objects.filter(username="reviewer").exists()

    def test_lockout_and_failures_are_audited(self, world, client, axes_on):
        for _ in range(4):
            client.post(LOGIN, {"username": "reviewer", "password": "salah"}, REMOTE_ADDR="10.0.0.9")
        failures = AuditEntry.objects.filter(action="login_failed", changes__username="reviewer")
        assert failures.count() >= 3
        lockout = failures.filter(changes__locked_out=True).first()
        assert lockout is not None and lockout.pemda_id == world.pemda.pk
        assert lockout.changes["ip_address"] == "10.0.0.9"

    def test_below_limit_the_right_password_still_works(self, world, client, axes_on):
        for _ in range(2):
            client.post(LOGIN, {"username": "reviewer", "password": "salah"}, REMOTE_ADDR="10.0.0.9")
        ok = client.post(LOGIN, {"username": "reviewer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
        assert ok.status_code == 302
        # AXES_RESET_ON_SUCCESS: a success clears the counter.
        assert not AccessAttempt.objects.filter(username="reviewer", failures_since_start__gt=0).exists()

    def test_lockout_is_per_username_and_address(self, world, client, axes_on):
        for _ in range(3):
            client.post(LOGIN, {"username": "reviewer", "password": "salah"}, REMOTE_ADDR="10.0.0.9")
        other = client.post(LOGIN, {"username": "gcio", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 302

    def test_lockout_settings_in_production(self):
        from django.conf import settings

        assert "axes.middleware.AxesMiddleware" in settings.MIDDLEWARE
        assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
        assert settings.AXES_LOCKOUT_TEMPLATE == "registration/locked_out.html"


class TestPasswordHashing:
    def test_argon2_is_the_first_hasher_outside_tests(self, monkeypatch):
        """Import the settings module afresh (the test run swaps in MD5 for speed)."""
        saved = sys.modules.pop("kelola.settings")
        try:
            fresh = importlib.import_module("kelola.settings")
            assert fresh.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
        finally:
            sys.modules["kelola.settings"] = saved

    def test_new_passwords_are_stored_with_argon2(self, world, settings):
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ]
        user = world.users["reviewer"]
        user.set_password("Sukamaju-Baru-2026")
        assert user.password.startswith("argon2$")
        assert user.check_password("Sukamaju-Baru-2026")


class TestPasswordChange:
    def test_needs_login(self, client):
        response = client.get(PASSWORD_CHANGE)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)

    def test_weak_or_wrong_old_password_is_refused_in_indonesian(self, world, client_for):
        user = world.users["reviewer"]
        client = client_for(user)
        weak = client.post(
            PASSWORD_CHANGE, {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
        )
        assert weak.status_code == 200 and "terlalu pendek" in weak.content.decode()
        wrong = client.post(
            PASSWORD_CHANGE,
            {
                "old_password": "bukan-ini",
                "new_password1": "Sukamaju-Baru-2026",
                "new_password2": "Sukamaju-Baru-2026",
            },
        )
        assert wrong.status_code == 200 and "salah" in wrong.content.decode()
        user.refresh_from_db()
        assert user.check_password(PASSWORD)

    def test_change_keeps_the_session_and_is_audited(self, world, client_for):
        user = world.users["reviewer"]
        client = client_for(user)
        ok = client.post(
            PASSWORD_CHANGE,
            {
                "old_password": PASSWORD,
                "new_password1": "Sukamaju-Baru-2026",
                "new_password2": "Sukamaju-Baru-2026",
            },
        )
        assert ok.status_code == 302
        user.refresh_from_db()
        assert user.check_password("Sukamaju-Baru-2026")
        assert client.get("/").status_code == 200  # still logged in
        entry = AuditEntry.objects.filter(action="update", actor=user, object_id=str(user.pk)).last()
        assert entry is not None and "password" in entry.changes
        assert "Sukamaju" not in str(entry.changes)


class TestProfile:
    def test_channels_need_contact_details(self, world, client_for):
        client = client_for(world.users["reviewer"])
        response = client.post("/akun/profil/", {"email": "", "whatsapp": "", "notify_by_whatsapp": "on"})
        assert "Isi nomor WhatsApp" in response.content.decode()
        client.post(
            "/akun/profil/",
            {
                "email": "r@example.go.id",
                "whatsapp": "6281234567890",
                "notify_by_whatsapp": "on",
                "notify_by_email": "on",
            },
        )
        world.users["reviewer"].refresh_from_db()
        assert (
            world.users["reviewer"].notify_by_whatsapp and world.users["reviewer"].whatsapp == "6281234567890"
        )

    def test_profile_shows_roles(self, world, client_for):
        page = client_for(world.users["agency_operator"]).get("/akun/profil/").content.decode()
        assert "Operator Perangkat Daerah" in page and "Verifikasi dua langkah" not in page
