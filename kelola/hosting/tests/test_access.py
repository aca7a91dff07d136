"""Who sees and acts on hosting and VPS requests, on the pages and the API: the OPD sees its own
and files; the data-center team sees all of its pemda and takes the technical steps; the GCIO
decides; the help desk and auditors read; another OPD, another pemda and an account without a
role get 404 (or nothing in lists)."""

import datetime

import pytest

from kelola.hosting import hosting, vps
from kelola.hosting.choices import PHYSICAL_ITEMS
from kelola.hosting.models import HostingCheck, HostingRequest, VpsRenewal, VpsRequest

pytestmark = pytest.mark.django_db
READERS = ["datacenter", "gcio", "helpdesk", "it_support", "infrastructure", "pemda_admin", "auditor"]


@pytest.fixture
def filed(hub):
    hub.request = hosting.request_create(
        actor=hub.users["agency_operator"],
        agency=hub.health,
        kind="colocation",
        system=hub.system,
        letter_number="000.1/1/Dinkes/2026",
        letter_date=datetime.date(2026, 2, 1),
        server_brand="HPE DL380",
        u_height=2,
        power_watt=500,
    )
    hub.vps = vps.vps_create(
        actor=hub.users["agency_operator"], agency=hub.health, purpose="Portal", vcpus=2, memory_gb=4,
        storage_gb=50, operating_system="Debian 12",
    )  # fmt: skip
    return hub


def test_readers_see_every_request_of_their_pemda(filed, client_for, api_for):
    for role in READERS:
        client = client_for(filed.users[role])
        for url in (
            "/hosting/penitipan/",
            f"/hosting/penitipan/{filed.request.pk}/",
            "/hosting/vps/",
            f"/hosting/vps/{filed.vps.pk}/",
        ):
            assert client.get(url).status_code == 200, (role, url)
        api = api_for(filed.users[role])
        assert api.get("/api/v1/hosting-requests/").json()["count"] == 1, role
        assert api.get(f"/api/v1/vps-requests/{filed.vps.pk}/").status_code == 200, role
    listing = (
        client_for(filed.users["helpdesk"]).get("/hosting/penitipan/?q=Dinas+Kesehatan").content.decode()
    )
    assert "000.1/1/Dinkes/2026" in listing
    export = client_for(filed.users["gcio"]).get("/hosting/penitipan/?export=csv")
    assert export.status_code == 200 and b"000.1/1/Dinkes/2026" in b"".join(export.streaming_content)
    assert client_for(filed.users["auditor"]).get("/hosting/vps/?export=xlsx").status_code == 200


def test_the_opd_sees_its_own_and_nobody_else_does(filed, client_for, api_for):
    own = client_for(filed.users["agency_operator"])
    assert own.get(f"/hosting/penitipan/{filed.request.pk}/").status_code == 200
    assert own.get(f"/hosting/vps/{filed.vps.pk}/").status_code == 200
    assert api_for(filed.users["agency_head"]).get("/api/v1/vps-requests/").json()["count"] == 1
    outsiders = (
        filed.other_agency_operator,
        filed.other_pemda_gcio,
        filed.other_pemda_operator,
        filed.no_role,
    )
    for user in (*outsiders, filed.users["reviewer"], filed.users["vendor"]):
        client = client_for(user)
        assert client.get(f"/hosting/penitipan/{filed.request.pk}/").status_code == 404, user
        assert client.get(f"/hosting/vps/{filed.vps.pk}/").status_code == 404, user
        assert "000.1/1/Dinkes/2026" not in client.get("/hosting/penitipan/").content.decode()
        api = api_for(user)
        assert api.get("/api/v1/hosting-requests/").json()["count"] == 0, user
        assert api.get(f"/api/v1/vps-requests/{filed.vps.pk}/").status_code == 404, user
    assert api_for().get("/api/v1/hosting-requests/").status_code in (401, 403)


