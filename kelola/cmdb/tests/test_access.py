"""Who sees the configuration graph and who records relations, on the pages and the API: the IT
office's operational staff, the GCIO, the pemda administrator and the auditor see the pemda's
graph; an OPD sees its own items (the rest only counted); only the data-center and
infrastructure teams add and remove manual relations; another OPD, another pemda, a vendor and
an account without a role get nothing."""

import pytest

from kelola.cmdb.models import ConfigurationItem, Relation
from kelola.servicedesk.models import Ticket

from .test_sync import item

pytestmark = pytest.mark.django_db
READERS = ["datacenter", "infrastructure", "helpdesk", "it_support", "gcio", "pemda_admin", "auditor"]
OUTSIDERS = ["vendor", "executive", "reviewer"]


def test_pages_for_the_pemda_readers(graph_world, client_for):
    g = graph_world.g
    rack = item(g.rack1)
    for role in READERS:
        client = client_for(graph_world.users[role])
        for url in (
            "/cmdb/",
            f"/cmdb/{rack.pk}/",
            "/cmdb/relasi/",
            "/cmdb/?kind=rack",
            "/cmdb/relasi/?origin=derived",
        ):
            assert client.get(url).status_code == 200, (role, url)
    page = client_for(graph_world.users["helpdesk"]).get(f"/cmdb/{rack.pk}/").content.decode()
    assert "Apa yang terdampak bila ini gagal" in page and "Bergantung pada apa" in page
    assert "Layanan Dapodik" in page and "Sistem Rahasia" not in page and "1 item lain" in page
    assert "Tambah relasi" not in page
    gcio_page = client_for(graph_world.users["gcio"]).get(f"/cmdb/{rack.pk}/?kedalaman=2").content.decode()
    assert "Sistem Rahasia" not in gcio_page and "dibatasi 2 tingkat" in gcio_page
    export = client_for(graph_world.users["auditor"]).get("/cmdb/?export=csv&kind=service")
    content = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and "Layanan SIMPUS" in content and "srv-01" not in content
    assert client_for(graph_world.users["gcio"]).get("/cmdb/relasi/?export=xlsx").status_code == 200
    search = client_for(graph_world.users["datacenter"]).get("/cmdb/?q=simpus").content.decode()
    assert "vm-simpus" in search and "srv-02" not in search


def test_search_by_ip_address(graph_world, client_for):
    from kelola.network import services as ipam

    actor = graph_world.users["datacenter"]
    prefix = ipam.prefix_create(actor=actor, pemda=graph_world.pemda, network="10.9.0.0/24", scope="private")
    address = ipam.address_create(actor=actor, prefix=prefix, address="10.9.0.7", assigned_to="srv-02")
    from kelola.network.models import IpAddress

    IpAddress.objects.filter(pk=address.pk).update(device=graph_world.g.server2)
    page = client_for(actor).get("/cmdb/?q=10.9.0.7").content.decode()
    assert "srv-02" in page and "srv-01" not in page
    detail = client_for(actor).get(f"/cmdb/{item(graph_world.g.server2).pk}/").content.decode()
    assert "10.9.0.7" in detail


def test_an_opd_sees_its_own_items_only(graph_world, client_for, api_for):
    g = graph_world.g
    operator = graph_world.users["agency_operator"]  # Dinas Kesehatan
    client = client_for(operator)
    listing = client.get("/cmdb/").content.decode()
    assert "Layanan SIMPUS" in listing and "vm-simpus" in listing
    assert "Dapodik" not in listing and "srv-01" not in listing
    page = client.get(f"/cmdb/{item(g.vm_health).pk}/").content.decode()
    assert "Layanan SIMPUS" in page and "srv-01" not in page and "item lain" in page
    for other in (g.rack1, g.school_service, g.other_server):
        assert client.get(f"/cmdb/{item(other).pk}/").status_code == 404
    assert client.get("/cmdb/relasi/").status_code == 200  # their own relations
    api = api_for(operator)
    names = {row["name"] for row in api.get("/api/v1/configuration-items/").json()["results"]}
    assert names == {"Layanan SIMPUS", "SIMPUS", "Sistem Rahasia", "vm-simpus"}
    impact = api.get(f"/api/v1/configuration-items/{item(g.simpus).pk}/impact/").json()
    assert [n["name"] for n in impact["items"]] == ["Layanan SIMPUS"] and impact["hidden_count"] == 2
    deps = api.get(f"/api/v1/configuration-items/{item(g.simpus_service).pk}/dependencies/").json()
    assert [n["name"] for n in deps["items"]] == ["SIMPUS", "vm-simpus"] and deps["hidden_count"] == 3
    assert all(n["parent"] in (None, item(g.simpus).pk) for n in deps["items"])
    relations = api.get("/api/v1/configuration-relations/").json()["results"]
    assert {(r["source_name"], r["target_name"]) for r in relations} == {
        ("SIMPUS", "vm-simpus"),
        ("Sistem Rahasia", "vm-simpus"),
        ("Layanan SIMPUS", "SIMPUS"),
    }
    assert api.get(f"/api/v1/configuration-items/{item(g.rack1).pk}/impact/").status_code == 404


