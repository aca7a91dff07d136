"""Who sees and changes the asset register, on pages and through the API: the owner OPD's
head and IT officer manage, its operator reads, the IT office and auditors read the whole
pemda; another OPD, another pemda and an account without a role get 404; an operator trying
to edit gets 403."""

import datetime

import pytest

from kelola.assets.models import Asset, Licence, LicenceAssignment, MaintenanceSchedule

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who", ["agency_head", "agency_it_officer", "agency_operator", "gcio", "it_support", "auditor"]
)
def test_readers_see_the_asset_page_and_api(assets, client_for, api_for, who):
    user = assets.users[who]
    assert client_for(user).get(f"/aset/{assets.asset.pk}/").status_code == 200
    assert api_for(user).get(f"/api/v1/assets/{assets.asset.pk}/").status_code == 200
    assert client_for(user).get(f"/aset/lisensi/{assets.licence.pk}/").status_code == 200


def test_the_it_office_sees_every_agency_and_an_opd_only_its_own(assets, api_for):
    names = {r["name"] for r in api_for(assets.users["gcio"]).get("/api/v1/assets/").json()["results"]}
    assert names == {"PC Pelayanan 1", "Printer TU"}
    names = {
        r["name"] for r in api_for(assets.users["agency_operator"]).get("/api/v1/assets/").json()["results"]
    }
    assert names == {"PC Pelayanan 1"}


@pytest.mark.parametrize("who", ["other_agency_operator", "other_agency_head", "other_pemda_gcio", "no_role"])
def test_outsiders_get_404(assets, client_for, api_for, who):
    user = getattr(assets, who)
    pk = assets.asset.pk
    client = client_for(user)
    assert client.get(f"/aset/{pk}/").status_code == 404
    assert client.get(f"/aset/{pk}/ubah/").status_code == 404
    assert client.post(f"/aset/{pk}/langkah/", {"name": "repair"}).status_code == 404
    assert client.get(f"/aset/lisensi/{assets.licence.pk}/").status_code == 404
    api = api_for(user)
    assert api.get(f"/api/v1/assets/{pk}/").status_code == 404
    assert api.patch(f"/api/v1/assets/{pk}/", {"name": "x"}, format="json").status_code == 404
    assert api.post(f"/api/v1/assets/{pk}/transition/", {"name": "repair"}, format="json").status_code == 404
    assert (
        api.post(f"/api/v1/licences/{assets.licence.pk}/assign/", {"asset": pk}, format="json").status_code
        == 404
    )
    assets.asset.refresh_from_db()
    assert (assets.asset.name, assets.asset.status) == ("PC Pelayanan 1", "in_use")


def test_an_account_without_role_sees_no_list_rows_and_no_reports(assets, client_for, api_for):
    assert api_for(assets.no_role).get("/api/v1/assets/").json()["count"] == 0
    assert client_for(assets.no_role).get("/aset/penggantian/").status_code == 403
    assert client_for(assets.no_role).get("/aset/tambah/").status_code == 403


def test_an_operator_reads_but_cannot_edit(assets, client_for, api_for):
    operator = assets.users["agency_operator"]
    pk = assets.asset.pk
    client = client_for(operator)
    assert client.get(f"/aset/{pk}/ubah/").status_code == 403
    assert client.get("/aset/tambah/").status_code == 403
    assert client.get("/aset/impor/").status_code == 403
    api = api_for(operator)
    assert api.patch(f"/api/v1/assets/{pk}/", {"name": "x"}, format="json").status_code == 403
    assert api.delete(f"/api/v1/assets/{pk}/").status_code == 403
    refused = api.post(f"/api/v1/assets/{pk}/transition/", {"name": "repair"}, format="json")
    assert refused.status_code == 403
    assert (
        api.post(f"/api/v1/licences/{assets.licence.pk}/assign/", {"asset": pk}, format="json").status_code
        == 403
    )
    assert not LicenceAssignment.objects.exists()
    assets.asset.refresh_from_db()
    assert (assets.asset.name, assets.asset.status) == ("PC Pelayanan 1", "in_use")


