"""TOTP two-factor for the GCIO and the IT office's staff: optional per user, enforceable per
pemda, verified at every login once configured, resettable by the pemda administrator."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry
from kelola.core.testing import PASSWORD
from kelola.core.twofactor import two_factor_reset, two_factor_state

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
SETUP = "/akun/dua-langkah/"
VERIFY = "/akun/dua-langkah/verifikasi/"
DISABLE = "/akun/dua-langkah/nonaktifkan/"
PAGE = "/organisasi/perangkat-daerah/"


def code_for(device, later: int = 0) -> str:
    """The device's current code, computed from its secret the way an authenticator app does;
    `later=1` gives the next time step's code (a used code is never accepted twice)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=later):06d}"


def wrong_code_for(device) -> str:
    right = code_for(device)
    return "000000" if right != "000000" else "111111"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="hp", confirmed=True)


def require_two_factor(pemda):
    pemda.requires_two_factor = True
    pemda.save(update_fields=["requires_two_factor"])


def log_in(client, username):
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


class TestOffer:
    @pytest.mark.parametrize("role", ["gcio", "pemda_admin", "reviewer", "helpdesk", "security", "evaluator"])
    def test_offered_to_it_office_roles(self, world, role):
        state = two_factor_state(world.users[role])
        assert state.offered and not state.required and not state.configured

    @pytest.mark.parametrize("role", ["agency_operator", "agency_head", "executive", "auditor", "vendor"])
    def test_not_offered_to_others(self, world, role):
        assert not two_factor_state(world.users[role]).offered

    def test_offered_to_superusers(self, world):
        assert two_factor_state(world.superuser).offered

    def test_setup_page_refused_to_agency_staff(self, world, client_for):
        response = client_for(world.users["agency_operator"]).get(SETUP)
        assert response.status_code == 302 and response["Location"] == "/akun/profil/"
        assert not TOTPDevice.objects.filter(user=world.users["agency_operator"]).exists()

    def test_setup_needs_login(self, client):
        assert client.get(SETUP)["Location"].startswith(LOGIN)


class TestSetup:
    def test_with_a_real_code(self, world, client_for):
        user = world.users["gcio"]
        client = client_for(user)
        page = client.get(SETUP)
        assert page.status_code == 200 and "<svg" in page.content.decode()
        device = TOTPDevice.objects.get(user=user, confirmed=False)

        wrong = client.post(SETUP, {"token": wrong_code_for(device)})
        assert wrong.status_code == 400 and "Kode tidak cocok" in wrong.content.decode()
        assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

        malformed = client.post(SETUP, {"token": "12ab"})
        assert malformed.status_code == 400 and "6 angka" in malformed.content.decode()

        device.refresh_from_db()
        device.throttle_reset()  # a wrong code throttles the next try for a moment (django-otp)
        assert client.post(SETUP, {"token": code_for(device)}).status_code == 302
        assert TOTPDevice.objects.get(user=user).confirmed
        assert AuditEntry.objects.filter(
            action="other", actor=user, changes__two_factor=["off", "on"]
        ).exists()
        # Already active: the page does not offer a second device.
        assert client.get(SETUP)["Location"] == "/akun/profil/"

    def test_password_alone_cannot_add_a_device(self, world, client):
        user = world.users["reviewer"]
        confirmed_device(user)
        log_in(client, "reviewer")
        response = client.get(SETUP)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY)
        assert TOTPDevice.objects.filter(user=user).count() == 1