@pytest.mark.parametrize("who", ["other_agency_operator", "other_pemda_gcio", "no_role", *OUTSIDERS])
def test_outsiders_are_refused(graph_world, client_for, api_for, who):
    user = graph_world.users.get(who) or getattr(graph_world, who)
    g = graph_world.g
    client = client_for(user)
    for obj in (g.rack1, g.simpus, g.simpus_service):
        assert client.get(f"/cmdb/{item(obj).pk}/").status_code == 404
        assert api_for(user).get(f"/api/v1/configuration-items/{item(obj).pk}/impact/").status_code == 404
    assert "SIMPUS" not in client.get("/cmdb/").content.decode()
    relations = api_for(user).get("/api/v1/configuration-relations/").json()["results"]
    assert not {"SIMPUS", "srv-01"} & {
        name for r in relations for name in (r["source_name"], r["target_name"])
    }
    response = client.post(
        f"/cmdb/{item(g.server1).pk}/relasi/tambah/", {"kind": "connected_to", "target": item(g.switch).pk}
    )
    assert response.status_code in {403, 404}
    assert not Relation.objects.filter(origin="manual").exists()


def test_the_team_adds_and_removes_relations_on_the_pages(graph_world, client_for):
    g = graph_world.g
    client = client_for(graph_world.users["datacenter"])
    server, switch = item(g.server1), item(g.switch)
    page = client.get(f"/cmdb/{server.pk}/").content.decode()
    assert "Tambah relasi" in page
    form = client.get(f"/cmdb/{server.pk}/relasi/tambah/").content.decode()
    assert "sw-core" in form and "Sistem Rahasia" not in form and "srv-lain" not in form
    response = client.post(
        f"/cmdb/{server.pk}/relasi/tambah/",
        {"kind": "connected_to", "target": switch.pk, "note": "uplink", "both_ways": "on"},
    )
    assert response.status_code == 302 and response["Location"] == f"/cmdb/{server.pk}/"
    link = Relation.objects.get(source=server, target=switch, kind="connected_to")
    assert Relation.objects.filter(source=switch, target=server).exists()
    again = client.post(f"/cmdb/{server.pk}/relasi/tambah/", {"kind": "connected_to", "target": switch.pk})
    assert again.status_code == 409 and "sudah tercatat" in again.content.decode()
    wrong = client.post(
        f"/cmdb/{item(g.simpus).pk}/relasi/tambah/", {"kind": "connected_to", "target": switch.pk}
    )
    assert wrong.status_code == 400 and "dua server/perangkat" in wrong.content.decode()
    assert client.get(f"/cmdb/relasi/{link.pk}/hapus/").status_code == 200
    assert client.post(f"/cmdb/relasi/{link.pk}/hapus/").status_code == 302
    assert not Relation.objects.filter(pk=link.pk).exists()
    derived = Relation.objects.get(source=item(g.vm_health), kind="hosted_on")
    response = client.post(f"/cmdb/relasi/{derived.pk}/hapus/", follow=True)
    assert "register asalnya" in response.content.decode() and Relation.objects.filter(pk=derived.pk).exists()


def test_readers_who_do_not_manage_cannot_add(graph_world, client_for):
    g = graph_world.g
    manual = Relation.objects.create(
        pemda=graph_world.pemda,
        source=item(g.server1),
        target=item(g.switch),
        kind="connected_to",
        origin="manual",
    )
    for role in ["helpdesk", "gcio", "auditor", "agency_it_officer"]:
        client = client_for(graph_world.users[role])
        response = client.get(f"/cmdb/{item(g.server1).pk}/relasi/tambah/")
        assert response.status_code in {403, 404}, role
        assert client.post(f"/cmdb/relasi/{manual.pk}/hapus/").status_code in {302, 404}
        assert Relation.objects.filter(pk=manual.pk).exists(), role


