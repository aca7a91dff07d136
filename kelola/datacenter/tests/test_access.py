"""Who sees and changes the data-center register, on the pages and the API: the data-center and
infrastructure teams, the GCIO and the pemda administrator manage their pemda's; an auditor
reads; an OPD reads its own devices only (with their rack and data center by name) and none of
the facilities; another OPD, another pemda and an account without a role get 404."""

import pytest

from kelola.core.models import AuditEntry
from kelola.datacenter import services
from kelola.datacenter.models import DataCenter, Device, PowerFeed, Rack, Room

pytestmark = pytest.mark.django_db
MANAGERS = ["datacenter", "infrastructure", "gcio", "pemda_admin"]


def table(response) -> str:
    """The register table of a list page (the filter form lists choices too)."""
    return response.content.decode().split('id="register-table"', 1)[1]


def urls(dc) -> list[str]:
    return [
        "/pusat-data/",
        "/pusat-data/tambah/",
        f"/pusat-data/{dc.datacenter.pk}/",
        f"/pusat-data/{dc.datacenter.pk}/ubah/",
        "/pusat-data/ruang/",
        f"/pusat-data/ruang/{dc.room.pk}/",
        f"/pusat-data/ruang/tambah/?datacenter={dc.datacenter.pk}",
        "/pusat-data/rak/",
        f"/pusat-data/rak/{dc.rack.pk}/",
        f"/pusat-data/rak/{dc.rack.pk}/elevasi/",
        f"/pusat-data/rak/{dc.rack.pk}/ubah/",
        f"/pusat-data/catu-daya/tambah/?rack={dc.rack.pk}",
        f"/pusat-data/catu-daya/{dc.feed_a.pk}/ubah/",
        "/pusat-data/perangkat/",
        "/pusat-data/perangkat/tambah/",
        f"/pusat-data/perangkat/{dc.server.pk}/",
        f"/pusat-data/perangkat/{dc.server.pk}/ubah/",
        f"/pusat-data/perangkat/{dc.hypervisor.pk}/",
        "/pusat-data/kapasitas/",
    ]


def test_pages_for_the_datacenter_team(dc, client_for):
    for role in MANAGERS:
        client = client_for(dc.users[role])
        for url in urls(dc):
            assert client.get(url).status_code == 200, (role, url)
    client = client_for(dc.users["datacenter"])
    racks = table(client.get("/pusat-data/rak/"))
    assert "R01" in racks and "R02" in racks and "18 %" in racks.replace(",0", "")
    devices = table(client.get("/pusat-data/perangkat/?kind=vm"))
    assert "vm-simpus" in devices and "vm-dapodik" in devices and "srv-simpeg-01" not in devices
    search = table(client.get("/pusat-data/perangkat/?q=SN-SIMPEG"))
    assert "srv-simpeg-01" in search and "hv-01" not in search
    by_rack = table(client.get(f"/pusat-data/perangkat/?rack={dc.rack.pk}&agency={dc.health.pk}"))
    assert "srv-simpeg-01" in by_rack and "vm-simpus" not in by_rack
    export = client.get("/pusat-data/perangkat/?export=csv&origin=colocation")
    body = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and "srv-simpeg-01" in body and "SN-SIMPEG-1" in body
    assert "hv-01" not in body
    rack_export = client.get("/pusat-data/rak/?export=xlsx")
    assert rack_export.status_code == 200 and rack_export["Content-Type"].startswith("application/vnd")
    assert client.get("/pusat-data/?export=csv").status_code == 200
    host = client.get(f"/pusat-data/perangkat/{dc.hypervisor.pk}/").content.decode()
    assert "vm-simpus" in host and "vm-dapodik" in host and "Pindahkan" in host