class TestVerificationAtLogin:
    def test_configured_user_must_verify(self, world, client):
        device = confirmed_device(world.users["reviewer"])
        log_in(client, "reviewer")
        response = client.get(PAGE)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY)
        assert "next=%2Forganisasi%2Fperangkat-daerah%2F" in response["Location"]

        refused = client.post(VERIFY, {"token": "12345", "next": PAGE})
        assert refused.status_code == 400 and "6 angka" in refused.content.decode()
        wrong = client.post(VERIFY, {"token": wrong_code_for(device), "next": PAGE})
        assert wrong.status_code == 400 and "Kode tidak cocok" in wrong.content.decode()
        assert AuditEntry.objects.filter(action="login_failed", changes__two_factor="wrong code").exists()
        assert client.get(PAGE).status_code == 302

        device.refresh_from_db()
        device.throttle_reset()
        ok = client.post(VERIFY, {"token": code_for(device), "next": PAGE})
        assert ok.status_code == 302 and ok["Location"] == PAGE
        assert client.get(PAGE).status_code == 200

    def test_verify_refuses_an_unsafe_next(self, world, client):
        device = confirmed_device(world.users["reviewer"])
        log_in(client, "reviewer")
        ok = client.post(VERIFY, {"token": code_for(device), "next": "https://evil.example/"})
        assert ok.status_code == 302 and ok["Location"] == "/"

    def test_a_used_code_is_not_accepted_twice(self, world, client):
        device = confirmed_device(world.users["reviewer"])
        log_in(client, "reviewer")
        code = code_for(device)
        assert client.post(VERIFY, {"token": code, "next": PAGE}).status_code == 302
        client.post("/akun/keluar/")
        log_in(client, "reviewer")
        device.refresh_from_db()
        assert client.post(VERIFY, {"token": code, "next": PAGE}).status_code == 400

    def test_verification_ends_with_the_session(self, world, client):
        device = confirmed_device(world.users["reviewer"])
        log_in(client, "reviewer")
        client.post(VERIFY, {"token": code_for(device), "next": PAGE})
        client.post("/akun/keluar/")
        log_in(client, "reviewer")
        assert client.get(PAGE)["Location"].startswith(VERIFY)

    def test_unverified_session_is_refused_on_the_api(self, world, client):
        confirmed_device(world.users["reviewer"])
        log_in(client, "reviewer")
        response = client.get("/api/v1/me/")
        assert response.status_code == 403 and response.json()["code"] == "two_factor_required"

    def test_logout_and_verify_page_stay_reachable(self, world, client):
        confirmed_device(world.users["reviewer"])
        log_in(client, "reviewer")
        assert client.get(VERIFY).status_code == 200
        assert client.post("/akun/keluar/").status_code == 302


class TestEnforcementPerPemda:
    def test_it_staff_must_set_up_before_any_page(self, world, client_for):
        require_two_factor(world.pemda)
        client = client_for(world.users["gcio"])
        for url in (PAGE, "/", "/akun/profil/", "/pengguna/"):
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith(SETUP), url
        page = client.get(SETUP)
        assert page.status_code == 200 and "mewajibkan" in page.content.decode()

    def test_after_setup_the_pages_open(self, world, client_for):
        require_two_factor(world.pemda)
        user = world.users["helpdesk"]
        client = client_for(user)
        client.get(SETUP)
        device = TOTPDevice.objects.get(user=user)
        response = client.post(SETUP, {"token": code_for(device), "next": PAGE})
        assert response.status_code == 302 and response["Location"] == PAGE
        assert client.get(PAGE).status_code == 200

    @pytest.mark.parametrize("role", ["agency_operator", "agency_head", "executive", "auditor"])
    def test_users_without_it_roles_are_never_forced(self, world, client_for, role):
        require_two_factor(world.pemda)
        assert client_for(world.users[role]).get("/").status_code == 200

    def test_off_by_default_and_not_across_pemda(self, world, client_for):
        assert client_for(world.users["gcio"]).get("/").status_code == 200
        require_two_factor(world.pemda)
        assert client_for(world.other_pemda_gcio).get("/").status_code == 200

    def test_switching_enforcement_off_releases_users(self, world, client_for):
        require_two_factor(world.pemda)
        client = client_for(world.users["gcio"])
        assert client.get("/").status_code == 302
        world.pemda.requires_two_factor = False
        world.pemda.save(update_fields=["requires_two_factor"])
        assert client.get("/").status_code == 200

    def test_api_token_is_not_blocked(self, world, client):
        require_two_factor(world.pemda)
        token = Token.objects.create(user=world.users["gcio"])
        response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
        assert response.status_code == 200 and response.json()["username"] == "gcio"

    def test_required_two_factor_cannot_be_switched_off(self, world, client):
        user = world.users["reviewer"]
        device = confirmed_device(user)
        require_two_factor(world.pemda)
        log_in(client, "reviewer")
        client.post(VERIFY, {"token": code_for(device), "next": "/"})
        device.refresh_from_db()
        device.throttle_reset()
        response = client.post(DISABLE, {"token": code_for(device, later=1)})
        assert response.status_code == 302
        assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class TestOptionalPerUser:
    def test_user_switches_it_off_with_a_code(self, world, client):
        user = world.users["reviewer"]
        device = confirmed_device(user)
        log_in(client, "reviewer")
        client.post(VERIFY, {"token": code_for(device), "next": "/"})
        device.refresh_from_db()
        device.throttle_reset()

        client.post(DISABLE, {"token": wrong_code_for(device)})
        assert TOTPDevice.objects.filter(user=user).exists()
        device.refresh_from_db()
        device.throttle_reset()
        response = client.post(DISABLE, {"token": code_for(device, later=1)})
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=user).exists()
        assert AuditEntry.objects.filter(actor=user, changes__two_factor=["on", "off"]).exists()

    def test_disable_needs_post(self, world, client_for):
        assert client_for(world.users["reviewer"]).get(DISABLE).status_code == 405


