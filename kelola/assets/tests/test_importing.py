"""XLSX import of assets: every row through the services in its own savepoint, a per-row report,
serials already registered skipped."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from kelola.assets import importing
from kelola.assets.models import Asset

pytestmark = pytest.mark.django_db


def _workbook(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(c.header) for c in importing.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "aset.xlsx"
    return buffer


def _row(**values):
    keys = [c.key for c in importing.COLUMNS]
    return [values.get(k, "") for k in keys]


def test_template_downloads_and_reimports(world, client_for):
    client = client_for(world.users["agency_head"])
    template = client.get("/aset/impor/?templat=1")
    assert template.status_code == 200
    report = importing.assets_import(io.BytesIO(template.content), actor=world.users["agency_head"])
    assert report["created"] == 1, report


def test_rows_are_imported_one_by_one_with_reasons(world, client_for):
    head = world.users["agency_head"]
    upload = _workbook(
        [
            _row(name="PC 1", category="Komputer (PC)", serial_number="A1", acquisition_cost="Rp 12.500.000",
                 acquisition_date="15-03-2022"),
            _row(name="PC 2", category="computer", serial_number="A1"),  # same serial: skipped
            _row(name="", category="laptop"),  # no name
            _row(name="Laptop", category="Tablet"),  # unknown category
            _row(name="Printer", category="printer", acquisition_cost=-5),  # negative cost
            _row(name="Switch", category="network", agency="Dinas Pendidikan"),  # another OPD: refused
            _row(name="Router", category="network", acquisition_date="kemarin"),
            _row(name="UPS", category="ups", agency="Dinkes", status="Digunakan", custodian_nip="999"),
        ]
    )  # fmt: skip
    page = client_for(head).post("/aset/impor/", {"file": upload})
    assert page.status_code == 200
    report = page.context["report"]
    assert (report["created"], report["skipped"], report["failed"]) == (1, 1, 6)
    failed = {r["row"]: r["errors"] for r in report["rows"] if r["status"] == "failed"}
    assert "Nama aset" in failed[4]
    assert "Kategori" in failed[5]
    assert "Nilai perolehan (Rp)" in failed[6], failed[6]
    assert failed[7]  # forbidden agency: the service's reason
    assert "Tanggal perolehan (dd-mm-yyyy)" in failed[8]
    assert "NIP pemegang" in failed[9]
    pc = Asset.objects.get()
    assert (pc.name, pc.acquisition_cost, pc.status) == ("PC 1", 12_500_000, "in_use")
    job = page.context["job"]
    sheet = load_workbook(io.BytesIO(client_for(head).get(f"/aset/impor/laporan/{job.pk}/").content)).active
    assert sheet.max_row == 9


def test_a_file_that_is_not_a_workbook_is_refused(world, client_for):
    upload = io.BytesIO(b"not a workbook")
    upload.name = "x.xlsx"
    page = client_for(world.users["agency_head"]).post("/aset/impor/", {"file": upload})
    assert page.status_code == 400
    assert not Asset.objects.exists()