def test_api_for_the_team(graph_world, api_for):
    g = graph_world.g
    api = api_for(graph_world.users["infrastructure"])
    listing = api.get("/api/v1/configuration-items/?kind=server").json()
    assert {r["name"] for r in listing["results"]} == {"srv-01", "srv-02"}
    assert listing["results"][0]["source_type"] == "datacenter.device"
    impact = api.get(f"/api/v1/configuration-items/{item(g.rack1).pk}/impact/?max_depth=3").json()
    assert impact["total"] == 5 and impact["hidden_count"] == 1 and impact["reached_limit"] is True
    assert {n["name"]: n["depth"] for n in impact["items"]}["SIMPUS"] == 3
    created = api.post(
        "/api/v1/configuration-relations/",
        {"source": item(g.server2).pk, "target": item(g.switch).pk, "kind": "connected_to", "note": "eth0"},
        format="json",
    )
    assert created.status_code == 201 and created.json()["origin"] == "manual"
    pk = created.json()["id"]
    duplicate = api.post(
        "/api/v1/configuration-relations/",
        {"source": item(g.server2).pk, "target": item(g.switch).pk, "kind": "connected_to"},
        format="json",
    )
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "conflict"
    derived = api.post(
        "/api/v1/configuration-relations/",
        {"source": item(g.server2).pk, "target": item(g.rack1).pk, "kind": "located_in"},
        format="json",
    )
    assert derived.status_code == 400
    foreign = api.post(
        "/api/v1/configuration-relations/",
        {"source": item(g.server2).pk, "target": item(g.other_server).pk, "kind": "connected_to"},
        format="json",
    )
    assert foreign.status_code == 400 and "target" in foreign.json()["errors"]
    patched = api.patch(f"/api/v1/configuration-relations/{pk}/", {"note": "eth1"}, format="json")
    assert patched.status_code == 200 and patched.json()["note"] == "eth1"
    moved = api.patch(f"/api/v1/configuration-relations/{pk}/", {"target": item(g.server1).pk}, format="json")
    assert moved.status_code == 400
    hosted = Relation.objects.get(source=item(g.vm_health), kind="hosted_on")
    assert api.delete(f"/api/v1/configuration-relations/{hosted.pk}/").status_code == 403
    assert api.delete(f"/api/v1/configuration-relations/{pk}/").status_code == 204


def test_api_refuses_readers_writes(graph_world, api_for):
    g = graph_world.g
    body = {"source": item(g.server2).pk, "target": item(g.switch).pk, "kind": "connected_to"}
    for role in ["helpdesk", "gcio", "auditor"]:
        response = api_for(graph_world.users[role]).post(
            "/api/v1/configuration-relations/", body, format="json"
        )
        assert response.status_code == 403, role
    assert (
        api_for(graph_world.users["agency_head"])
        .post("/api/v1/configuration-relations/", body, format="json")
        .status_code
        == 400
    )  # the items are not even visible to an OPD
    assert api_for().get("/api/v1/configuration-items/").status_code in {401, 403}
    assert not Relation.objects.filter(origin="manual").exists()
    assert ConfigurationItem.objects.count() == 16


def test_ticket_detail_shows_the_impact_panel(graph_world, client_for):
    g = graph_world.g
    ticket = Ticket.objects.create(
        pemda=graph_world.pemda,
        agency=graph_world.health,
        service=g.simpus_service,
        system=g.simpus,
        kind="incident",
        title="SIMPUS tidak dapat diakses",
        description="-",
        priority="p2",
    )
    helpdesk = client_for(graph_world.users["helpdesk"]).get(f"/layanan-ti/tiket/{ticket.pk}/")
    page = helpdesk.content.decode()
    assert helpdesk.status_code == 200 and "Dampak" in page and "Bila SIMPUS gagal" in page
    assert "Layanan SIMPUS" in page and "Dapodik Lokal" in page and "Lihat analisis dampak" in page
    operator = client_for(graph_world.users["agency_operator"]).get(f"/layanan-ti/tiket/{ticket.pk}/")
    text = operator.content.decode()
    assert operator.status_code == 200 and "Bila SIMPUS gagal" in text
    panel = text[text.index("Bila SIMPUS gagal") : text.index("Lihat analisis dampak")]
    assert "Layanan SIMPUS" in text and "Dapodik Lokal" not in panel and "+2 item lain" in panel
    quiet = Ticket.objects.create(
        pemda=graph_world.pemda,
        agency=graph_world.education,
        service=g.school_service,
        kind="request",
        title="Akun baru",
        description="-",
        priority="p4",
    )
    school = client_for(graph_world.users["helpdesk"]).get(f"/layanan-ti/tiket/{quiet.pk}/").content.decode()
    assert "Bila Layanan Dapodik gagal" in school and "Tidak ada layanan atau sistem lain" in school
