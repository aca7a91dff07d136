"""Who sees and does what, on the pages and the API: an OPD sees its own requests, needs,
allocation and usage and files requests; the network team sees all of its pemda and takes the
steps the SOP gives each role; auditors read; another OPD, another pemda and an account without
a role get 404 (or an empty list)."""

import datetime
import io

import pytest
from django.utils import timezone

from kelola.connectivity import connection, events
from kelola.connectivity.models import (
    BandwidthAllocation,
    BandwidthCapacity,
    BandwidthNeed,
    BandwidthUsage,
    ConnectionPointRequest,
    EventNetworkRequest,
)

pytestmark = pytest.mark.django_db
TEAM = ["helpdesk", "it_support", "infrastructure", "datacenter", "gcio", "pemda_admin", "auditor"]


@pytest.fixture
def setup(conn, bw):
    conn.usage = BandwidthUsage.objects.create(
        pemda=conn.pemda, agency=conn.health, period=datetime.date(2026, 3, 2), avg_mbps=5, peak_mbps=10
    )
    return conn


def detail_urls(w):
    return [
        f"/konektivitas/titik-koneksi/{w.point.pk}/",
        f"/konektivitas/acara/{w.event.pk}/",
        f"/konektivitas/bandwidth/kebutuhan/{w.need.pk}/",
        f"/konektivitas/bandwidth/alokasi/{w.allocation.pk}/",
        f"/konektivitas/bandwidth/pemakaian/{w.usage.pk}/",
    ]


LISTS = [
    "/konektivitas/titik-koneksi/",
    "/konektivitas/acara/",
    "/konektivitas/bandwidth/kebutuhan/",
    "/konektivitas/bandwidth/alokasi/",
    "/konektivitas/bandwidth/pemakaian/",
    "/konektivitas/bandwidth/laporan/?bulan=2026-03",
]


def test_the_network_team_sees_every_page(setup, client_for):
    for role in TEAM:
        client = client_for(setup.users[role])
        for url in [*LISTS, *detail_urls(setup), "/konektivitas/bandwidth/kapasitas/"]:
            assert client.get(url).status_code == 200, (role, url)
    client = client_for(setup.users["gcio"])
    page = client.get("/konektivitas/titik-koneksi/").content.decode()
    assert "Gedung Dinkes" in page
    export = client.get("/konektivitas/acara/?export=csv&status=submitted")
    assert export.status_code == 200 and b"Musrenbang" in b"".join(export.streaming_content)
    assert client.get("/konektivitas/bandwidth/pemakaian/?export=xlsx").status_code == 200
    report = client.get("/konektivitas/bandwidth/laporan/?bulan=2026-03&export=csv")
    body = b"".join(report.streaming_content).decode()
    assert "Dinas Kesehatan" in body and "Kurang dimanfaatkan" in body
    search = client.get("/konektivitas/acara/?q=tidak-ada").content.decode()
    assert "Musrenbang" not in search


def test_steps_shown_to_the_role_that_takes_them(setup, client_for):
    page = client_for(setup.users["helpdesk"]).get(f"/konektivitas/titik-koneksi/{setup.point.pk}/")
    assert "Terbitkan WO ke IT Support" in page.content.decode()
    page = client_for(setup.users["it_support"]).get(f"/konektivitas/titik-koneksi/{setup.point.pk}/")
    assert "Terbitkan WO ke IT Support" not in page.content.decode()
    page = client_for(setup.users["agency_operator"]).get(f"/konektivitas/titik-koneksi/{setup.point.pk}/")
    assert "Tarik permintaan" in page.content.decode()