def test_the_elevation_page(dc, client_for):
    page = client_for(dc.users["infrastructure"]).get(f"/pusat-data/rak/{dc.rack.pk}/elevasi/")
    html = page.content.decode()
    assert "Elevasi rak R01" in html
    # units from the top down, each device once, spanning its units
    assert html.index(">U42<") < html.index(">U21<") < html.index(">U10<") < html.index(">U1<")
    assert 'rowspan="2" class="device kind-server" data-unit-top="21"' in html
    assert 'rowspan="2" class="device kind-server" data-unit-top="11"' in html
    assert "srv-simpeg-01" in html and "Dinkes" in html and "U10-U11" in html
    assert html.count('class="free"') == 42 - 4
    assert "Keterangan" in html and "Unit bebas" in html and "data-print" in html
    assert f"/pusat-data/perangkat/tambah/?rack={dc.rack.pk}&amp;position=42" in html
    # the auditor reads it without the "place here" links
    audit = client_for(dc.users["auditor"]).get(f"/pusat-data/rak/{dc.rack.pk}/elevasi/").content.decode()
    assert "srv-simpeg-01" in audit and "perangkat/tambah/" not in audit


def test_the_team_creates_edits_places_and_deletes_on_the_pages(dc, client_for):
    client = client_for(dc.users["datacenter"])
    response = client.post(
        "/pusat-data/perangkat/tambah/",
        {
            "name": "srv-ekinerja",
            "kind": "server",
            "status": "active",
            "origin": "colocation",
            "agency": dc.education.pk,
            "rack": dc.rack.pk,
            "position": 11,
            "u_height": 1,
            "power_draw_watt": 300,
        },
    )
    assert response.status_code == 409
    assert "Unit U11 rak R01 sudah dipakai oleh srv-simpeg-01." in response.content.decode()
    response = client.post(
        "/pusat-data/perangkat/tambah/",
        {
            "name": "srv-ekinerja",
            "kind": "server",
            "status": "active",
            "origin": "colocation",
            "agency": dc.education.pk,
            "rack": dc.rack.pk,
            "position": 12,
            "u_height": 1,
            "power_draw_watt": 300,
        },
    )
    assert response.status_code == 302
    device = Device.objects.get(name="srv-ekinerja")
    assert (device.pemda, device.datacenter, device.position) == (dc.pemda, dc.datacenter, 12)
    taken = client.post(f"/pusat-data/perangkat/{device.pk}/pindah/", {"rack": dc.rack.pk, "position": 20})
    assert taken.status_code == 302
    device.refresh_from_db()
    assert device.position == 12
    moved = client.post(
        f"/pusat-data/perangkat/{device.pk}/pindah/", {"rack": dc.spare_rack.pk, "position": 5}
    )
    assert moved.status_code == 302
    device.refresh_from_db()
    assert (device.rack, device.position) == (dc.spare_rack, 5)
    assert client.post(f"/pusat-data/perangkat/{device.pk}/hapus/").status_code == 302
    assert not Device.objects.filter(pk=device.pk).exists()
    assert (
        client.post("/pusat-data/tambah/", {"name": "DRC", "code": "DRC", "kind": "backup"}).status_code
        == 302
    )
    drc = DataCenter.objects.get(code="DRC")
    assert (
        client.post("/pusat-data/ruang/tambah/", {"datacenter": drc.pk, "name": "R-DRC"}).status_code == 302
    )
    room = Room.objects.get(name="R-DRC")
    rack_form = {
        "room": room.pk,
        "name": "D01",
        "u_height": 42,
        "max_power_watt": 4000,
        "warning_percent": 75,
    }
    assert client.post("/pusat-data/rak/tambah/", rack_form).status_code == 302
    rack = Rack.objects.get(name="D01")
    feed = {"rack": rack.pk, "name": "PDU-A", "voltage": 220, "amperage": 16, "max_utilisation": 80}
    assert client.post("/pusat-data/catu-daya/tambah/", feed).status_code == 302
    feed_row = PowerFeed.objects.get(rack=rack)
    assert client.post(f"/pusat-data/catu-daya/{feed_row.pk}/hapus/").status_code == 302
    assert not PowerFeed.objects.filter(pk=feed_row.pk).exists()
    refused = client.post(f"/pusat-data/rak/{dc.rack.pk}/hapus/", follow=True)
    assert (
        "masih berisi 2 perangkat" in refused.content.decode() and Rack.objects.filter(pk=dc.rack.pk).exists()
    )
    assert AuditEntry.objects.filter(action="create", object_repr="srv-ekinerja").exists()