class TestResetByAdministrator:
    URL = "/pengguna/{pk}/dua-langkah/atur-ulang/"

    def test_pemda_admin_resets_and_it_is_audited(self, world, client_for):
        target = world.users["reviewer"]
        confirmed_device(target)
        response = client_for(world.users["pemda_admin"]).post(self.URL.format(pk=target.pk))
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=target).exists()
        entry = AuditEntry.objects.filter(object_id=str(target.pk), changes__two_factor=["on", "reset"]).get()
        assert entry.actor == world.users["pemda_admin"]

    def test_after_reset_required_user_sets_up_again(self, world, client_for):
        target = world.users["reviewer"]
        confirmed_device(target)
        require_two_factor(world.pemda)
        two_factor_reset(target, actor=world.users["pemda_admin"])
        assert client_for(target).get("/")["Location"].startswith(SETUP)

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("other_pemda_admin", 404),
            ("gcio", 403),
            ("agency_operator", 403),
            ("no_role", 403),
            ("reviewer", 403),
        ],
    )
    def test_refused(self, world, client_for, who, status):
        target = world.users["helpdesk"]
        confirmed_device(target)
        actor = getattr(world, who, None) or world.users[who]
        assert client_for(actor).post(self.URL.format(pk=target.pk)).status_code == status
        assert TOTPDevice.objects.filter(user=target).exists()

    def test_service_refuses_and_logs(self, world):
        target = world.users["helpdesk"]
        confirmed_device(target)
        with pytest.raises(KelolaError) as refused:
            two_factor_reset(target, actor=world.other_pemda_admin)
        assert refused.value.code == "forbidden"
        assert TOTPDevice.objects.filter(user=target).exists()
        assert AuditEntry.objects.filter(action="refused", changes__action="two_factor_reset").exists()

    def test_anonymous_is_sent_to_login(self, world, client):
        target = world.users["helpdesk"]
        response = client.post(self.URL.format(pk=target.pk))
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)

    def test_api_reset(self, world, api_for):
        target = world.users["helpdesk"]
        confirmed_device(target)
        url = f"/api/v1/users/{target.pk}/reset-two-factor/"
        assert api_for(world.other_pemda_admin).post(url).status_code == 404
        assert api_for(world.users["gcio"]).post(url).json()["code"] == "forbidden"
        assert TOTPDevice.objects.filter(user=target).exists()
        response = api_for(world.users["pemda_admin"]).post(url)
        assert response.status_code == 200 and response.json()["two_factor"]["configured"] is False


def test_state_costs_one_query_for_an_unverified_user_and_none_for_a_verified_one(
    world, django_assert_num_queries
):
    user = world.users["gcio"]
    require_two_factor(world.pemda)
    from kelola.core.access import actor_for

    actor_for(user)  # the actor is resolved once per request, shared with every read
    with django_assert_num_queries(1):
        state = two_factor_state(user)
    assert state.required and not state.configured
    confirmed_device(user)
    verified = type(user).objects.get(pk=user.pk)
    verified.is_verified = lambda: True
    actor_for(verified)
    with django_assert_num_queries(0):
        assert two_factor_state(verified).configured