def test_an_opd_sees_only_its_own(setup, client_for, api_for):
    operator = setup.users["agency_operator"]
    client = client_for(operator)
    for url in [*LISTS, *detail_urls(setup)]:
        assert client.get(url).status_code == 200, url
    assert client.get(f"/konektivitas/bandwidth/kapasitas/{setup.link.pk}/").status_code == 404
    api = api_for(operator)
    assert api.get("/api/v1/connection-point-requests/").json()["count"] == 1
    assert api.get("/api/v1/bandwidth-usage/").json()["count"] == 1
    assert api.get("/api/v1/bandwidth-capacities/").json()["count"] == 0
    rows = api.get("/api/v1/bandwidth-report/?month=2026-03").json()
    assert [r["agency_name"] for r in rows] == ["Dinas Kesehatan"] and rows[0]["usage_class"] == "under"
    # another OPD of the same pemda sees nothing of Dinas Kesehatan
    other = setup.other_agency_operator
    assert api_for(other).get("/api/v1/connection-point-requests/").json()["count"] == 0
    assert api_for(other).get("/api/v1/bandwidth-report/?month=2026-03").json() == []


def test_opd_files_requests_on_the_pages_and_the_api(setup, client_for, api_for):
    client = client_for(setup.users["agency_operator"])
    response = client.post(
        "/konektivitas/titik-koneksi/buat/",
        {
            "agency": setup.health.pk,
            "building": "Gedung C",
            "room": "R1",
            "points": 2,
            "purpose": "Meja baru",
        },
    )
    assert response.status_code == 302
    assert ConnectionPointRequest.objects.filter(
        building="Gedung C", requested_by__username="agency_operator"
    ).exists()
    bad = client.post(
        "/konektivitas/acara/buat/",
        {
            "agency": setup.health.pk,
            "name": "Rapat",
            "venue": "Aula",
            "start_at": "2026-05-01T10:00",
            "end_at": "2026-05-01T09:00",
            "participants": 5,
            "addresses_needed": 5,
            "needs_internet": "on",
        },
    )
    assert bad.status_code == 400 and "sesudah waktu mulai" in bad.content.decode()
    start = timezone.now() + datetime.timedelta(days=2)
    api = api_for(setup.users["agency_head"])
    filed = api.post(
        "/api/v1/event-network-requests/",
        {
            "agency": setup.health.pk,
            "name": "Bimtek",
            "venue": "Lab",
            "start_at": start.isoformat(),
            "end_at": (start + datetime.timedelta(hours=3)).isoformat(),
            "participants": 20,
            "addresses_needed": 0,
        },
        format="json",
    )
    assert filed.status_code == 400
    # another OPD's agency is "does not exist"
    other = api.post(
        "/api/v1/connection-point-requests/",
        {"agency": setup.other_health.pk, "building": "X", "purpose": "Y"},
        format="json",
    )
    assert other.status_code == 400
    refused = api_for(setup.other_agency_operator).post(
        "/api/v1/connection-point-requests/",
        {"agency": setup.health.pk, "building": "X", "purpose": "Y"},
        format="json",
    )
    assert refused.status_code == 403  # the agency is in the directory; filing for it is not theirs
    assert EventNetworkRequest.objects.count() == 1