def test_an_opd_sees_only_its_own_devices(dc, client_for, api_for):
    operator = dc.users["agency_operator"]  # Dinas Kesehatan
    client = client_for(operator)
    response = client.get("/pusat-data/perangkat/")
    listing = table(response)
    assert "srv-simpeg-01" in listing and "vm-simpus" in listing and "vm-dapodik" not in listing
    # the host of its VM is named, but neither listed nor offered as a filter
    assert f"/pusat-data/perangkat/{dc.hypervisor.pk}/" not in listing
    assert "vm-dapodik" not in response.content.decode() and 'name="rack"' not in response.content.decode()
    page = client.get(f"/pusat-data/perangkat/{dc.server.pk}/").content.decode()
    # the rack and data center by name, not as links to pages they may not open
    assert "Pusat Data Kota Contoh" in page and "R01" in page
    assert f"/pusat-data/rak/{dc.rack.pk}/" not in page and f"/pusat-data/{dc.datacenter.pk}/" not in page
    assert "Pindahkan" not in page
    vm_page = client.get(f"/pusat-data/perangkat/{dc.vm.pk}/").content.decode()
    assert "hv-01" in vm_page and f"/pusat-data/perangkat/{dc.hypervisor.pk}/" not in vm_page
    for url in (
        f"/pusat-data/perangkat/{dc.other_vm.pk}/",
        f"/pusat-data/perangkat/{dc.hypervisor.pk}/",
        f"/pusat-data/{dc.datacenter.pk}/",
        f"/pusat-data/ruang/{dc.room.pk}/",
        f"/pusat-data/rak/{dc.rack.pk}/",
        f"/pusat-data/rak/{dc.rack.pk}/elevasi/",
    ):
        assert client.get(url).status_code == 404, url
    assert "R01" not in table(client.get("/pusat-data/rak/"))
    assert client.get("/pusat-data/kapasitas/").status_code == 403
    assert client.get("/pusat-data/perangkat/tambah/").status_code == 403
    assert client.get(f"/pusat-data/perangkat/{dc.server.pk}/ubah/").status_code == 403
    api = api_for(operator)
    assert sorted(d["name"] for d in api.get("/api/v1/devices/").json()["results"]) == [
        "srv-simpeg-01",
        "vm-simpus",
    ]
    mine = api.get(f"/api/v1/devices/{dc.server.pk}/").json()
    assert (mine["rack_name"], mine["datacenter_name"]) == ("R01", "Pusat Data Kota Contoh")
    for path in ("datacenters", "rooms", "racks", "power-feeds"):
        assert api.get(f"/api/v1/{path}/").json()["count"] == 0, path
    assert api.get(f"/api/v1/racks/{dc.rack.pk}/elevation/").status_code == 404


def test_an_opd_cannot_change_anything(dc, client_for, api_for):
    for user in (dc.users["agency_operator"], dc.users["agency_head"], dc.users["agency_it_officer"]):
        client, api = client_for(user), api_for(user)
        assert client.post(f"/pusat-data/perangkat/{dc.server.pk}/pindah/", {"rack": ""}).status_code == 403
        assert client.get(f"/pusat-data/perangkat/{dc.server.pk}/hapus/").status_code == 403
        client.post(f"/pusat-data/perangkat/{dc.server.pk}/hapus/")  # refused by the service
        assert (
            api.patch(f"/api/v1/devices/{dc.server.pk}/", {"position": 30}, format="json").status_code == 403
        )
        assert api.delete(f"/api/v1/devices/{dc.server.pk}/").status_code == 403
        created = api.post(
            "/api/v1/devices/", {"name": "srv-liar", "agency": dc.health.pk, "kind": "server"}, format="json"
        )
        assert created.status_code == 403
        assert api.post("/api/v1/datacenters/", {"name": "X", "code": "X"}, format="json").status_code == 403
    dc.server.refresh_from_db()
    assert (dc.server.rack, dc.server.position) == (dc.rack, 10)
    assert not Device.objects.filter(name="srv-liar").exists()
    assert AuditEntry.objects.filter(action="refused", changes__code="forbidden").exists()


