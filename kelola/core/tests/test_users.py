"""Users and role assignments: services, pages and API, allowed and refused (issue item 2)."""

import datetime

import pytest
from rest_framework.authtoken.models import Token

from kelola.core import accounts
from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry, RoleAssignment, User
from kelola.core.roles import Role
from kelola.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sukamaju-Baru-2026"


def who(world, name):
    return getattr(world, name, None) or world.users[name]


def snapshot():
    """What a refused action must leave unchanged."""
    return (
        sorted(User.objects.values_list("pk", "username", "full_name", "is_active", "agency_id", "pemda_id")),
        sorted(RoleAssignment.objects.values_list("pk", "user_id", "role", "agency_id")),
    )


def refused(call, code="forbidden"):
    before = snapshot()
    with pytest.raises(KelolaError) as info:
        call()
    assert info.value.code == code
    assert snapshot() == before
    return info.value


# --- services ------------------------------------------------------------------------------


class TestUserCreate:
    def test_in_the_admins_pemda_and_audited(self, world):
        admin = world.users["pemda_admin"]
        user = accounts.user_create(
            actor=admin, username="budi", password=NEW_PASSWORD, full_name="Budi Santoso", agency=world.health
        )
        assert user.pemda == world.pemda and user.agency == world.health and user.is_active
        assert user.check_password(NEW_PASSWORD) and not user.is_staff and not user.is_superuser
        entry = AuditEntry.objects.get(action="create", object_id=str(user.pk), content_type__model="user")
        assert entry.actor == admin and "password" not in entry.changes

    def test_superuser_creates_in_any_pemda(self, world):
        user = accounts.user_create(
            actor=world.superuser, username="sari", password=NEW_PASSWORD, pemda=world.other_pemda
        )
        assert user.pemda == world.other_pemda

    def test_username_is_unique_ignoring_case(self, world):
        error = refused(
            lambda: accounts.user_create(
                actor=world.users["pemda_admin"], username="GCIO", password=NEW_PASSWORD
            ),
            code="invalid",
        )
        assert "sudah dipakai" in error.errors["username"][0]

    @pytest.mark.parametrize(
        ("password", "message"), [("pendek1", "terlalu pendek"), ("password123", "umum")]
    )
    def test_password_is_validated(self, world, password, message):
        error = refused(
            lambda: accounts.user_create(
                actor=world.users["pemda_admin"], username="budi", password=password
            ),
            code="invalid",
        )
        assert any(message in m for m in error.errors["password"])

    def test_agency_must_be_of_the_same_pemda(self, world):
        error = refused(
            lambda: accounts.user_create(
                actor=world.users["pemda_admin"],
                username="budi",
                password=NEW_PASSWORD,
                agency=world.other_health,
            ),
            code="invalid",
        )
        assert "pemda yang sama" in error.errors["agency"][0]

    @pytest.mark.parametrize("actor", ["gcio", "agency_operator", "no_role", "other_pemda_admin"])
    def test_refused_to_others(self, world, actor):
        refused(
            lambda: accounts.user_create(
                actor=who(world, actor), username="budi", password=NEW_PASSWORD, pemda=world.pemda
            )
        )
        assert AuditEntry.objects.filter(action="refused", changes__action="add").exists()