def test_opd_cannot_take_the_teams_steps_or_keep_bandwidth(setup, client_for, api_for):
    for user in (setup.users["agency_operator"], setup.users["agency_head"]):
        client, api = client_for(user), api_for(user)
        client.post(f"/konektivitas/titik-koneksi/{setup.point.pk}/langkah/", {"name": "issue"})
        response = api.post(
            f"/api/v1/connection-point-requests/{setup.point.pk}/transition/",
            {"name": "issue"},
            format="json",
        )
        assert response.status_code == 403
        response = api.post(
            f"/api/v1/event-network-requests/{setup.event.pk}/transition/",
            {"name": "approve", "recommendation": "x"},
            format="json",
        )
        assert response.status_code == 403
        assert client.get("/konektivitas/bandwidth/alokasi/tambah/").status_code == 403
        assert client.get("/konektivitas/bandwidth/pemakaian/impor/").status_code == 403
        assert (
            api.patch(
                f"/api/v1/bandwidth-allocations/{setup.allocation.pk}/",
                {"committed_mbps": "90"},
                format="json",
            ).status_code
            == 403
        )
        upload = io.BytesIO(b"tanggal,kode,rata_rata_mbps,puncak_mbps\n2026-03-09,Dinkes,1,2\n")
        upload.name = "u.csv"
        assert (
            api.post(
                "/api/v1/bandwidth-usage/import/", {"file": upload, "file_format": "csv"}, format="multipart"
            ).status_code
            == 403
        )
    setup.point.refresh_from_db()
    assert setup.point.status == "submitted" and BandwidthUsage.objects.count() == 1
    assert BandwidthAllocation.objects.get(pk=setup.allocation.pk).committed_mbps == 40
    # its head may correct its own needs analysis
    head = api_for(setup.users["agency_head"])
    changed = head.patch(f"/api/v1/bandwidth-needs/{setup.need.pk}/", {"staff_users": 60}, format="json")
    assert changed.status_code == 200 and changed.json()["recommended_mbps"] == "36.00"


@pytest.mark.parametrize("who", ["other_agency_operator", "other_pemda_gcio", "no_role"])
def test_outsiders_get_404(setup, client_for, api_for, who):
    user = getattr(setup, who)
    client, api = client_for(user), api_for(user)
    for url in detail_urls(setup):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"/konektivitas/titik-koneksi/{setup.point.pk}/langkah/", {"name": "withdraw"}
        ).status_code
        == 404
    )
    assert (
        client.post(f"/konektivitas/acara/{setup.event.pk}/langkah/", {"name": "withdraw"}).status_code == 404
    )
    for endpoint, pk in [
        ("connection-point-requests", setup.point.pk),
        ("event-network-requests", setup.event.pk),
        ("bandwidth-needs", setup.need.pk),
        ("bandwidth-allocations", setup.allocation.pk),
        ("bandwidth-usage", setup.usage.pk),
        ("bandwidth-capacities", setup.link.pk),
    ]:
        assert api.get(f"/api/v1/{endpoint}/{pk}/").status_code == 404, endpoint
    assert (
        api.post(
            f"/api/v1/event-network-requests/{setup.event.pk}/transition/", {"name": "withdraw"}
        ).status_code
        == 404
    )
    assert api.get("/api/v1/bandwidth-usage/").json()["count"] == 0
    setup.point.refresh_from_db()
    setup.event.refresh_from_db()
    assert setup.point.status == "submitted" and setup.event.status == "submitted"


def test_roleless_and_outside_users_are_refused_the_report(setup, client_for, api_for):
    assert client_for(setup.no_role).get("/konektivitas/bandwidth/laporan/").status_code == 403
    assert api_for(setup.no_role).get("/api/v1/bandwidth-report/").status_code == 403
    assert api_for().get("/api/v1/bandwidth-report/").status_code in (401, 403)
    assert api_for(setup.other_pemda_gcio).get("/api/v1/bandwidth-report/?month=2026-03").json() == []


