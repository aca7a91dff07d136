"""Import an agency's existing ICT assets from XLSX (ASSET-1), with a per-row report.

Each row goes through `services.asset_create` in its own savepoint: a valid row is kept even
when others fail, a failing row leaves nothing behind, and the report says for every row what
was created or why not. Rows whose serial number is already registered in the pemda are
skipped, so a corrected file can be imported again (rows without a serial number cannot be
recognised and are created again).
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core.errors import KelolaError
from kelola.core.models import Agency

from . import services
from .choices import AssetCategory, AssetKind, AssetStatus, Condition, FundingSource
from .models import Asset

MAX_ROWS = 5000


@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: str
    choices: tuple = ()
    kind: str = "text"  # text | choice | date | money | int


COLUMNS = (
    ImportColumn("agency", gettext_lazy("Perangkat daerah")),
    ImportColumn("name", gettext_lazy("Nama aset")),
    ImportColumn("kind", gettext_lazy("Jenis"), tuple(AssetKind.choices), "choice"),
    ImportColumn("category", gettext_lazy("Kategori"), tuple(AssetCategory.choices), "choice"),
    ImportColumn("brand_model", gettext_lazy("Merek/tipe")),
    ImportColumn("specs", gettext_lazy("Spesifikasi")),
    ImportColumn("serial_number", gettext_lazy("Nomor seri")),
    ImportColumn("acquisition_date", gettext_lazy("Tanggal perolehan (dd-mm-yyyy)"), kind="date"),
    ImportColumn("acquisition_cost", gettext_lazy("Nilai perolehan (Rp)"), kind="money"),
    ImportColumn("funding_source", gettext_lazy("Sumber dana"), tuple(FundingSource.choices), "choice"),
    ImportColumn("condition", gettext_lazy("Kondisi"), tuple(Condition.choices), "choice"),
    ImportColumn("location", gettext_lazy("Lokasi")),
    ImportColumn("status", gettext_lazy("Status"), tuple(AssetStatus.choices), "choice"),
    ImportColumn("expected_lifetime_years", gettext_lazy("Umur ekonomis (tahun)"), kind="int"),
    ImportColumn("custodian_nip", gettext_lazy("NIP pemegang")),
)
REQUIRED = ("name", "category")
DEFAULTS = {"kind": AssetKind.HARDWARE, "status": AssetStatus.IN_USE}


def template_xlsx() -> bytes:
    """An empty workbook with the headers, one example row and the allowed values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Aset")
    sheet.append([str(c.header) for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            "Dinas Kesehatan",
            "PC Ruang Pelayanan 1",
            str(AssetKind.HARDWARE.label),
            str(AssetCategory.COMPUTER.label),
            "Lenovo ThinkCentre M70t",
            "Core i5, RAM 8 GB, SSD 512 GB",
            "PC0A1B2C",
            "15-03-2022",
            12500000,
            str(FundingSource.APBD.label),
            str(Condition.GOOD.label),
            _("Ruang pelayanan lantai 1"),
            str(AssetStatus.IN_USE.label),
            4,
            "",
        ]
    )
    for index in range(1, len(COLUMNS) + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 22
    values = workbook.create_sheet(_("Pilihan"))
    for column in COLUMNS:
        if column.choices:
            values.append([str(column.header), *[str(label) for _key, label in column.choices]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _lookup(choices, value: str):
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted in {str(key).lower(), str(label).lower()}:
            return key
    return None


def _parse_date(raw):
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = str(raw).strip()
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _parse_money(raw):
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = re.sub(r"(?i)rp\.?|\s", "", str(raw))
    # Indonesian notation: "." groups thousands, "," marks decimals.
    text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _parse(column: ImportColumn, raw, errors: dict):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if column.kind == "choice":
        key = _lookup(column.choices, str(raw))
        if key is None:
            errors[column.key] = [_("“%(value)s” bukan pilihan yang dikenal.") % {"value": raw}]
        return key
    if column.kind == "date":
        value = _parse_date(raw)
        if value is None:
            errors[column.key] = [_("Tanggal tidak dikenali; tulis dd-mm-yyyy.")]
        return value
    if column.kind == "money":
        value = _parse_money(raw)
        if value is None:
            errors[column.key] = [_("Nilai bukan angka rupiah.")]
        return value
    if column.kind == "int":
        try:
            return int(str(raw).strip().split(".")[0] if isinstance(raw, str) else raw)
        except (TypeError, ValueError):
            errors[column.key] = [_("Isi dengan bilangan bulat.")]
            return None
    return str(raw).strip()


def _header_map(header_row) -> dict[int, ImportColumn]:
    by_name = {}
    for column in COLUMNS:
        by_name[str(column.header).strip().lower()] = column
        by_name[column.key] = column
    return {
        index: by_name[str(value or "").strip().lower()]
        for index, value in enumerate(header_row)
        if str(value or "").strip().lower() in by_name
    }


def assets_import(upload, *, actor, log=None) -> dict:
    """Register every row of the workbook; returns {"created", "skipped", "failed", "rows"}."""
    from openpyxl import load_workbook

    from kelola.organizations.models import Person

    if actor.pemda_id is None:
        raise KelolaError(_("Akun Anda tidak terkait dengan pemda mana pun."))
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise KelolaError(
            _("Berkas bukan XLSX yang dapat dibaca."), errors={"file": [str(exc)[:200]]}
        ) from exc
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    mapping = _header_map(next(rows, None) or ())
    found = {c.key for c in mapping.values()}
    if not found >= set(REQUIRED):
        missing = [str(c.header) for c in COLUMNS if c.key in REQUIRED and c.key not in found]
        raise KelolaError(
            _("Kolom wajib tidak ditemukan: %(columns)s.") % {"columns": ", ".join(missing)},
            errors={"file": [_("Gunakan templat impor.")]},
        )
    context = {
        "agencies": {},
        "serials": set(
            Asset.objects.filter(pemda_id=actor.pemda_id)
            .exclude(serial_number="")
            .values_list("serial_number", flat=True)
        ),
        "people": {
            nip: pk
            for nip, pk in Person.objects.visible_to(actor)
            .filter(pemda_id=actor.pemda_id)
            .exclude(nip="")
            .values_list("nip", "pk")
        },
    }
    for agency in Agency.objects.visible_to(actor).filter(pemda_id=actor.pemda_id):
        context["agencies"][agency.name.lower()] = agency
        if agency.short_name:
            context["agencies"].setdefault(agency.short_name.lower(), agency)
    report = {"created": 0, "skipped": 0, "failed": 0, "rows": []}
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            raise KelolaError(_("Paling banyak %(n)s baris per impor.") % {"n": MAX_ROWS})
        if values is None or all(v in (None, "") for v in values):
            continue
        outcome = _import_row(number, values, mapping, actor, context)
        outcome["errors"] = _labelled(outcome["errors"])
        report[outcome["status"]] += 1
        report["rows"].append(outcome)
        if log is not None and number % 500 == 0:
            log(f"{number - 1} rows")
    workbook.close()
    return report


def _labelled(errors: dict) -> dict[str, list[str]]:
    """Errors keyed by what the user sees: the column header, else the field's name."""
    headers = {c.key: str(c.header) for c in COLUMNS}
    headers["custodian"] = headers["custodian_nip"]
    fields = {f.name for f in Asset._meta.fields}
    result = {}
    for key, messages in errors.items():
        if key in headers:
            label = headers[key]
        elif key in fields:
            label = str(Asset._meta.get_field(key).verbose_name).capitalize()
        else:
            label = str(_("Baris"))
        result.setdefault(label, []).extend(str(m) for m in messages)
    return result


def _import_row(number, values, mapping, actor, context) -> dict:
    errors: dict[str, list[str]] = {}
    parsed = {}
    for index, column in mapping.items():
        value = _parse(column, values[index] if index < len(values) else None, errors)
        if value is not None:
            parsed[column.key] = value
    name = str(parsed.get("name", ""))
    for key in REQUIRED:
        if not parsed.get(key) and key not in errors:
            errors[key] = [_("Bidang ini harus diisi.")]
    agency_text = str(parsed.pop("agency", "") or "").strip().lower()
    agency = (
        context["agencies"].get(agency_text) if agency_text else (actor.agency if actor.agency_id else None)
    )
    if agency is None:
        errors.setdefault("agency", [_("Perangkat daerah tidak ditemukan di pemda Anda.")])
    nip = parsed.pop("custodian_nip", "")
    if nip:
        if nip in context["people"]:
            parsed["custodian_id"] = context["people"][nip]
        else:
            errors["custodian_nip"] = [_("Pegawai dengan NIP ini tidak ditemukan.")]
    serial = parsed.get("serial_number", "")
    if serial and serial in context["serials"]:
        return {
            "row": number,
            "name": name,
            "status": "skipped",
            "errors": {"serial_number": [_("Nomor seri sudah terdaftar; dilewati.")]},
        }
    if errors:
        return {"row": number, "name": name, "status": "failed", "errors": errors}
    data = {**DEFAULTS, **parsed}
    try:
        with transaction.atomic():
            asset = services.asset_create(actor=actor, agency=agency, **data)
    except KelolaError as exc:
        problems = {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in exc.errors.items()}
        return {
            "row": number,
            "name": name,
            "status": "failed",
            "errors": problems or {"": [str(exc.message)]},
        }
    except ValidationError as exc:
        problems = {
            k: [str(m) for m in v] for k, v in getattr(exc, "message_dict", {"": exc.messages}).items()
        }
        return {"row": number, "name": name, "status": "failed", "errors": problems}
    if serial:
        context["serials"].add(serial)
    return {"row": number, "name": name, "status": "created", "errors": {}, "id": asset.pk}


def report_xlsx(report: dict) -> bytes:
    from kelola.core.exports import import_report_xlsx

    return import_report_xlsx(report, name_label=_("Nama aset"), name_key="name")
