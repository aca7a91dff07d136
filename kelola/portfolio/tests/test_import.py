"""PORT-1 import: existing systems from XLSX, each row registered or reported with its reasons;
valid rows kept, failing rows leave nothing behind."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kelola.core.errors import KelolaError
from kelola.portfolio import importing
from kelola.portfolio.models import ElectronicSystem, SystemEntry

pytestmark = pytest.mark.django_db

HEADERS = [str(c.header) for c in importing.COLUMNS]


def workbook(*rows, headers=HEADERS) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(key, "") for key in [c.key for c in importing.COLUMNS]])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("daftar.xlsx", buffer.getvalue())


def row(**values):
    base = {
        "agency": "Dinas Kesehatan",
        "internal_name": "simpus",
        "external_name": "SIMPUS",
        "description": "Rekam medis",
        "app_kind": "Aplikasi khusus",
        "status": "Produksi",
        "url": "https://simpus.example.go.id",
        "functions": "Pendaftaran; Rekam medis",
        "sectors": "Kesehatan",
        "service_types": "registration",
        "open_source": "Ya",
    }
    base.update(values)
    return base


def test_valid_rows_are_registered_with_their_tables(world):
    report = importing.systems_import(
        workbook(row(), row(internal_name="sikda", agency="Dinkes", functions="")),
        actor=world.users["agency_head"],
    )
    assert (report["created"], report["failed"]) == (2, 0)
    simpus = ElectronicSystem.objects.get(internal_name="simpus")
    assert simpus.agency == world.health and simpus.status == "production" and simpus.app_kind == "specific"
    assert sorted(SystemEntry.objects.filter(system=simpus).values_list("section", flat=True)) == [
        "function",
        "function",
        "scope",
        "service_type",
    ]


def test_bad_rows_are_reported_field_by_field_and_good_ones_kept(world):
    report = importing.systems_import(
        workbook(
            row(),
            row(internal_name="x1", app_kind="Aplikasi super", open_source="mungkin"),
            row(internal_name="x2", agency="Dinas Antah Berantah"),
            row(internal_name="x3", agency="Dinas Pendidikan"),  # another agency: not the head's
            row(internal_name="x4", app_kind="Aplikasi umum"),  # general without complexity
            row(internal_name="", external_name=""),
        ),
        actor=world.users["agency_head"],
    )
    assert (report["created"], report["failed"]) == (1, 5)
    by_row = {r["row"]: r for r in report["rows"]}
    assert set(by_row[3]["errors"]) == {"Jenis aplikasi", "Kode sumber terbuka"}
    assert "tidak ditemukan" in by_row[4]["errors"]["Perangkat daerah"][0]
    assert "berwenang" in str(by_row[5]["errors"])
    assert "Kompleksitas" in by_row[6]["errors"]
    assert set(by_row[7]["errors"]) >= {"Nama internal", "Nama eksternal"}
    assert list(ElectronicSystem.objects.values_list("internal_name", flat=True)) == ["simpus"]
    assert SystemEntry.objects.count() == 4  # only the kept row's tables


def test_reimport_skips_registered_names(world):
    importing.systems_import(workbook(row()), actor=world.users["agency_head"])
    report = importing.systems_import(
        workbook(row(), row(internal_name="baru")), actor=world.users["agency_head"]
    )
    assert (report["created"], report["skipped"]) == (1, 1)


def test_a_file_that_is_not_a_workbook_or_lacks_columns_is_refused(world):
    with pytest.raises(KelolaError):
        importing.systems_import(SimpleUploadedFile("x.xlsx", b"not a zip"), actor=world.users["agency_head"])
    with pytest.raises(KelolaError) as refused:
        importing.systems_import(workbook(row(), headers=["Nama"]), actor=world.users["agency_head"])
    assert "Nama internal" in str(refused.value.message)


def test_template_round_trips(world):
    book = load_workbook(io.BytesIO(importing.template_xlsx()))
    sheet = book.active
    upload = io.BytesIO()
    book.save(upload)
    report = importing.systems_import(
        SimpleUploadedFile("t.xlsx", upload.getvalue()), actor=world.users["agency_head"]
    )
    assert report["created"] == 1, report
    assert sheet.max_row == 2


def test_import_page_report_and_refusals(world, client_for):
    client = client_for(world.users["agency_head"])
    assert client.get("/portofolio/sistem/impor/").status_code == 200
    assert client.get("/portofolio/sistem/impor/?templat=1")["Content-Type"].startswith(
        "application/vnd.openxml"
    )
    response = client.post(
        "/portofolio/sistem/impor/", {"file": workbook(row(), row(internal_name="x", app_kind="??"))}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Terdaftar: 1" in page and "gagal: 1" in page
    job_id = response.context["job"].pk
    report = load_workbook(io.BytesIO(client.get(f"/portofolio/sistem/impor/{job_id}/laporan.xlsx").content))
    assert [c.value for c in report.active[3]][:3] == [3, "x", "Gagal"]
    assert client.post("/portofolio/sistem/impor/", {}).status_code == 400
    other = client_for(world.users["agency_operator"])  # the shared client, now someone else's
    assert other.get(f"/portofolio/sistem/impor/{job_id}/laporan.xlsx").status_code == 404
    assert client_for(world.users["executive"]).get("/portofolio/sistem/impor/").status_code == 403