def test_the_team_works_requests_through_the_pages_and_the_api(setup, client_for, api_for):
    u = setup.users
    client_for(u["helpdesk"]).post(
        f"/konektivitas/titik-koneksi/{setup.point.pk}/langkah/", {"name": "issue"}
    )
    client_for(u["it_support"]).post(
        f"/konektivitas/titik-koneksi/{setup.point.pk}/langkah/",
        {"name": "survey", "survey_location": "Timur", "survey_points": "3", "survey_devices": "Switch"},
    )
    setup.point.refresh_from_db()
    assert setup.point.status == "surveyed" and setup.point.survey_devices == "Switch"
    api = api_for(u["it_support"])
    done = api.post(
        f"/api/v1/connection-point-requests/{setup.point.pk}/transition/",
        {"name": "recommend", "recommendation": "Switch baru"},
        format="json",
    )
    assert done.status_code == 200 and done.json()["status"] == "recommended"
    wrong = api.post(
        f"/api/v1/connection-point-requests/{setup.point.pk}/transition/", {"name": "install"}, format="json"
    )
    assert wrong.status_code == 409
    events.event_transition(setup.event, "approve", actor=u["it_support"], recommendation="AP tambahan")
    page = client_for(u["infrastructure"]).get(f"/konektivitas/acara/{setup.event.pk}/").content.decode()
    assert "Cadangkan alamat dari prefiks lokal" in page and "10.50.0.0/28" in page
    response = api_for(u["infrastructure"]).post(
        f"/api/v1/event-network-requests/{setup.event.pk}/transition/",
        {"name": "set_up", "prefix": setup.lan.pk},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["addresses"] == [f"10.50.0.{n}" for n in range(1, 6)]
    page = client_for(u["agency_operator"]).get(f"/konektivitas/acara/{setup.event.pk}/").content.decode()
    assert "10.50.0.1" in page
    dismantle = client_for(u["datacenter"]).post(
        f"/konektivitas/acara/{setup.event.pk}/langkah/", {"name": "dismantle"}
    )
    assert dismantle.status_code == 302
    setup.event.refresh_from_db()
    assert setup.event.status == "dismantled" and not setup.event.addresses.exists()
    assert connection.CONNECTION.get("approve").pemda_roles == {"infrastructure"}


def test_the_team_keeps_bandwidth_on_the_pages_and_the_api(setup, client_for, api_for):
    client = client_for(setup.users["infrastructure"])
    created = client.post(
        "/konektivitas/bandwidth/kapasitas/tambah/",
        {"name": "Cadangan", "provider": "ISP B", "capacity_mbps": "50", "valid_from": "2026-01-01"},
    )
    assert created.status_code == 302 and BandwidthCapacity.objects.count() == 2
    over = client.post(
        "/konektivitas/bandwidth/alokasi/tambah/",
        {"agency": setup.education.pk, "committed_mbps": "200", "valid_from": "2026-02-01"},
    )
    assert over.status_code == 409 and "melebihi kapasitas" in over.content.decode()
    fine = client.post(
        "/konektivitas/bandwidth/alokasi/tambah/",
        {"agency": setup.education.pk, "committed_mbps": "60", "valid_from": "2026-02-01"},
    )
    assert fine.status_code == 302
    api = api_for(setup.users["datacenter"])
    overlap = api.post(
        "/api/v1/bandwidth-allocations/",
        {"agency": setup.education.pk, "committed_mbps": "5", "valid_from": "2026-03-01"},
        format="json",
    )
    assert overlap.status_code == 409 and overlap.json()["code"] == "conflict"
    need = api.post(
        "/api/v1/bandwidth-needs/",
        {"agency": setup.education.pk, "year": 2026, "staff_users": 10, "requested_mbps": "20"},
        format="json",
    )
    assert need.status_code == 201 and need.json()["recommended_mbps"] == "5.00"
    upload = io.BytesIO(
        b"tanggal,kode,rata_rata_mbps,puncak_mbps\n2026-03-09,Disdik,50,61\n2026-03-10,X,1,1\n"
    )
    upload.name = "u.csv"
    imported = api.post(
        "/api/v1/bandwidth-usage/import/", {"file": upload, "file_format": "csv"}, format="multipart"
    )
    assert imported.status_code == 200, imported.json()
    assert (imported.json()["created"], imported.json()["failed"]) == (1, 1)
    assert imported.json()["over_use"] == [{"agency": "Dinas Pendidikan", "month": "2026-03"}]
    bad = io.BytesIO(b"tidak,ada,kolom\n1,2,3\n")
    bad.name = "bad.csv"
    refused = api.post(
        "/api/v1/bandwidth-usage/import/", {"file": bad, "file_format": "csv"}, format="multipart"
    )
    assert refused.status_code == 400 and "Kolom wajib" in refused.json()["detail"]


def test_import_page_reports_rows_and_offers_the_workbook(setup, client_for):
    client = client_for(setup.users["infrastructure"])
    assert client.get("/konektivitas/bandwidth/pemakaian/impor/").status_code == 200
    template = client.get("/konektivitas/bandwidth/pemakaian/impor/?templat=snmp")
    assert b"ifHCInOctets" in template.content
    text = (
        b"timestamp,interface,ifHCInOctets,ifHCOutOctets\n"
        b"2026-03-09 10:00,Dinkes,0,0\n2026-03-09 10:05,Dinkes,x,0\n"
    )
    response = client.post("/konektivitas/bandwidth/pemakaian/impor/", {"kind": "snmp", "file": _file(text)})
    page = response.content.decode()
    assert response.status_code == 200 and "Gagal" in page and "Penghitung oktet" in page
    from kelola.core.models import Job

    job = Job.objects.get(name="connectivity.usage_import")
    workbook = client.get(f"/konektivitas/bandwidth/pemakaian/impor/laporan/{job.pk}/")
    assert workbook.status_code == 200 and workbook["Content-Type"].startswith("application/vnd")
    other = client_for(setup.users["datacenter"]).get(
        f"/konektivitas/bandwidth/pemakaian/impor/laporan/{job.pk}/"
    )
    assert other.status_code == 404
    malformed = client.post("/konektivitas/bandwidth/pemakaian/impor/", {"kind": "csv", "file": _file(b"")})
    assert malformed.status_code == 400


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("pemakaian.csv", content, content_type="text/csv")


def test_dashboard_card_for_the_network_team(setup, client_for):
    from kelola.connectivity.dashboard import cards

    assert cards(setup.users["agency_operator"]) == []
    card = cards(setup.users["infrastructure"])[0]
    assert card.value == 0 and "bulan=" in card.url
    assert client_for(setup.users["infrastructure"]).get("/").status_code == 200


def test_form_pages_for_who_may_use_them(setup, client_for):
    opd = client_for(setup.users["agency_it_officer"])
    for url in (
        "/konektivitas/titik-koneksi/buat/",
        "/konektivitas/acara/buat/",
        "/konektivitas/bandwidth/kebutuhan/tambah/",
        f"/konektivitas/bandwidth/kebutuhan/{setup.need.pk}/ubah/",
    ):
        assert opd.get(url).status_code == 200, url
    assert opd.get(f"/konektivitas/bandwidth/alokasi/{setup.allocation.pk}/ubah/").status_code == 403
    assert opd.get("/konektivitas/bandwidth/kapasitas/tambah/").status_code == 403
    team = client_for(setup.users["infrastructure"])
    for url in (
        "/konektivitas/bandwidth/kapasitas/tambah/",
        f"/konektivitas/bandwidth/kapasitas/{setup.link.pk}/ubah/",
        "/konektivitas/bandwidth/alokasi/tambah/",
        f"/konektivitas/bandwidth/alokasi/{setup.allocation.pk}/ubah/",
        f"/konektivitas/bandwidth/alokasi/{setup.allocation.pk}/hapus/",
    ):
        assert team.get(url).status_code == 200, url
    # the auditor reads but files and keeps nothing
    auditor = client_for(setup.users["auditor"])
    assert auditor.get("/konektivitas/titik-koneksi/buat/").status_code == 403
    assert auditor.get("/konektivitas/bandwidth/alokasi/tambah/").status_code == 403
    assert auditor.post(f"/konektivitas/bandwidth/alokasi/{setup.allocation.pk}/hapus/").status_code == 302
    assert BandwidthAllocation.objects.filter(pk=setup.allocation.pk).exists()
    team = client_for(setup.users["infrastructure"])  # one test client: log the team in again
    assert team.post(f"/konektivitas/bandwidth/kebutuhan/{setup.need.pk}/hapus/").status_code == 302
    assert not BandwidthNeed.objects.filter(pk=setup.need.pk).exists()
