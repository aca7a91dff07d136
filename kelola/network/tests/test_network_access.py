"""Who sees and changes the address plan, on the pages and the API: the data-center and
infrastructure teams, the GCIO and the pemda administrator manage their pemda's; an auditor
reads; an OPD sees its own prefixes, addresses and requests, files requests, and can neither
allocate nor approve; another OPD, another pemda and an account without a role get 404."""

import pytest

from kelola.core.models import AuditEntry
from kelola.network import requesting, services
from kelola.network.models import AddressRequest, IpAddress, Prefix, Vlan

pytestmark = pytest.mark.django_db
MANAGERS = ["datacenter", "infrastructure", "gcio", "pemda_admin"]


@pytest.fixture
def plan(world):
    actor = world.users["datacenter"]
    world.vlan = services.vlan_create(
        actor=actor, pemda=world.pemda, vid=20, name="Dinkes", agency=world.health
    )
    world.lan = services.prefix_create(
        actor=actor,
        pemda=world.pemda,
        network="10.20.0.0/24",
        scope="private",
        agency=world.health,
        vlan=world.vlan,
    )
    world.public = services.prefix_create(
        actor=actor, pemda=world.pemda, network="203.0.113.0/28", scope="public"
    )
    world.ip = services.address_create(
        actor=actor, prefix=world.lan, address="10.20.0.10", agency=world.health, assigned_to="srv-simpus"
    )
    world.request = requesting.request_create(
        actor=world.users["agency_operator"],
        agency=world.health,
        scope="public",
        quantity=2,
        purpose="Portal",
    )
    return world


def test_pages_for_the_network_team(plan, client_for):
    for role in MANAGERS:
        client = client_for(plan.users[role])
        for url in (
            "/jaringan/prefiks/",
            f"/jaringan/prefiks/{plan.lan.pk}/",
            "/jaringan/prefiks/tambah/",
            "/jaringan/alamat/",
            f"/jaringan/alamat/{plan.ip.pk}/",
            f"/jaringan/alamat/{plan.ip.pk}/ubah/",
            "/jaringan/vlan/",
            "/jaringan/vlan/tambah/",
            f"/jaringan/vlan/{plan.vlan.pk}/",
            "/jaringan/permintaan/",
            f"/jaringan/permintaan/{plan.request.pk}/",
        ):
            assert client.get(url).status_code == 200, (role, url)
    page = client_for(plan.users["datacenter"]).get(f"/jaringan/prefiks/{plan.lan.pk}/").content.decode()
    assert "Alokasikan alamat berikutnya" in page and "10.20.0.10" in page
    export = client_for(plan.users["gcio"]).get("/jaringan/prefiks/?export=csv&family=4")
    assert export.status_code == 200 and b"10.20.0.0/24" in b"".join(export.streaming_content)
    assert client_for(plan.users["gcio"]).get("/jaringan/alamat/?export=xlsx").status_code == 200
    search = client_for(plan.users["gcio"]).get("/jaringan/prefiks/?q=10.20.0.77").content.decode()
    assert "10.20.0.0/24" in search and "203.0.113.0/28" not in search


def test_the_team_creates_allocates_edits_and_deletes_on_the_pages(plan, client_for):
    client = client_for(plan.users["infrastructure"])
    response = client.post("/jaringan/prefiks/tambah/", {"network": "10.30.0.0/24", "scope": "private"})
    assert response.status_code == 302
    pfx = Prefix.objects.get(network="10.30.0.0/24")
    refused = client.post("/jaringan/prefiks/tambah/", {"network": "10.30.0.0/24", "scope": "private"})
    assert refused.status_code == 409 and "sudah terdaftar" in refused.content.decode()
    response = client.post(f"/jaringan/prefiks/{pfx.pk}/alokasi/", {"assigned_to": "vm-01"})
    ip = IpAddress.objects.get(prefix=pfx)
    assert response.status_code == 302 and ip.address == "10.30.0.1" and ip.assigned_to == "vm-01"
    outside = client.post(
        "/jaringan/alamat/tambah/", {"prefix": pfx.pk, "address": "10.31.0.5", "status": "allocated"}
    )
    assert outside.status_code == 400 and "di luar prefiks" in outside.content.decode()
    edited = client.post(
        f"/jaringan/alamat/{ip.pk}/ubah/",
        {"prefix": pfx.pk, "address": "10.30.0.9", "status": "reserved", "dns_name": "vm01.kota.go.id"},
    )
    assert edited.status_code == 302
    ip.refresh_from_db()
    assert (ip.address, ip.status) == ("10.30.0.9", "reserved")
    assert client.post(f"/jaringan/alamat/{ip.pk}/hapus/").status_code == 302
    assert not IpAddress.objects.filter(pk=ip.pk).exists()
    assert client.post("/jaringan/vlan/tambah/", {"vid": 30, "name": "Lab"}).status_code == 302
    assert Vlan.objects.filter(pemda=plan.pemda, vid=30).exists()