class TestUserUpdateAndDeactivate:
    def test_update_contact_details(self, world):
        target = world.users["reviewer"]
        accounts.user_update(
            target, actor=world.users["pemda_admin"], full_name="Rina", agency=world.education
        )
        target.refresh_from_db()
        assert target.full_name == "Rina" and target.agency == world.education
        assert AuditEntry.objects.filter(
            action="update", object_id=str(target.pk), changes__full_name__1="Rina"
        )

    def test_pemda_and_flags_cannot_be_changed(self, world):
        target = world.users["reviewer"]
        for field, value in (("pemda", world.other_pemda), ("is_superuser", True), ("is_staff", True)):
            refused(
                lambda f=field, v=value: accounts.user_update(
                    target, actor=world.users["pemda_admin"], **{f: v}
                ),
                "invalid",
            )

    def test_agency_of_another_pemda_refused(self, world):
        refused(
            lambda: accounts.user_update(
                world.users["reviewer"], actor=world.users["pemda_admin"], agency=world.other_health
            ),
            "invalid",
        )

    @pytest.mark.parametrize("actor", ["gcio", "agency_operator", "other_pemda_admin", "reviewer"])
    def test_update_refused_to_others(self, world, actor):
        refused(lambda: accounts.user_update(world.users["helpdesk"], actor=who(world, actor), full_name="X"))

    def test_pemda_admin_never_manages_platform_accounts(self, world):
        world.superuser.pemda = world.pemda
        world.superuser.save(update_fields=["pemda"])
        admin = world.users["pemda_admin"]
        refused(lambda: accounts.user_update(world.superuser, actor=admin, full_name="X"))
        refused(lambda: accounts.user_deactivate(world.superuser, actor=admin))
        refused(lambda: accounts.user_set_password(world.superuser, actor=admin, password=NEW_PASSWORD))

    def test_deactivate_blocks_login_and_tokens(self, world, client):
        target = world.users["reviewer"]
        Token.objects.create(user=target)
        accounts.user_deactivate(target, actor=world.users["pemda_admin"])
        target.refresh_from_db()
        assert not target.is_active and not Token.objects.filter(user=target).exists()
        client.post("/akun/masuk/", {"username": "reviewer", "password": PASSWORD})
        assert "_auth_user_id" not in client.session
        accounts.user_activate(target, actor=world.users["pemda_admin"])
        target.refresh_from_db()
        assert target.is_active

    def test_cannot_deactivate_yourself(self, world):
        admin = world.users["pemda_admin"]
        error = refused(lambda: accounts.user_deactivate(admin, actor=admin))
        assert "sendiri" in str(error.message)

    @pytest.mark.parametrize("actor", ["gcio", "other_pemda_admin", "agency_head"])
    def test_deactivate_refused_to_others(self, world, actor):
        refused(lambda: accounts.user_deactivate(world.users["reviewer"], actor=who(world, actor)))

    def test_set_password(self, world):
        target = world.users["reviewer"]
        refused(
            lambda: accounts.user_set_password(target, actor=world.users["pemda_admin"], password="123"),
            "invalid",
        )
        accounts.user_set_password(target, actor=world.users["pemda_admin"], password=NEW_PASSWORD)
        target.refresh_from_db()
        assert target.check_password(NEW_PASSWORD)


class TestRoleGrant:
    def test_agency_role_with_agency(self, world):
        target = world.no_role
        assignment = accounts.role_grant(
            actor=world.users["pemda_admin"],
            user=target,
            role=Role.AGENCY_OPERATOR,
            agency=world.health,
            valid_until=datetime.date(2030, 1, 1),
        )
        assert assignment.pemda == world.pemda and assignment.agency == world.health
        assert AuditEntry.objects.filter(action="create", content_type__model="roleassignment").exists()

    def test_model_rules(self, world):
        admin = world.users["pemda_admin"]
        target = world.no_role
        error = refused(
            lambda: accounts.role_grant(actor=admin, user=target, role=Role.AGENCY_HEAD), "invalid"
        )
        assert "perangkat daerah" in error.errors["agency"][0]
        error = refused(
            lambda: accounts.role_grant(actor=admin, user=target, role=Role.GCIO, agency=world.health),
            "invalid",
        )
        assert "seluruh pemda" in error.errors["agency"][0]
        error = refused(
            lambda: accounts.role_grant(
                actor=admin, user=target, role=Role.AGENCY_HEAD, agency=world.other_health
            ),
            "invalid",
        )
        assert "pemda yang sama" in error.errors["agency"][0]
        error = refused(
            lambda: accounts.role_grant(
                actor=admin,
                user=target,
                role=Role.REVIEWER,
                valid_from=datetime.date(2026, 5, 1),
                valid_until=datetime.date(2026, 1, 1),
            ),
            "invalid",
        )
        assert "sebelum" in error.errors["valid_until"][0]
        error = refused(lambda: accounts.role_grant(actor=admin, user=target, role="raja"), "invalid")
        assert "role" in error.errors

    def test_duplicate_refused(self, world):
        error = refused(
            lambda: accounts.role_grant(
                actor=world.users["pemda_admin"], user=world.users["gcio"], role=Role.GCIO
            ),
            "invalid",
        )
        assert "sudah memiliki" in error.errors["role"][0]

    @pytest.mark.parametrize("actor", ["gcio", "reviewer", "agency_head", "no_role", "other_pemda_admin"])
    def test_only_that_pemdas_admin_grants(self, world, actor):
        refused(
            lambda: accounts.role_grant(actor=who(world, actor), user=world.no_role, role=Role.PEMDA_ADMIN)
        )

    def test_nobody_grants_in_another_pemda(self, world):
        admin = world.users["pemda_admin"]
        # A user of the other pemda, in this pemda or in theirs.
        refused(
            lambda: accounts.role_grant(
                actor=admin, user=world.other_pemda_operator, role=Role.REVIEWER, pemda=world.pemda
            )
        )
        refused(lambda: accounts.role_grant(actor=admin, user=world.other_pemda_operator, role=Role.REVIEWER))
        # Nor an own user into the other pemda.
        refused(
            lambda: accounts.role_grant(
                actor=admin, user=world.no_role, role=Role.REVIEWER, pemda=world.other_pemda
            )
        )

    def test_no_self_escalation_without_admin_role(self, world):
        gcio = world.users["gcio"]
        refused(lambda: accounts.role_grant(actor=gcio, user=gcio, role=Role.PEMDA_ADMIN))

    def test_superuser_grants_anywhere(self, world):
        assignment = accounts.role_grant(
            actor=world.superuser, user=world.other_pemda_operator, role=Role.REVIEWER
        )
        assert assignment.pemda == world.other_pemda