def test_the_it_office_reads_but_only_managers_edit_another_agency(assets, api_for):
    pk = assets.asset.pk
    assert (
        api_for(assets.users["it_support"])
        .patch(f"/api/v1/assets/{pk}/", {"name": "x"}, format="json")
        .status_code
        == 403
    )
    assert (
        api_for(assets.users["auditor"])
        .patch(f"/api/v1/assets/{pk}/", {"name": "x"}, format="json")
        .status_code
        == 403
    )
    assert (
        api_for(assets.users["gcio"])
        .patch(f"/api/v1/assets/{pk}/", {"location": "Lt 2"}, format="json")
        .status_code
        == 200
    )
    # IT support takes repair steps.
    answer = api_for(assets.users["it_support"]).post(
        f"/api/v1/assets/{pk}/transition/", {"name": "repair"}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == "in_repair"


def test_head_manages_through_pages(assets, client_for):
    client = client_for(assets.users["agency_head"])
    answer = client.post(
        "/aset/tambah/",
        {
            "agency": assets.health.pk,
            "kind": "hardware",
            "category": "ups",
            "name": "UPS Ruang Server",
            "acquisition_cost": "8900000",
            "funding_source": "apbd",
            "condition": "good",
            "status": "in_use",
            "expected_lifetime_years": 5,
        },
    )
    assert answer.status_code == 302, answer.content[:2000]
    ups = Asset.objects.get(name="UPS Ruang Server")
    answer = client.post(f"/aset/{ups.pk}/langkah/", {"name": "dispose", "disposal_reason": ""})
    ups.refresh_from_db()
    assert ups.status == "in_use"
    client.post(
        f"/aset/{ups.pk}/langkah/",
        {
            "name": "dispose",
            "disposal_reason": "Baterai rusak",
            "disposal_date": datetime.date.today().isoformat(),
        },
    )
    ups.refresh_from_db()
    assert ups.status == "disposed"
    client.post(
        f"/aset/{assets.asset.pk}/jadwal/",
        {"task": "Bersihkan", "interval_months": 6, "next_due": "2020-01-01"},
    )
    assert MaintenanceSchedule.objects.filter(asset=assets.asset).count() == 1
    page = client.get(f"/aset/{assets.asset.pk}/")
    assert page.status_code == 200 and "Rp12.500.000" in page.content.decode()
    assert "Bersihkan" in client.get("/aset/pemeliharaan-terlambat/").content.decode()
    client.post(f"/aset/lisensi/{assets.licence.pk}/tugaskan/", {"asset": assets.asset.pk})
    assert LicenceAssignment.objects.count() == 1
    second = Asset.objects.get(name="UPS Ruang Server")
    page = client.post(f"/aset/lisensi/{assets.licence.pk}/tugaskan/", {"asset": second.pk}, follow=True)
    assert LicenceAssignment.objects.count() == 1
    assert Licence.objects.get().assignments.count() == 1
    assert page.status_code == 200


def test_list_filters_search_and_export(assets, client_for):
    client = client_for(assets.users["gcio"])
    page = client.get("/aset/", {"q": "SN-001"})
    assert "PC Pelayanan 1" in page.content.decode() and "Printer TU" not in page.content.decode()
    page = client.get("/aset/", {"category": "printer", "sort": "-acquisition_cost"})
    assert "Printer TU" in page.content.decode() and "PC Pelayanan 1" not in page.content.decode()
    for fmt in ("csv", "xlsx"):
        export = client.get("/aset/", {"export": fmt, "agency": assets.health.pk})
        assert export.status_code == 200
    csv = b"".join(client.get("/aset/", {"export": "csv"}).streaming_content).decode()
    assert "PC Pelayanan 1" in csv and "Server B" not in csv
    assert client.get("/aset/lisensi/", {"expiring": "true"}).status_code == 200
    assert client.get("/aset/penggantian/").status_code == 200


def test_list_page_query_count_stays_flat(assets, client_for, django_assert_max_num_queries):
    from kelola.assets import services

    client = client_for(assets.users["gcio"])
    client.get("/aset/")
    for n in range(20):
        services.asset_create(
            actor=assets.users["gcio"], agency=assets.health, category="computer", name=f"PC {n}"
        )
    with django_assert_max_num_queries(12):
        assert client.get("/aset/").status_code == 200


def test_api_maintenance_and_licences(assets, api_for):
    head = api_for(assets.users["agency_head"])
    created = head.post(
        "/api/v1/maintenance-schedules/",
        {"asset": assets.asset.pk, "task": "Cek", "interval_months": 3},
        format="json",
    )
    assert created.status_code == 201, created.json()
    record = head.post(
        "/api/v1/maintenance-records/",
        {"asset": assets.asset.pk, "schedule": created.json()["id"],
         "date": datetime.date.today().isoformat(), "work": "Cek", "cost": "0", "performed_by": "Tim"},
        format="json",
    )  # fmt: skip
    assert record.status_code == 201, record.json()
    assigned = head.post(
        f"/api/v1/licences/{assets.licence.pk}/assign/", {"asset": assets.asset.pk}, format="json"
    )
    assert assigned.status_code == 201
    over = head.post(
        f"/api/v1/licences/{assets.licence.pk}/assign/",
        {"person": None, "asset": assets.education_asset.pk},
        format="json",
    )
    assert over.status_code == 400  # another agency's asset is not visible to the head
    licence = head.get(f"/api/v1/licences/{assets.licence.pk}/").json()
    assert licence["seats_used"] == 1
    assert head.delete(f"/api/v1/licence-assignments/{assigned.json()['id']}/").status_code == 204
    assert head.get("/api/v1/maintenance-schedules/?overdue=true").json()["count"] == 0


def test_api_seat_limit_refusal_is_json_with_reason(assets, api_for):
    gcio = api_for(assets.users["gcio"])
    assert (
        gcio.post(
            f"/api/v1/licences/{assets.licence.pk}/assign/", {"asset": assets.asset.pk}, format="json"
        ).status_code
        == 201
    )
    refused = gcio.post(
        f"/api/v1/licences/{assets.licence.pk}/assign/", {"asset": assets.education_asset.pk}, format="json"
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "conflict" and "terpakai penuh" in refused.json()["detail"]
