"""Login, logout, lockout, password change, language, two-factor, admin (issue item 2)."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kelola.core.models import AuditEntry
from kelola.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_login_page_is_indonesian(client):
    page = client.get(LOGIN).content.decode()
    assert 'lang="id"' in page and "Nama pengguna" in page and "Kata sandi" in page and "Masuk" in page


def test_language_switch_to_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    assert 'lang="en"' in client.get(LOGIN).content.decode()


def test_login_logout_and_failure_are_audited(world, client):
    bad = client.post(LOGIN, {"username": "gcio", "password": "salah"})
    assert bad.status_code == 200 and "benar" in bad.content.decode()  # Django's Indonesian message
    assert AuditEntry.objects.filter(action="login_failed", changes__username="gcio").exists()
    assert client.post(LOGIN, {"username": "gcio", "password": PASSWORD}).status_code == 302
    assert AuditEntry.objects.filter(action="login", actor=world.users["gcio"]).exists()
    client.post("/akun/keluar/")
    assert AuditEntry.objects.filter(action="logout", actor=world.users["gcio"]).exists()
    assert client.get("/").status_code == 302


def test_lockout_after_repeated_failures(world, client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(LOGIN, {"username": "reviewer", "password": "salah"}, REMOTE_ADDR="10.0.0.9")
    locked = client.post(LOGIN, {"username": "reviewer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert locked.status_code == 429
    assert "dikunci" in locked.content.decode()


def test_argon2_is_the_production_hasher():
    from pathlib import Path

    import kelola.settings as module

    source = Path(module.__file__).read_text()
    first = source.split("PASSWORD_HASHERS = [", 1)[1].split(",", 1)[0]
    assert "Argon2PasswordHasher" in first


def test_password_change(world, client_for):
    client = client_for(world.users["reviewer"])
    weak = client.post(
        "/akun/kata-sandi/", {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
    )
    assert weak.status_code == 200 and "terlalu pendek" in weak.content.decode()
    ok = client.post(
        "/akun/kata-sandi/",
        {
            "old_password": PASSWORD,
            "new_password1": "Sukamaju-Baru-2026",
            "new_password2": "Sukamaju-Baru-2026",
        },
    )
    assert ok.status_code == 302
    world.users["reviewer"].refresh_from_db()
    assert world.users["reviewer"].check_password("Sukamaju-Baru-2026")


def test_profile_channels_need_contact_details(world, client_for):
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
    assert world.users["reviewer"].notify_by_whatsapp and world.users["reviewer"].whatsapp == "6281234567890"


class TestTwoFactor:
    def test_setup_with_a_real_code(self, world, client_for):
        client = client_for(world.users["gcio"])
        assert client.get("/akun/dua-langkah/").status_code == 200
        device = TOTPDevice.objects.get(user=world.users["gcio"], confirmed=False)
        wrong = client.post(
            "/akun/dua-langkah/", {"token": "000000" if _code(device) != "000000" else "111111"}
        )
        assert "Kode tidak cocok" in wrong.content.decode()
        device.refresh_from_db()
        device.throttle_reset()  # a wrong code throttles the next try for a moment (django-otp)
        assert client.post("/akun/dua-langkah/", {"token": _code(device)}).status_code == 302
        assert TOTPDevice.objects.get(user=world.users["gcio"]).confirmed

    def test_not_offered_to_agency_staff(self, world, client_for):
        response = client_for(world.users["agency_operator"]).get("/akun/dua-langkah/")
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=world.users["agency_operator"]).exists()

    def test_enforced_per_pemda(self, world, client_for):
        world.pemda.requires_two_factor = True
        world.pemda.save()
        gcio_client = client_for(world.users["gcio"])
        response = gcio_client.get("/organisasi/perangkat-daerah/")
        assert response.status_code == 302 and response["Location"] == reverse("core:two_factor_setup")
        # Not forced on agency staff, nor on the other pemda.
        assert client_for(world.users["agency_operator"]).get("/").status_code == 200

    def test_configured_user_must_verify_after_login(self, world, client):
        device = TOTPDevice.objects.create(user=world.users["reviewer"], name="hp", confirmed=True)
        client.post(LOGIN, {"username": "reviewer", "password": PASSWORD})
        response = client.get("/organisasi/perangkat-daerah/")
        assert response.status_code == 302 and "/akun/dua-langkah/verifikasi/" in response["Location"]
        refused = client.post("/akun/dua-langkah/verifikasi/", {"token": "12345"})
        assert "6 angka" in refused.content.decode()
        ok = client.post(
            "/akun/dua-langkah/verifikasi/?next=/organisasi/perangkat-daerah/",
            {"token": _code(device), "next": "/organisasi/perangkat-daerah/"},
        )
        assert ok.status_code == 302 and ok["Location"] == "/organisasi/perangkat-daerah/"
        assert client.get("/organisasi/perangkat-daerah/").status_code == 200

    def test_api_token_not_blocked_by_two_factor(self, world, client):
        from rest_framework.authtoken.models import Token

        world.pemda.requires_two_factor = True
        world.pemda.save()
        token = Token.objects.create(user=world.users["gcio"])
        assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200


class TestAdminAndAuditLog:
    def test_admin_for_staff_only(self, world, client_for):
        assert client_for(world.superuser).get("/admin/core/agency/").status_code == 200
        assert client_for(world.users["gcio"]).get("/admin/").status_code == 302

    def test_audit_log_is_read_only_in_admin(self, world, client_for):
        entry = AuditEntry.objects.first()
        client = client_for(world.superuser)
        assert client.get(f"/admin/core/auditentry/{entry.pk}/change/").status_code == 200
        assert client.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("gcio", 200),
            ("auditor", 200),
            ("security", 200),
            ("reviewer", 403),
            ("agency_head", 403),
            ("no_role", 403),
        ],
    )
    def test_audit_log_page(self, world, client_for, who, status):
        user = getattr(world, who, None) or world.users[who]
        assert client_for(user).get("/audit/").status_code == status

    def test_audit_log_scoped_to_pemda_and_exportable(self, world, client_for):
        response = client_for(world.other_pemda_gcio).get("/audit/", {"export": "csv"})
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "Dinas Pendidikan" not in text and "Kabupaten Lain" in text

    def test_audit_api(self, world, api_for):
        assert api_for(world.users["auditor"]).get("/api/v1/audit-entries/").json()["count"] > 0
        assert api_for(world.users["agency_operator"]).get("/api/v1/audit-entries/").json()["count"] == 0
