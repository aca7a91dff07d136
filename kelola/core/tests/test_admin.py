"""Django admin for support staff; the audit log and timelines are read-only there too."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission

from kelola.core.models import (
    Agency,
    AuditEntry,
    Document,
    Job,
    Letter,
    Notification,
    Pemda,
    RoleAssignment,
    TimelineEvent,
    User,
)

pytestmark = pytest.mark.django_db

REGISTERED = [
    Pemda,
    Agency,
    User,
    RoleAssignment,
    Document,
    Letter,
    Notification,
    Job,
    AuditEntry,
    TimelineEvent,
]


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_registered_with_filters_and_search(model):
    model_admin = admin.site._registry[model]
    assert model_admin.list_filter and model_admin.search_fields


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_changelist_opens_with_search_for_superuser(world, client_for, model):
    url = f"/admin/core/{model._meta.model_name}/"
    response = client_for(world.superuser).get(url, {"q": "a"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", [AuditEntry, TimelineEvent], ids=lambda m: m.__name__)
def test_audit_models_are_read_only(world, rf, model):
    model_admin = admin.site._registry[model]
    request = rf.get("/admin/")
    request.user = world.superuser
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_audit_entry_cannot_be_edited_or_deleted(world, client_for):
    entry = AuditEntry.objects.first()
    client = client_for(world.superuser)
    assert client.get(f"/admin/core/auditentry/{entry.pk}/change/").status_code == 200
    assert client.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.get("/admin/core/auditentry/add/").status_code == 403
    before = entry.entry_hash
    client.post(f"/admin/core/auditentry/{entry.pk}/change/", {"comment": "ubah"})
    entry.refresh_from_db()
    assert entry.entry_hash == before and entry.comment != "ubah"


@pytest.mark.parametrize("name", ["gcio", "pemda_admin", "agency_operator", "no_role"])
def test_admin_is_for_staff_only(world, client_for, name):
    response = client_for(world.users.get(name) or getattr(world, name)).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_anonymous_sent_to_admin_login(client):
    response = client.get("/admin/core/user/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_user_admin_shows_kelola_fields_and_roles(world, client_for):
    client = client_for(world.superuser)
    page = client.get(f"/admin/core/user/{world.users['gcio'].pk}/change/").content.decode()
    assert 'name="pemda"' in page and 'name="nip"' in page and "roles-" in page
    add = client.get("/admin/core/user/add/").content.decode()
    assert 'name="pemda"' in add and 'name="password1"' in add


def test_user_admin_changes_are_audited(world, client_for):
    target = world.users["reviewer"]
    client = client_for(world.superuser)
    response = client.post(
        "/admin/core/user/add/",
        {
            "username": "dukungan_baru",
            "password1": "Sukamaju-Baru-2026",
            "password2": "Sukamaju-Baru-2026",
            "usable_password": "true",
            "full_name": "Dukungan Baru",
            "email": "",
            "pemda": world.pemda.pk,
            "agency": "",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="dukungan_baru")
    assert created.pemda == world.pemda
    assert AuditEntry.objects.filter(
        action="create", object_id=str(created.pk), actor=world.superuser
    ).exists()
    assert target.pk != created.pk


def test_staff_without_superuser_cannot_grant_superuser(world, client_for, rf):
    staff = User.objects.create_user("dukungan", password="x-Sukamaju-2026", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["change_user", "view_user"]))
    request = rf.get("/admin/")
    request.user = User.objects.get(pk=staff.pk)
    readonly = admin.site._registry[User].get_readonly_fields(request, world.users["gcio"])
    assert {"is_superuser", "is_staff", "groups", "user_permissions"} <= set(readonly)
    request.user = world.superuser
    assert "is_superuser" not in admin.site._registry[User].get_readonly_fields(request, world.users["gcio"])


def test_role_assignment_admin_applies_model_rules(world, client_for):
    client = client_for(world.superuser)
    response = client.post(
        "/admin/core/roleassignment/add/",
        {"user": world.no_role.pk, "role": "agency_head", "pemda": world.pemda.pk, "agency": "", "note": ""},
    )
    assert response.status_code == 200 and "harus dikaitkan" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=world.no_role).exists()


class TestAuditLogPage:
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
    def test_access(self, world, client_for, who, status):
        user = getattr(world, who, None) or world.users[who]
        assert client_for(user).get("/audit/").status_code == status

    def test_scoped_to_pemda_and_exportable(self, world, client_for):
        response = client_for(world.other_pemda_gcio).get("/audit/", {"export": "csv"})
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "Dinas Pendidikan" not in text and "Kabupaten Lain" in text

    def test_api(self, world, api_for):
        assert api_for(world.users["auditor"]).get("/api/v1/audit-entries/").json()["count"] > 0
        assert api_for(world.users["agency_operator"]).get("/api/v1/audit-entries/").json()["count"] == 0


def test_staff_without_superuser_cannot_touch_a_superuser_account(world, client_for):
    staff = User.objects.create_user("dukungan", password="x-Sukamaju-2026", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_user", "view_user", "delete_user"])
    )
    client = client_for(User.objects.get(pk=staff.pk))
    target = world.superuser
    before = User.objects.get(pk=target.pk).password
    response = client.post(
        f"/admin/core/user/{target.pk}/password/",
        {"password1": "Ambil-Alih-2026!", "password2": "Ambil-Alih-2026!"},
    )
    assert response.status_code == 403
    assert client.post(f"/admin/core/user/{target.pk}/delete/", {"post": "yes"}).status_code == 403
    assert User.objects.get(pk=target.pk).password == before
    # An ordinary account stays editable for support staff.
    ordinary = world.users["reviewer"]
    assert client.get(f"/admin/core/user/{ordinary.pk}/change/").status_code == 200