class TestRoleRevoke:
    def test_admin_revokes(self, world):
        assignment = world.users["reviewer"].roles.get()
        accounts.role_revoke(assignment, actor=world.users["pemda_admin"])
        assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
        assert AuditEntry.objects.filter(action="delete", object_id=str(assignment.pk)).exists()

    def test_cannot_revoke_own_last_admin_role(self, world):
        admin = world.users["pemda_admin"]
        error = refused(lambda: accounts.role_revoke(admin.roles.get(), actor=admin))
        assert "terakhir" in str(error.message)

    def test_admin_may_drop_own_other_roles_and_another_admin_may_revoke(self, world):
        admin = world.users["pemda_admin"]
        extra = accounts.role_grant(actor=admin, user=admin, role=Role.REVIEWER)
        accounts.role_revoke(extra, actor=admin)
        second = world.users["helpdesk"]
        accounts.role_grant(actor=admin, user=second, role=Role.PEMDA_ADMIN)
        second = User.objects.get(pk=second.pk)  # fresh actor cache
        accounts.role_revoke(admin.roles.get(role=Role.PEMDA_ADMIN), actor=second)
        assert not admin.roles.filter(role=Role.PEMDA_ADMIN).exists()

    @pytest.mark.parametrize("actor", ["gcio", "reviewer", "agency_head", "other_pemda_admin"])
    def test_refused_to_others(self, world, actor):
        refused(lambda: accounts.role_revoke(world.users["reviewer"].roles.get(), actor=who(world, actor)))

    def test_revocation_takes_effect(self, world, client_for):
        assignment = world.users["gcio"].roles.get()
        accounts.role_revoke(assignment, actor=world.users["pemda_admin"])
        assert client_for(User.objects.get(pk=world.users["gcio"].pk)).get("/audit/").status_code == 403


# --- pages ---------------------------------------------------------------------------------


def page_urls(world):
    target = world.users["reviewer"]
    assignment = target.roles.get()
    return {
        "list": "/pengguna/",
        "create": "/pengguna/tambah/",
        "detail": f"/pengguna/{target.pk}/",
        "update": f"/pengguna/{target.pk}/ubah/",
        "password": f"/pengguna/{target.pk}/kata-sandi/",
        "grant": f"/pengguna/{target.pk}/peran/tambah/",
        "revoke": f"/pengguna/{target.pk}/peran/{assignment.pk}/cabut/",
    }


EXPECTED = {
    #                    list detail create update password grant revoke
    "pemda_admin": (200, 200, 200, 200, 200, 200, 200),
    "superuser": (200, 200, 200, 200, 200, 200, 200),
    "gcio": (200, 200, 403, 403, 403, 403, 403),
    "other_pemda_admin": (200, 404, 200, 404, 404, 404, 404),
    "agency_operator": (403, 403, 403, 403, 403, 403, 403),
    "agency_head": (403, 403, 403, 403, 403, 403, 403),
    "reviewer": (403, 403, 403, 403, 403, 403, 403),
    "no_role": (403, 403, 403, 403, 403, 403, 403),
}
PAGES = ("list", "detail", "create", "update", "password", "grant", "revoke")


class TestPageAccess:
    @pytest.mark.parametrize("actor", list(EXPECTED))
    def test_matrix(self, world, client_for, actor):
        urls = page_urls(world)
        client = client_for(who(world, actor))
        got = tuple(client.get(urls[name]).status_code for name in PAGES)
        assert got == EXPECTED[actor]

    def test_anonymous_goes_to_login(self, world, client):
        for url in page_urls(world).values():
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")

    @pytest.mark.parametrize("actor", ["other_pemda_admin", "gcio", "agency_operator", "no_role"])
    def test_posts_refused_change_nothing(self, world, client_for, actor):
        urls = page_urls(world)
        target = world.users["reviewer"]
        client = client_for(who(world, actor))
        before = snapshot()
        expected = 404 if actor == "other_pemda_admin" else 403
        posts = [
            (urls["update"], {"full_name": "X"}),
            (urls["password"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}),
            (urls["grant"], {"role": "pemda_admin"}),
            (urls["revoke"], {}),
            (f"/pengguna/{target.pk}/nonaktifkan/", {}),
        ]
        for url, data in posts:
            assert client.post(url, data).status_code == expected, url
        assert snapshot() == before
        target.refresh_from_db()
        assert target.check_password(PASSWORD)

    def test_navigation_entry(self, world, client_for):
        assert 'href="/pengguna/"' in client_for(world.users["pemda_admin"]).get("/").content.decode()
        assert 'href="/pengguna/"' not in client_for(world.users["agency_operator"]).get("/").content.decode()