def test_the_opd_files_on_the_page_and_the_api(hub, client_for, api_for):
    client = client_for(hub.users["agency_it_officer"])
    assert client.get("/hosting/penitipan/ajukan/").status_code == 200
    response = client.post(
        "/hosting/penitipan/ajukan/",
        {"agency": hub.health.pk, "kind": "hosting", "system": hub.system.pk, "letter_number": "12/2026",
         "letter_date": "2026-03-01", "purpose": "Aplikasi antrean"},
    )  # fmt: skip
    assert response.status_code == 302
    refused = client.post(
        "/hosting/penitipan/ajukan/",
        {"agency": hub.health.pk, "kind": "backup", "system": hub.system.pk, "letter_number": "13/2026",
         "letter_date": "2026-03-01", "server_brand": "Dell"},
    )  # fmt: skip
    assert refused.status_code == 409 and "Ps.34" in refused.content.decode()
    api = api_for(hub.users["agency_operator"])
    created = api.post(
        "/api/v1/vps-requests/",
        {"agency": hub.health.pk, "purpose": "Web", "vcpus": 2, "memory_gb": 4, "storage_gb": 40,
         "operating_system": "Debian 12"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201 and created.json()["status"] == "submitted"
    other = api_for(hub.other_agency_operator).post(
        "/api/v1/hosting-requests/",
        {"agency": hub.health.pk, "kind": "hosting", "system": hub.system.pk, "letter_number": "1",
         "letter_date": "2026-03-01"},
        format="json",
    )  # fmt: skip
    assert other.status_code in (400, 403)
    assert HostingRequest.objects.count() == 1 and VpsRequest.objects.count() == 1
    for user in (hub.users["helpdesk"], hub.users["auditor"], hub.no_role):
        assert client_for(user).get("/hosting/vps/ajukan/").status_code == 403


def test_steps_on_the_page_and_the_api_per_role(filed, client_for, api_for):
    url = f"/hosting/penitipan/{filed.request.pk}/langkah/"
    client_for(filed.users["agency_operator"]).post(url, {"name": "review", "comment": "x"})
    filed.request.refresh_from_db()
    assert filed.request.status == "submitted"
    assert (
        client_for(filed.users["datacenter"]).post(url, {"name": "review", "comment": "ok"}).status_code
        == 302
    )
    filed.request.refresh_from_db()
    assert filed.request.status == "reviewed"
    api_url = f"/api/v1/hosting-requests/{filed.request.pk}/transition/"
    refused = api_for(filed.users["helpdesk"]).post(api_url, {"name": "classify_server"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    hidden = api_for(filed.other_pemda_gcio).post(api_url, {"name": "classify_server"}, format="json")
    assert hidden.status_code == 404
    ok = api_for(filed.users["datacenter"]).post(api_url, {"name": "classify_server"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "physical_check"
    checks = f"/api/v1/hosting-requests/{filed.request.pk}/checks/"
    assert (
        api_for(filed.users["gcio"]).post(checks, {"item": "rack", "passed": True}, format="json").status_code
        == 403
    )
    for item in PHYSICAL_ITEMS:
        answer = api_for(filed.users["datacenter"]).post(
            checks, {"item": item, "passed": True}, format="json"
        )
        assert answer.status_code == 201
    assert len(answer.json()["checks"]) == 5 and HostingCheck.objects.count() == 5
    page = client_for(filed.users["datacenter"])
    page.post(
        f"/hosting/penitipan/{filed.request.pk}/pemeriksaan/",
        {"item": "rack", "passed": "0", "note": "Penuh"},
    )
    assert HostingCheck.objects.get(item="rack").passed is False
    early = api_for(filed.users["datacenter"]).post(api_url, {"name": "install"}, format="json")
    assert early.status_code == 409


def test_vps_steps_and_renewals_on_the_page_and_the_api(filed, client_for, api_for):
    url = f"/hosting/vps/{filed.vps.pk}/langkah/"
    client_for(filed.users["agency_operator"]).post(url, {"name": "approve"})
    filed.vps.refresh_from_db()
    assert filed.vps.status == "submitted"
    client_for(filed.users["datacenter"]).post(url, {"name": "approve"})
    client_for(filed.users["datacenter"]).post(
        url, {"name": "provision", "host": filed.host.pk, "prefix": filed.lan.pk, "device_name": "vps-a"}
    )
    filed.vps.refresh_from_db()
    assert filed.vps.status == "provisioned" and filed.vps.address.address == "10.50.0.1"
    page = client_for(filed.users["agency_operator"]).get(f"/hosting/vps/{filed.vps.pk}/").content.decode()
    assert "10.50.0.1" in page and "Ajukan perpanjangan" in page
    client_for(filed.users["agency_operator"]).post(
        f"/hosting/vps/{filed.vps.pk}/perpanjangan/", {"months": "6", "reason": "Masih dipakai"}
    )
    renewal = VpsRenewal.objects.get()
    assert api_for(filed.users["agency_operator"]).get("/api/v1/vps-renewals/").json()["count"] == 1
    assert api_for(filed.other_agency_operator).get("/api/v1/vps-renewals/").json()["count"] == 0
    decision = f"/api/v1/vps-renewals/{renewal.pk}/decision/"
    assert (
        api_for(filed.users["agency_head"]).post(decision, {"approve": True}, format="json").status_code
        == 403
    )
    answer = api_for(filed.users["datacenter"]).post(decision, {"approve": True}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "approved"
    api_renew = api_for(filed.users["agency_operator"]).post(
        "/api/v1/vps-renewals/", {"vps": filed.vps.pk, "months": 3, "reason": "Lagi"}, format="json"
    )
    assert api_renew.status_code == 201
    foreign = api_for(filed.other_agency_operator).post(
        "/api/v1/vps-renewals/", {"vps": filed.vps.pk, "months": 3, "reason": "x"}, format="json"
    )
    assert foreign.status_code == 400  # their scope does not hold this VPS


def test_dashboard_cards_show_what_waits_on_each_role(filed, client_for):
    from kelola.hosting.dashboard import cards

    assert [c.value for c in cards(filed.users["datacenter"])] == [1, 1]
    assert cards(filed.users["gcio"])[0].title.startswith("Permintaan VPS")
    assert cards(filed.users["helpdesk"]) == [] and cards(filed.other_pemda_gcio) == []
    page = client_for(filed.users["datacenter"]).get("/hosting/penitipan/?waiting=true").content.decode()
    assert "000.1/1/Dinkes/2026" in page