def test_an_opd_sees_only_its_own(plan, client_for, api_for):
    operator = plan.users["agency_operator"]  # Dinas Kesehatan
    client = client_for(operator)
    assert client.get(f"/jaringan/prefiks/{plan.lan.pk}/").status_code == 200
    assert client.get(f"/jaringan/alamat/{plan.ip.pk}/").status_code == 200
    assert client.get(f"/jaringan/permintaan/{plan.request.pk}/").status_code == 200
    assert client.get(f"/jaringan/prefiks/{plan.public.pk}/").status_code == 404  # the IT office's
    listing = client.get("/jaringan/prefiks/").content.decode()
    assert "10.20.0.0/24" in listing and "203.0.113.0/28" not in listing
    api = api_for(operator)
    assert [p["network"] for p in api.get("/api/v1/prefixes/").json()["results"]] == ["10.20.0.0/24"]
    assert [a["address"] for a in api.get("/api/v1/ip-addresses/").json()["results"]] == ["10.20.0.10"]
    assert api.get("/api/v1/address-requests/").json()["count"] == 1


def test_an_opd_cannot_allocate_edit_or_approve(plan, client_for, api_for):
    operator = plan.users["agency_operator"]
    head = plan.users["agency_head"]
    before = IpAddress.objects.count()
    for user in (operator, head):
        client = client_for(user)
        assert client.post(f"/jaringan/prefiks/{plan.lan.pk}/alokasi/").status_code == 403
        assert client.get(f"/jaringan/alamat/{plan.ip.pk}/ubah/").status_code == 403
        assert client.get("/jaringan/prefiks/tambah/").status_code == 403
        api = api_for(user)
        assert api.post(f"/api/v1/prefixes/{plan.lan.pk}/next-free/", {}, format="json").status_code == 403
        assert (
            api.patch(f"/api/v1/ip-addresses/{plan.ip.pk}/", {"dns_name": "x"}, format="json").status_code
            == 403
        )
        approve = {"name": "approve", "prefix": plan.public.pk}
        # the public prefix is not theirs to see: "does not exist"
        assert (
            api.post(
                f"/api/v1/address-requests/{plan.request.pk}/transition/", approve, format="json"
            ).status_code
            == 400
        )
        mine = {"name": "approve", "prefix": plan.lan.pk}
        assert (
            api.post(
                f"/api/v1/address-requests/{plan.request.pk}/transition/", mine, format="json"
            ).status_code
            == 403
        )
        client.post(
            f"/jaringan/permintaan/{plan.request.pk}/langkah/", {"name": "approve", "prefix": plan.lan.pk}
        )
    plan.request.refresh_from_db()
    assert plan.request.status == "submitted" and IpAddress.objects.count() == before
    assert AuditEntry.objects.filter(action="refused", changes__code="forbidden").exists()


@pytest.mark.parametrize("who", ["other_agency_operator", "other_pemda_gcio", "no_role"])
def test_outsiders_get_404(plan, client_for, api_for, who):
    user = getattr(plan, who)
    client, api = client_for(user), api_for(user)
    assert client.get(f"/jaringan/prefiks/{plan.lan.pk}/").status_code == 404
    assert client.post(f"/jaringan/prefiks/{plan.lan.pk}/alokasi/").status_code == 404
    assert client.get(f"/jaringan/alamat/{plan.ip.pk}/").status_code == 404
    assert client.get(f"/jaringan/vlan/{plan.vlan.pk}/").status_code == 404
    assert client.get(f"/jaringan/permintaan/{plan.request.pk}/").status_code == 404
    assert (
        client.post(f"/jaringan/permintaan/{plan.request.pk}/langkah/", {"name": "withdraw"}).status_code
        == 404
    )
    assert api.get(f"/api/v1/prefixes/{plan.lan.pk}/").status_code == 404
    assert api.post(f"/api/v1/prefixes/{plan.lan.pk}/next-free/", {}, format="json").status_code == 404
    assert api.get(f"/api/v1/ip-addresses/{plan.ip.pk}/").status_code == 404
    assert api.get(f"/api/v1/vlans/{plan.vlan.pk}/").status_code == 404
    assert (
        api.post(f"/api/v1/address-requests/{plan.request.pk}/transition/", {"name": "reject"}).status_code
        == 404
    )
    assert api.get("/api/v1/ip-addresses/").json()["count"] == 0
    plan.request.refresh_from_db()
    assert plan.request.status == "submitted"