@pytest.mark.parametrize("who", ["other_agency_operator", "other_pemda_gcio", "no_role"])
def test_outsiders_get_404(dc, client_for, api_for, who):
    user = getattr(dc, who)
    client, api = client_for(user), api_for(user)
    for url in (
        f"/pusat-data/perangkat/{dc.server.pk}/",
        f"/pusat-data/perangkat/{dc.vm.pk}/",
        f"/pusat-data/{dc.datacenter.pk}/",
        f"/pusat-data/rak/{dc.rack.pk}/",
        f"/pusat-data/rak/{dc.rack.pk}/elevasi/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/pusat-data/perangkat/{dc.server.pk}/pindah/", {"rack": ""}).status_code == 404
    for url in (
        f"/api/v1/devices/{dc.server.pk}/",
        f"/api/v1/datacenters/{dc.datacenter.pk}/",
        f"/api/v1/racks/{dc.rack.pk}/",
        f"/api/v1/racks/{dc.rack.pk}/elevation/",
        f"/api/v1/rooms/{dc.room.pk}/",
        f"/api/v1/power-feeds/{dc.feed_a.pk}/",
    ):
        assert api.get(url).status_code == 404, url
    assert api.delete(f"/api/v1/devices/{dc.server.pk}/").status_code == 404
    names = [d["name"] for d in api.get("/api/v1/devices/").json()["results"]]
    assert "srv-simpeg-01" not in names and "vm-simpus" not in names
    capacity = client.get("/pusat-data/kapasitas/")
    # staff of another pemda see their own warnings only; others are refused
    assert capacity.status_code == (200 if who == "other_pemda_gcio" else 403)


def test_another_opd_sees_its_own_vm_only(dc, client_for):
    client = client_for(dc.other_agency_operator)  # Dinas Pendidikan
    assert client.get(f"/pusat-data/perangkat/{dc.other_vm.pk}/").status_code == 200
    listing = table(client.get("/pusat-data/perangkat/"))
    assert "vm-dapodik" in listing and "vm-simpus" not in listing


def test_the_other_pemda_manages_only_its_own(dc, api_for):
    api = api_for(dc.other_pemda_admin)
    assert [d["name"] for d in api.get("/api/v1/devices/").json()["results"]] == ["srv-lain-01"]
    assert [r["id"] for r in api.get("/api/v1/racks/").json()["results"]] == [dc.other_rack.pk]
    # a rack of pemda A is "does not exist" to pemda B
    moved = api.patch(f"/api/v1/devices/{dc.other_server.pk}/", {"rack": dc.rack.pk}, format="json")
    assert moved.status_code == 400 and "rack" in moved.json()["errors"]


def test_an_auditor_reads_but_does_not_change(dc, client_for, api_for):
    auditor = dc.users["auditor"]
    client = client_for(auditor)
    assert client.get(f"/pusat-data/perangkat/{dc.other_vm.pk}/").status_code == 200
    assert client.get("/pusat-data/kapasitas/").status_code == 200
    assert client.get("/pusat-data/perangkat/tambah/").status_code == 403
    assert client.get(f"/pusat-data/rak/{dc.rack.pk}/ubah/").status_code == 403
    api = api_for(auditor)
    assert api.get("/api/v1/devices/").json()["count"] == 4
    assert api.delete(f"/api/v1/power-feeds/{dc.feed_b.pk}/").status_code == 403
    assert api.patch(f"/api/v1/racks/{dc.rack.pk}/", {"name": "X"}, format="json").status_code == 403