class TestUserList:
    def test_scoped_to_the_pemda(self, world, client_for):
        page = client_for(world.users["pemda_admin"]).get("/pengguna/").content.decode()
        assert "agency_operator" in page and "other_pemda_operator" not in page
        assert f'href="/pengguna/{world.users["gcio"].pk}/"' in page
        other = client_for(world.other_pemda_admin).get("/pengguna/").content.decode()
        assert "other_pemda_operator" in other and "agency_operator<" not in other

    @pytest.mark.parametrize(
        ("query", "present", "absent"),
        [
            ({"q": "helpd"}, ">helpdesk<", ">reviewer<"),
            ({"role": "gcio"}, ">gcio<", ">reviewer<"),
            ({"agency": "health"}, ">agency_operator<", ">gcio<"),
            ({"is_active": "false"}, ">reviewer<", ">gcio<"),
        ],
    )
    def test_filters(self, world, client_for, query, present, absent):
        world.users["reviewer"].is_active = False
        world.users["reviewer"].save(update_fields=["is_active"])
        if query.get("agency") == "health":
            query = {"agency": world.health.pk}
        page = client_for(world.users["pemda_admin"]).get("/pengguna/", query).content.decode()
        assert present in page and absent not in page

    def test_export(self, world, client_for):
        response = client_for(world.users["pemda_admin"]).get("/pengguna/", {"export": "csv"})
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "Nama pengguna" in text and "agency_operator" in text and "other_pemda" not in text
        xlsx = client_for(world.users["pemda_admin"]).get("/pengguna/", {"export": "xlsx"})
        assert xlsx.status_code == 200