def test_an_auditor_reads_but_does_not_change(plan, client_for, api_for):
    auditor = plan.users["auditor"]
    assert client_for(auditor).get(f"/jaringan/prefiks/{plan.public.pk}/").status_code == 200
    api = api_for(auditor)
    assert api.get("/api/v1/prefixes/").json()["count"] == 2
    assert api.post(f"/api/v1/prefixes/{plan.lan.pk}/next-free/", {}, format="json").status_code == 403
    assert api.delete(f"/api/v1/vlans/{plan.vlan.pk}/").status_code == 403


def test_request_workflow_through_the_api(plan, api_for):
    operator = api_for(plan.users["agency_operator"])
    filed = operator.post(
        "/api/v1/address-requests/",
        {"agency": plan.health.pk, "scope": "private", "quantity": 3, "purpose": "Server SIMPUS baru"},
        format="json",
    )
    assert filed.status_code == 201, filed.json()
    pk = filed.json()["id"]
    team = api_for(plan.users["datacenter"])
    wrong = team.post(
        f"/api/v1/address-requests/{pk}/transition/",
        {"name": "approve", "prefix": plan.public.pk},
        format="json",
    )
    assert wrong.status_code == 400 and "lokal" in wrong.json()["detail"]
    approved = team.post(
        f"/api/v1/address-requests/{pk}/transition/",
        {"name": "approve", "prefix": plan.lan.pk},
        format="json",
    )
    assert approved.status_code == 200, approved.json()
    body = approved.json()
    assert body["status"] == "approved" and body["addresses"] == ["10.20.0.1", "10.20.0.2", "10.20.0.3"]
    assert all(ip.agency == plan.health for ip in IpAddress.objects.filter(request_id=pk))
    again = team.post(
        f"/api/v1/address-requests/{pk}/transition/", {"name": "reject", "comment": "x"}, format="json"
    )
    assert again.status_code == 409
    no_reason = team.post(
        f"/api/v1/address-requests/{plan.request.pk}/transition/", {"name": "reject"}, format="json"
    )
    assert no_reason.status_code == 409
    rejected = team.post(
        f"/api/v1/address-requests/{plan.request.pk}/transition/",
        {"name": "reject", "comment": "Gunakan alamat lokal dan NAT."},
        format="json",
    )
    assert rejected.json()["status"] == "rejected" and rejected.json()["decision_reason"].startswith(
        "Gunakan"
    )
    assert AddressRequest.objects.get(pk=plan.request.pk).decided_at is not None


def test_approval_is_all_or_nothing_when_the_prefix_is_too_small(plan):
    tiny = services.prefix_create(
        actor=plan.users["gcio"], pemda=plan.pemda, network="203.0.113.16/32", scope="public"
    )
    from kelola.core.errors import KelolaError

    with pytest.raises(KelolaError, match="penuh"):
        requesting.request_approve(plan.request, actor=plan.users["gcio"], prefix=tiny)
    plan.request.refresh_from_db()
    assert plan.request.status == "submitted" and not IpAddress.objects.filter(prefix=tiny).exists()
    # the OPD may withdraw it while it waits
    requesting.request_withdraw(plan.request, actor=plan.users["agency_head"])
    assert plan.request.status == "withdrawn"


def test_api_crud_for_the_team(plan, api_for):
    api = api_for(plan.users["datacenter"])
    created = api.post("/api/v1/prefixes/", {"network": "2001:db8:10::/64", "scope": "public"}, format="json")
    assert created.status_code == 201 and created.json()["family"] == 6
    dup = api.post("/api/v1/prefixes/", {"network": "2001:db8:10::/64", "scope": "public"}, format="json")
    assert dup.status_code == 409 and dup.json()["code"] == "conflict"
    nxt = api.post(
        f"/api/v1/prefixes/{created.json()['id']}/next-free/", {"assigned_to": "vm-6"}, format="json"
    )
    assert nxt.status_code == 201 and nxt.json()["address"] == "2001:db8:10::"
    ip = api.post(
        "/api/v1/ip-addresses/",
        {"prefix": plan.lan.pk, "address": "10.20.0.10", "status": "allocated"},
        format="json",
    )
    assert ip.status_code == 409 and "sudah terdaftar" in ip.json()["detail"]
    vlan = api.post("/api/v1/vlans/", {"vid": 99, "name": "Tamu"}, format="json")
    assert vlan.status_code == 201
    assert api.delete(f"/api/v1/ip-addresses/{plan.ip.pk}/").status_code == 204
    assert api.get("/api/v1/prefixes/?family=6").json()["count"] == 1