def test_api_crud_and_refusals_for_the_team(dc, api_for):
    api = api_for(dc.users["datacenter"])
    created = api.post(
        "/api/v1/devices/",
        {
            "name": "srv-bpbd",
            "agency": dc.education.pk,
            "kind": "server",
            "rack": dc.rack.pk,
            "position": 21,
            "u_height": 1,
        },
        format="json",
    )
    assert created.status_code == 409
    body = created.json()
    assert body["code"] == "conflict" and body["detail"] == "Unit U21 rak R01 sudah dipakai oleh hv-01."
    assert body["errors"]["position"] == [body["detail"]]
    created = api.post(
        "/api/v1/devices/",
        {"name": "srv-bpbd", "agency": dc.education.pk, "kind": "server", "rack": dc.rack.pk, "position": 25},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["datacenter"] == dc.datacenter.pk and created.json()["pemda"] == dc.pemda.pk
    pk = created.json()["id"]
    vm = api.post("/api/v1/devices/", {"name": "vm-x", "agency": dc.health.pk, "kind": "vm"}, format="json")
    assert vm.status_code == 400 and "host" in vm.json()["errors"]
    over = api.patch(f"/api/v1/devices/{pk}/", {"power_draw_watt": 9000}, format="json")
    assert over.status_code == 409 and "melebihi batas" in over.json()["detail"]
    assert api.get("/api/v1/devices/?kind=vm").json()["count"] == 2
    assert api.get(f"/api/v1/devices/?rack={dc.rack.pk}&status=active").json()["count"] == 3
    assert api.get(f"/api/v1/devices/?agency={dc.education.pk}").json()["count"] == 2
    rack = api.get(f"/api/v1/racks/{dc.rack.pk}/").json()
    assert rack["usage"]["units_used"] == 5 and rack["usage"]["power_drawn_watt"] == 900
    assert api.get("/api/v1/racks/?warning=true").json()["count"] == 0
    refused = api.delete(f"/api/v1/racks/{dc.rack.pk}/")
    assert refused.status_code == 409 and "masih berisi 3 perangkat" in refused.json()["detail"]
    assert api.delete(f"/api/v1/devices/{pk}/").status_code == 204
    made = api.post(
        "/api/v1/datacenters/", {"name": "DRC", "code": "DRC-01", "kind": "backup"}, format="json"
    )
    assert made.status_code == 201
    dup = api.post("/api/v1/datacenters/", {"name": "DRC 2", "code": "DRC-01"}, format="json")
    assert dup.status_code == 400 and "sudah dipakai" in dup.json()["detail"]
    room = api.post("/api/v1/rooms/", {"datacenter": made.json()["id"], "name": "Ruang A"}, format="json")
    assert room.status_code == 201
    rack = api.post("/api/v1/racks/", {"room": room.json()["id"], "name": "D01"}, format="json")
    assert rack.status_code == 201 and rack.json()["usage"]["units_free"] == 42
    feed = api.post("/api/v1/power-feeds/", {"rack": rack.json()["id"], "name": "PDU-A"}, format="json")
    assert feed.status_code == 201 and feed.json()["capacity_watt"] == 2816


def test_the_elevation_api(dc, api_for):
    body = api_for(dc.users["gcio"]).get(f"/api/v1/racks/{dc.rack.pk}/elevation/").json()
    assert (body["name"], body["u_height"], len(body["units"])) == ("R01", 42, 42)
    assert body["units"][0]["unit"] == 42 and body["units"][-1]["unit"] == 1
    top = body["units"][42 - 21]
    assert top["unit"] == 21 and top["starts"] and top["span"] == 2 and top["device"]["name"] == "hv-01"
    below = body["units"][42 - 20]
    assert below["occupied"] and not below["starts"] and below["device"] is None
    assert body["units"][0] == {"unit": 42, "occupied": False, "starts": False, "span": 1, "device": None}
    assert body["usage"]["units_used"] == 4 and body["unmounted"] == []


def test_dashboard_card_for_the_team(dc, client_for):
    services.device_create(
        actor=dc.users["datacenter"],
        pemda=dc.pemda,
        agency=dc.it_office,
        name="san-01",
        kind="storage",
        rack=dc.rack,
        position=30,
        power_draw_watt=1500,
    )
    home = client_for(dc.users["datacenter"]).get("/").content.decode()
    assert "Rak melewati ambang kapasitas" in home
    assert (
        "Rak melewati ambang kapasitas"
        not in client_for(dc.users["agency_operator"]).get("/").content.decode()
    )
    page = client_for(dc.users["datacenter"]).get("/pusat-data/kapasitas/").content.decode()
    assert "Rak R01" in page and "ambang 80%" in page
    warned = client_for(dc.users["gcio"]).get("/pusat-data/rak/?warning=true").content.decode()
    assert "R01" in warned and "R02" not in warned and "Peringatan" in warned