class TestUserForms:
    def test_create(self, world, client_for):
        client = client_for(world.users["pemda_admin"])
        response = client.post(
            "/pengguna/tambah/",
            {
                "username": "budi",
                "full_name": "Budi Santoso",
                "pemda": world.pemda.pk,
                "agency": world.health.pk,
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
        budi = User.objects.get(username="budi")
        assert response.status_code == 302 and response["Location"] == f"/pengguna/{budi.pk}/"
        assert budi.pemda == world.pemda and budi.check_password(NEW_PASSWORD)

    def test_create_invalid_shows_indonesian_field_errors(self, world, client_for):
        client = client_for(world.users["pemda_admin"])
        before = snapshot()
        empty = client.post("/pengguna/tambah/", {"pemda": world.pemda.pk})
        assert empty.status_code == 400 and "Bidang ini harus diisi" in empty.content.decode()
        mismatch = client.post(
            "/pengguna/tambah/",
            {
                "username": "budi",
                "full_name": "B",
                "pemda": world.pemda.pk,
                "password1": NEW_PASSWORD,
                "password2": "x",
            },
        )
        assert "Kedua kata sandi tidak sama" in mismatch.content.decode()
        weak = client.post(
            "/pengguna/tambah/",
            {
                "username": "budi",
                "full_name": "B",
                "pemda": world.pemda.pk,
                "password1": "12345",
                "password2": "12345",
            },
        )
        assert weak.status_code == 400 and "terlalu pendek" in weak.content.decode()
        other_agency = client.post(
            "/pengguna/tambah/",
            {
                "username": "budi",
                "full_name": "B",
                "pemda": world.pemda.pk,
                "agency": world.other_health.pk,
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
        assert other_agency.status_code == 400
        taken = client.post(
            "/pengguna/tambah/",
            {
                "username": "gcio",
                "full_name": "B",
                "pemda": world.pemda.pk,
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
        assert taken.status_code == 400 and "sudah" in taken.content.decode()
        assert snapshot() == before

    def test_other_pemda_admin_cannot_create_in_this_pemda(self, world, client_for):
        response = client_for(world.other_pemda_admin).post(
            "/pengguna/tambah/",
            {
                "username": "budi",
                "full_name": "B",
                "pemda": world.pemda.pk,
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
        assert response.status_code == 400 and not User.objects.filter(username="budi").exists()

    def test_update(self, world, client_for):
        target = world.users["reviewer"]
        client = client_for(world.users["pemda_admin"])
        invalid = client.post(f"/pengguna/{target.pk}/ubah/", {"full_name": "Rina", "email": "bukan-email"})
        assert (
            invalid.status_code == 400 and "alamat email dengan format yang benar" in invalid.content.decode()
        )
        ok = client.post(f"/pengguna/{target.pk}/ubah/", {"full_name": "Rina", "agency": world.education.pk})
        assert ok.status_code == 302
        target.refresh_from_db()
        assert target.full_name == "Rina" and target.agency == world.education

    def test_set_password(self, world, client_for):
        target = world.users["reviewer"]
        client = client_for(world.users["pemda_admin"])
        url = f"/pengguna/{target.pk}/kata-sandi/"
        assert client.post(url, {"password1": "123", "password2": "123"}).status_code == 400
        assert client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
        target.refresh_from_db()
        assert target.check_password(NEW_PASSWORD)

    def test_deactivate_and_activate(self, world, client_for):
        target = world.users["reviewer"]
        client = client_for(world.users["pemda_admin"])
        assert client.get(f"/pengguna/{target.pk}/nonaktifkan/").status_code == 405
        client.post(f"/pengguna/{target.pk}/nonaktifkan/")
        target.refresh_from_db()
        assert not target.is_active
        client.post(f"/pengguna/{target.pk}/aktifkan/")
        target.refresh_from_db()
        assert target.is_active

    def test_self_deactivation_refused_with_a_message(self, world, client_for):
        admin = world.users["pemda_admin"]
        client = client_for(admin)
        response = client.post(f"/pengguna/{admin.pk}/nonaktifkan/", follow=True)
        assert "sendiri" in response.content.decode()
        admin.refresh_from_db()
        assert admin.is_active


class TestRoleForms:
    def test_grant(self, world, client_for):
        target = world.no_role
        client = client_for(world.users["pemda_admin"])
        url = f"/pengguna/{target.pk}/peran/tambah/"
        missing = client.post(url, {"role": "agency_operator"})
        assert missing.status_code == 400 and "harus dikaitkan" in missing.content.decode()
        foreign = client.post(url, {"role": "agency_operator", "agency": world.other_health.pk})
        assert foreign.status_code == 400
        assert not target.roles.exists()
        ok = client.post(
            url, {"role": "agency_operator", "agency": world.health.pk, "valid_from": "2026-01-01"}
        )
        assert ok.status_code == 302 and ok["Location"] == f"/pengguna/{target.pk}/"
        assignment = target.roles.get()
        assert assignment.agency == world.health and assignment.valid_from == datetime.date(2026, 1, 1)
        duplicate = client.post(url, {"role": "agency_operator", "agency": world.health.pk})
        assert duplicate.status_code == 400 and "sudah memiliki" in duplicate.content.decode()

    def test_revoke(self, world, client_for):
        target = world.users["reviewer"]
        assignment = target.roles.get()
        client = client_for(world.users["pemda_admin"])
        url = f"/pengguna/{target.pk}/peran/{assignment.pk}/cabut/"
        assert "Cabut peran" in client.get(url).content.decode()
        assert client.post(url).status_code == 302
        assert not target.roles.exists()

    def test_revoke_own_last_admin_role_refused(self, world, client_for):
        admin = world.users["pemda_admin"]
        assignment = admin.roles.get()
        response = client_for(admin).post(f"/pengguna/{admin.pk}/peran/{assignment.pk}/cabut/", follow=True)
        assert "terakhir" in response.content.decode()
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()

    def test_revoke_url_must_match_the_user(self, world, client_for):
        assignment = world.users["reviewer"].roles.get()
        url = f"/pengguna/{world.users['gcio'].pk}/peran/{assignment.pk}/cabut/"
        assert client_for(world.users["pemda_admin"]).post(url).status_code == 404
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()

    def test_detail_shows_roles_and_history(self, world, client_for):
        target = world.no_role
        admin = world.users["pemda_admin"]
        accounts.role_grant(actor=admin, user=target, role=Role.AGENCY_HEAD, agency=world.health)
        page = client_for(admin).get(f"/pengguna/{target.pk}/").content.decode()
        assert "Kepala Perangkat Daerah" in page and "Riwayat" in page
        assert page.count("Dibuat") >= 2  # the account and the role grant in the history tab


# --- API -----------------------------------------------------------------------------------


class TestUsersApi:
    @pytest.mark.parametrize(
        ("actor", "status"),
        [("pemda_admin", 200), ("gcio", 200), ("superuser", 200), ("agency_operator", 403), ("no_role", 403)],
    )
    def test_list_access(self, world, api_for, actor, status):
        response = api_for(who(world, actor)).get("/api/v1/users/")
        assert response.status_code == status
        if status == 403:
            assert response.json()["code"] == "forbidden"

    def test_anonymous(self, world, api_for):
        response = api_for().get("/api/v1/users/")
        assert response.status_code in (401, 403) and response.json()["code"] == "not_authenticated"

    def test_scoped_and_filtered(self, world, api_for):
        api = api_for(world.users["pemda_admin"])
        names = {u["username"] for u in api.get("/api/v1/users/", {"page_size": 100}).json()["results"]}
        assert (
            "agency_operator" in names
            and "other_pemda_operator" not in names
            and "platform_admin" not in names
        )
        only = api.get("/api/v1/users/", {"role": "gcio"}).json()["results"]
        assert [u["username"] for u in only] == ["gcio"]
        assert only[0]["roles"][0]["role"] == "gcio" and "password" not in only[0]
        searched = api.get("/api/v1/users/", {"q": "helpd"}).json()["results"]
        assert [u["username"] for u in searched] == ["helpdesk"]

    def test_other_pemda_is_404(self, world, api_for):
        target = world.users["reviewer"]
        api = api_for(world.other_pemda_admin)
        assert api.get(f"/api/v1/users/{target.pk}/").status_code == 404
        assert api.patch(f"/api/v1/users/{target.pk}/", {"full_name": "X"}).status_code == 404
        assert api.post(f"/api/v1/users/{target.pk}/deactivate/").status_code == 404
        target.refresh_from_db()
        assert target.full_name != "X" and target.is_active

    def test_create(self, world, api_for):
        api = api_for(world.users["pemda_admin"])
        response = api.post(
            "/api/v1/users/",
            {"username": "budi", "full_name": "Budi", "password": NEW_PASSWORD, "agency": world.health.pk},
        )
        assert response.status_code == 201, response.json()
        assert response.json()["pemda"] == world.pemda.pk and "password" not in response.json()

    def test_create_invalid(self, world, api_for):
        api = api_for(world.users["pemda_admin"])
        before = snapshot()
        weak = api.post("/api/v1/users/", {"username": "budi", "password": "123"})
        assert (
            weak.status_code == 400
            and weak.json()["code"] == "invalid"
            and "password" in weak.json()["errors"]
        )
        missing = api.post("/api/v1/users/", {"username": "budi"})
        assert missing.status_code == 400 and "password" in missing.json()["errors"]
        taken = api.post("/api/v1/users/", {"username": "gcio", "password": NEW_PASSWORD})
        assert taken.status_code == 400 and "username" in taken.json()["errors"]
        foreign = api.post(
            "/api/v1/users/", {"username": "budi", "password": NEW_PASSWORD, "agency": world.other_health.pk}
        )
        assert foreign.status_code == 400 and "agency" in foreign.json()["errors"]
        assert snapshot() == before

    def test_create_refused(self, world, api_for):
        response = api_for(world.users["gcio"]).post(
            "/api/v1/users/", {"username": "budi", "password": NEW_PASSWORD}
        )
        assert response.status_code == 403 and response.json()["code"] == "forbidden"
        assert not User.objects.filter(username="budi").exists()

    def test_update(self, world, api_for):
        target = world.users["reviewer"]
        api = api_for(world.users["pemda_admin"])
        assert api.patch(f"/api/v1/users/{target.pk}/", {"full_name": "Rina"}).status_code == 200
        moved = api.patch(f"/api/v1/users/{target.pk}/", {"pemda": world.pemda.pk})
        assert moved.status_code == 400 and "pemda" in moved.json()["errors"]
        target.refresh_from_db()
        assert target.full_name == "Rina"
        assert (
            api_for(world.users["gcio"]).patch(f"/api/v1/users/{target.pk}/", {"full_name": "X"}).status_code
            == 403
        )

    def test_deactivate(self, world, api_for):
        admin = world.users["pemda_admin"]
        api = api_for(admin)
        own = api.post(f"/api/v1/users/{admin.pk}/deactivate/")
        assert own.status_code == 403 and own.json()["code"] == "forbidden"
        response = api.post(f"/api/v1/users/{world.users['reviewer'].pk}/deactivate/")
        assert response.status_code == 200 and response.json()["is_active"] is False
        assert api.delete(f"/api/v1/users/{world.users['reviewer'].pk}/").status_code == 405


class TestRoleAssignmentsApi:
    URL = "/api/v1/role-assignments/"

    def test_list_scoped(self, world, api_for):
        results = api_for(world.users["pemda_admin"]).get(self.URL, {"page_size": 100}).json()["results"]
        assert results and {r["pemda"] for r in results} == {world.pemda.pk}
        assert api_for(world.users["agency_operator"]).get(self.URL).status_code == 403
        assert api_for().get(self.URL).status_code in (401, 403)

    def test_grant_and_revoke(self, world, api_for):
        api = api_for(world.users["pemda_admin"])
        created = api.post(
            self.URL, {"user": world.no_role.pk, "role": "agency_head", "agency": world.health.pk}
        )
        assert created.status_code == 201 and created.json()["pemda"] == world.pemda.pk
        assert api.delete(f"{self.URL}{created.json()['id']}/").status_code == 204
        assert not world.no_role.roles.exists()

    def test_invalid_grants(self, world, api_for):
        api = api_for(world.users["pemda_admin"])
        before = snapshot()
        missing = api.post(self.URL, {"user": world.no_role.pk, "role": "agency_head"})
        assert missing.status_code == 400 and "agency" in missing.json()["errors"]
        foreign_user = api.post(self.URL, {"user": world.other_pemda_operator.pk, "role": "reviewer"})
        assert foreign_user.status_code == 400 and "user" in foreign_user.json()["errors"]
        foreign_agency = api.post(
            self.URL, {"user": world.no_role.pk, "role": "agency_head", "agency": world.other_health.pk}
        )
        assert foreign_agency.status_code == 400 and "agency" in foreign_agency.json()["errors"]
        duplicate = api.post(self.URL, {"user": world.users["gcio"].pk, "role": "gcio"})
        assert duplicate.status_code == 400 and "role" in duplicate.json()["errors"]
        assert snapshot() == before

    def test_refused(self, world, api_for):
        before = snapshot()
        gcio = api_for(world.users["gcio"])
        response = gcio.post(self.URL, {"user": world.users["gcio"].pk, "role": "pemda_admin"})
        assert response.status_code == 403 and response.json()["code"] == "forbidden"
        assignment = world.users["reviewer"].roles.get()
        assert gcio.delete(f"{self.URL}{assignment.pk}/").status_code == 403
        assert api_for(world.other_pemda_admin).delete(f"{self.URL}{assignment.pk}/").status_code == 404
        admin = world.users["pemda_admin"]
        own = api_for(admin).delete(f"{self.URL}{admin.roles.get().pk}/")
        assert own.status_code == 403 and own.json()["code"] == "forbidden"
        assert snapshot() == before


class TestAccountsActingInAnotherPemda:
    """An account of pemda A that also holds a role in pemda B: A's administrator must not take
    it over (password, two-factor, contact details, deactivation), since that would give A's
    administrator a foothold in B; B's administrator still revokes B's role."""

    @pytest.fixture
    def dual(self, world):
        target = world.users["reviewer"]  # home pemda A
        RoleAssignment.objects.create(user=target, role=Role.PEMDA_ADMIN, pemda=world.other_pemda)
        return target

    def test_home_admin_cannot_take_over(self, world, dual):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from kelola.core.twofactor import two_factor_reset

        TOTPDevice.objects.create(user=dual, name="HP", confirmed=True)
        admin = world.users["pemda_admin"]
        assert not accounts.can_manage_user(admin, dual)
        refused(lambda: accounts.user_set_password(dual, actor=admin, password=NEW_PASSWORD))
        refused(lambda: accounts.user_update(dual, actor=admin, full_name="X"))
        refused(lambda: accounts.user_deactivate(dual, actor=admin))
        refused(lambda: two_factor_reset(dual, actor=admin))
        dual.refresh_from_db()
        assert dual.check_password(PASSWORD) and TOTPDevice.objects.filter(user=dual).exists()
        assert AuditEntry.objects.filter(action="refused", actor=admin).count() == 4

    def test_future_dated_role_elsewhere_counts_too(self, world):
        target = world.users["helpdesk"]
        RoleAssignment.objects.create(
            user=target,
            role=Role.GCIO,
            pemda=world.other_pemda,
            valid_from=datetime.date.today() + datetime.timedelta(days=30),
        )
        refused(
            lambda: accounts.user_set_password(
                target, actor=world.users["pemda_admin"], password=NEW_PASSWORD
            )
        )

    def test_roles_in_the_home_pemda_are_still_granted_and_revoked(self, world, dual):
        admin = world.users["pemda_admin"]
        extra = accounts.role_grant(actor=admin, user=dual, role=Role.HELPDESK)
        accounts.role_revoke(extra, actor=admin)
        # But not the role held in the other pemda.
        refused(lambda: accounts.role_revoke(dual.roles.get(pemda=world.other_pemda), actor=admin))

    def test_the_other_pemdas_admin_revokes_its_own_role(self, world, dual):
        foreign = dual.roles.get(pemda=world.other_pemda)
        accounts.role_revoke(foreign, actor=world.other_pemda_admin)
        assert not RoleAssignment.objects.filter(pk=foreign.pk).exists()
        # ...and may not manage the account itself, nor grant it roles in their pemda.
        refused(
            lambda: accounts.user_set_password(dual, actor=world.other_pemda_admin, password=NEW_PASSWORD),
        )
        refused(
            lambda: accounts.role_grant(
                actor=world.other_pemda_admin, user=dual, role=Role.REVIEWER, pemda=world.other_pemda
            )
        )

    def test_superuser_manages_it(self, world, dual):
        accounts.user_set_password(dual, actor=world.superuser, password=NEW_PASSWORD)
        dual.refresh_from_db()
        assert dual.check_password(NEW_PASSWORD)

    def test_pages(self, world, client_for, dual):
        client = client_for(world.users["pemda_admin"])
        page = client.get(f"/pengguna/{dual.pk}/").content.decode()
        assert f"/pengguna/{dual.pk}/kata-sandi/" not in page
        assert f"/pengguna/{dual.pk}/peran/tambah/" in page  # granting in the home pemda stays
        foreign = dual.roles.get(pemda=world.other_pemda)
        own = dual.roles.get(pemda=world.pemda)
        assert f"/peran/{foreign.pk}/cabut/" not in page and f"/peran/{own.pk}/cabut/" in page
        before = snapshot()
        posted = client.post(
            f"/pengguna/{dual.pk}/kata-sandi/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert posted.status_code == 403
        assert client.post(f"/pengguna/{dual.pk}/nonaktifkan/").status_code == 403
        assert client.post(f"/pengguna/{dual.pk}/peran/{foreign.pk}/cabut/").status_code == 404
        assert snapshot() == before
        dual.refresh_from_db()
        assert dual.check_password(PASSWORD)

    def test_api(self, world, api_for, dual):
        api = api_for(world.users["pemda_admin"])
        before = snapshot()
        patched = api.patch(f"/api/v1/users/{dual.pk}/", {"full_name": "X"})
        assert patched.status_code == 403 and patched.json()["code"] == "forbidden"
        assert api.post(f"/api/v1/users/{dual.pk}/deactivate/").status_code == 403
        assert api.post(f"/api/v1/users/{dual.pk}/reset-two-factor/").status_code == 403
        foreign = dual.roles.get(pemda=world.other_pemda)
        assert api.delete(f"/api/v1/role-assignments/{foreign.pk}/").status_code == 404
        assert snapshot() == before
        revoked = api_for(world.other_pemda_admin).delete(f"/api/v1/role-assignments/{foreign.pk}/")
        assert revoked.status_code == 204

    def test_roles_in_the_other_pemda_are_not_shown(self, world, client_for, api_for, dual):
        client = client_for(world.users["pemda_admin"])
        detail = client.get(f"/pengguna/{dual.pk}/").content.decode()
        assert "Reviewer Dinas" in detail and "Kabupaten Lain" not in detail
        listed = client.get("/pengguna/", {"q": "reviewer"}).content.decode()
        start = listed.index(f'href="/pengguna/{dual.pk}/"')
        row = listed[start : listed.index("</tr>", start)]
        assert "Reviewer Dinas" in row and "Administrator Pemda" not in row
        # The role filter counts only this pemda's assignments.
        admins = client.get("/pengguna/", {"role": "pemda_admin"}).content.decode()
        assert f'href="/pengguna/{dual.pk}/"' not in admins
        api = api_for(world.users["pemda_admin"])
        body = api.get(f"/api/v1/users/{dual.pk}/").json()
        assert [r["role"] for r in body["roles"]] == ["reviewer"]
        listed = api.get("/api/v1/users/", {"q": "reviewer"}).json()["results"]
        assert [r["role"] for r in listed[0]["roles"]] == ["reviewer"]
        assert dual.pk not in [
            u["id"] for u in api.get("/api/v1/users/", {"role": "pemda_admin"}).json()["results"]
        ]
        # Nor in the history tab, once granted through the service.
        foreign = accounts.role_grant(
            actor=world.superuser, user=dual, role=Role.GCIO, pemda=world.other_pemda
        )
        assert AuditEntry.objects.filter(action="create", object_id=str(foreign.pk)).exists()
        history = client.get(f"/pengguna/{dual.pk}/").content.decode()
        assert "gcio" not in history.lower()
        assert "GCIO" in client_for(world.superuser).get(f"/pengguna/{dual.pk}/").content.decode()
        # A superuser sees both.
        every = api_for(world.superuser).get(f"/api/v1/users/{dual.pk}/").json()["roles"]
        assert {r["role"] for r in every} == {"reviewer", "pemda_admin", "gcio"}


def test_superuser_api_create_without_pemda_is_a_field_error(world, api_for):
    response = api_for(world.superuser).post("/api/v1/users/", {"username": "budi", "password": NEW_PASSWORD})
    assert response.status_code == 400 and "pemda" in response.json()["errors"]
    created = api_for(world.superuser).post(
        "/api/v1/users/", {"username": "budi", "password": NEW_PASSWORD, "pemda": world.other_pemda.pk}
    )
    assert created.status_code == 201 and created.json()["pemda"] == world.other_pemda.pk


def test_deactivation_and_new_password_end_open_sessions(world, client_for):
    from django.test import Client

    target = world.users["reviewer"]
    helpdesk = world.users["helpdesk"]
    session_a = client_for(target)
    session_b = Client()
    session_b.force_login(helpdesk)
    assert session_a.get("/").status_code == 200 and session_b.get("/").status_code == 200
    admin = world.users["pemda_admin"]
    accounts.user_deactivate(target, actor=admin)
    assert session_a.get("/")["Location"].startswith("/akun/masuk/")
    accounts.user_set_password(helpdesk, actor=admin, password=NEW_PASSWORD)
    assert session_b.get("/")["Location"].startswith("/akun/masuk/")
