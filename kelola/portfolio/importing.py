"""Import an agency's existing electronic systems from XLSX (PORT-1), with a per-row report.

Each row is registered through `services.system_create` in its own savepoint: a valid row is
kept even when others fail, a failing row leaves nothing behind, and the report says for every
row what was created or why not (field by field, in the user's language). Rows whose internal
name is already registered in the pemda are skipped, so a corrected file can be imported again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core.errors import KelolaError
from kelola.core.models import Agency

from . import services
from .choices import AccessKind, AppKind, Complexity, Developer, LifecycleStatus, ServiceTarget
from .models import ElectronicSystem, SystemEntry
from .reference import SECTORS, SERVICE_TYPES
from .sections import section_for

MAX_ROWS = 5000
YES = {"ya", "y", "yes", "true", "1", "benar"}
NO = {"tidak", "t", "no", "false", "0", "salah", ""}


@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: str
    choices: tuple = ()
    kind: str = "text"  # text | bool | choice | list


COLUMNS = (
    ImportColumn("agency", gettext_lazy("Perangkat daerah")),
    ImportColumn("internal_name", gettext_lazy("Nama internal")),
    ImportColumn("external_name", gettext_lazy("Nama eksternal")),
    ImportColumn("description", gettext_lazy("Keterangan")),
    ImportColumn("app_kind", gettext_lazy("Jenis aplikasi"), tuple(AppKind.choices), "choice"),
    ImportColumn("complexity", gettext_lazy("Kompleksitas"), tuple(Complexity.choices), "choice"),
    ImportColumn("status", gettext_lazy("Tahap"), tuple(LifecycleStatus.choices), "choice"),
    ImportColumn("service_target", gettext_lazy("Sasaran pelayanan"), tuple(ServiceTarget.choices), "choice"),
    ImportColumn("access", gettext_lazy("Kategori akses"), tuple(AccessKind.choices), "choice"),
    ImportColumn("url", gettext_lazy("Alamat URL")),
    ImportColumn("developer", gettext_lazy("Pembangun"), tuple(Developer.choices), "choice"),
    ImportColumn("vendor", gettext_lazy("Pihak ketiga pembangun")),
    ImportColumn("open_source", gettext_lazy("Kode sumber terbuka"), kind="bool"),
    ImportColumn("closed_source_justification", gettext_lazy("Alasan tidak memakai kode sumber terbuka")),
    ImportColumn("publish_consent", gettext_lazy("Bersedia dipublikasikan"), kind="bool"),
    ImportColumn("functions", gettext_lazy("Fungsi utama (pisahkan dengan ;)"), kind="list"),
    ImportColumn("sectors", gettext_lazy("Ruang lingkup (pisahkan dengan ;)"), SECTORS, "list"),
    ImportColumn("service_types", gettext_lazy("Jenis layanan (pisahkan dengan ;)"), SERVICE_TYPES, "list"),
    ImportColumn("pic_name", gettext_lazy("Nama penanggung jawab")),
    ImportColumn("pic_nip", gettext_lazy("NIP penanggung jawab")),
    ImportColumn("pic_email", gettext_lazy("E-mail penanggung jawab")),
    ImportColumn("pic_mobile", gettext_lazy("No. HP penanggung jawab")),
)
REQUIRED = ("internal_name", "external_name", "description", "app_kind")
DEFAULTS = {"status": LifecycleStatus.PRODUCTION, "open_source": True}


def template_xlsx() -> bytes:
    """An empty workbook with the headers and one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sistem")
    sheet.append([str(c.header) for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            "Dinas Kesehatan",
            "simpus",
            "SIMPUS",
            _("Sistem informasi manajemen puskesmas"),
            str(AppKind.SPECIFIC.label),
            "",
            str(LifecycleStatus.PRODUCTION.label),
            str(ServiceTarget.LOCAL.label),
            "Online",
            "https://simpus.example.go.id",
            str(Developer.OWNER_AGENCY.label),
            "",
            _("Ya"),
            "",
            _("Tidak"),
            _("Pendaftaran pasien; Rekam medis"),
            str(dict(SECTORS)["health"]),
            str(dict(SERVICE_TYPES)["registration"]),
            "",
            "",
            "",
            "",
        ]
    )
    for index in range(1, len(COLUMNS) + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _lookup(choices, value: str):
    """A choice key from its key or its label (any case); None when unknown."""
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted in {str(key).lower(), str(label).lower()}:
            return key
    return None


def _parse(column: ImportColumn, raw, errors: dict):
    text = "" if raw is None else str(raw).strip()
    if column.kind == "bool":
        if text.lower() in YES:
            return True
        if text.lower() in NO:
            return None if not text else False
        errors[column.key] = [_("Isi dengan Ya atau Tidak.")]
        return None
    if column.kind == "choice":
        if not text:
            return None
        key = _lookup(column.choices, text)
        if key is None:
            errors[column.key] = [_("“%(value)s” bukan pilihan yang dikenal.") % {"value": text}]
        return key
    if column.kind == "list":
        items = [item.strip() for item in text.replace("\n", ";").split(";") if item.strip()]
        if not column.choices:
            return items
        keys = []
        for item in items:
            key = _lookup(column.choices, item)
            if key is None:
                errors[column.key] = [_("“%(value)s” bukan pilihan yang dikenal.") % {"value": item}]
            else:
                keys.append(key)
        return keys
    return text


def _header_map(header_row) -> dict[int, ImportColumn]:
    by_name = {}
    for column in COLUMNS:
        by_name[str(column.header).strip().lower()] = column
        by_name[column.key] = column
    mapping = {}
    for index, value in enumerate(header_row):
        column = by_name.get(str(value or "").strip().lower())
        if column is not None:
            mapping[index] = column
    return mapping


def _agency_for(actor, text: str, agencies: dict[str, Agency]):
    if not text:
        return actor.agency if actor.agency_id else None
    return agencies.get(text.strip().lower())


def systems_import(upload, *, actor, log=None) -> dict:
    """Register every row of the workbook; returns {"created", "skipped", "failed", "rows": [...]}."""
    from openpyxl import load_workbook

    if actor.pemda_id is None:
        raise KelolaError(_("Akun Anda tidak terkait dengan pemda mana pun."))
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise KelolaError(
            _("Berkas bukan XLSX yang dapat dibaca."), errors={"file": [str(exc)[:200]]}
        ) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    mapping = _header_map(header or ())
    if not {c.key for c in mapping.values()} >= set(REQUIRED):
        missing = [
            str(c.header)
            for c in COLUMNS
            if c.key in REQUIRED and c.key not in {m.key for m in mapping.values()}
        ]
        raise KelolaError(
            _("Kolom wajib tidak ditemukan: %(columns)s.") % {"columns": ", ".join(missing)},
            errors={"file": [_("Gunakan templat impor.")]},
        )
    agencies = {}
    for agency in Agency.objects.visible_to(actor).filter(pemda_id=actor.pemda_id):
        agencies[agency.name.lower()] = agency
        if agency.short_name:
            agencies.setdefault(agency.short_name.lower(), agency)
    existing = set(
        ElectronicSystem.objects.filter(pemda_id=actor.pemda_id).values_list("internal_name", flat=True)
    )
    report = {"created": 0, "skipped": 0, "failed": 0, "rows": []}
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            raise KelolaError(_("Paling banyak %(n)s baris per impor.") % {"n": MAX_ROWS})
        if values is None or all(v in (None, "") for v in values):
            continue
        outcome = _import_row(number, values, mapping, actor, agencies, existing)
        report[outcome["status"]] += 1
        report["rows"].append(outcome)
        if log is not None and number % 500 == 0:
            log(f"{number - 1} rows")
    workbook.close()
    return report


def _labelled(errors: dict) -> dict[str, list[str]]:
    """Errors keyed by what the user sees: the column header, else the form's field name."""
    headers = {c.key: str(c.header) for c in COLUMNS}
    result = {}
    for key, messages in errors.items():
        if key in headers:
            label = headers[key]
        elif key and key in {f.name for f in ElectronicSystem._meta.fields}:
            label = str(ElectronicSystem._meta.get_field(key).verbose_name).capitalize()
        else:
            label = str(_("Baris"))
        result.setdefault(label, []).extend(str(m) for m in messages)
    return result


def _import_row(number, values, mapping, actor, agencies, existing) -> dict:
    outcome = _import_row_unlabelled(number, values, mapping, actor, agencies, existing)
    outcome["errors"] = _labelled(outcome["errors"])
    return outcome


def _import_row_unlabelled(number, values, mapping, actor, agencies, existing) -> dict:
    errors: dict[str, list[str]] = {}
    parsed = {}
    for index, column in mapping.items():
        raw = values[index] if index < len(values) else None
        value = _parse(column, raw, errors)
        if value is not None:
            parsed[column.key] = value
    name = str(parsed.get("internal_name", ""))
    for key in REQUIRED:
        if not parsed.get(key):
            errors.setdefault(key, [_("Bidang ini harus diisi.")])
    agency = _agency_for(actor, str(parsed.pop("agency", "") or ""), agencies)
    if agency is None:
        errors.setdefault("agency", [_("Perangkat daerah tidak ditemukan di pemda Anda.")])
    if name and name in existing:
        return {
            "row": number,
            "internal_name": name,
            "status": "skipped",
            "errors": {"internal_name": [_("Sudah terdaftar; dilewati.")]},
        }
    if errors:
        return {"row": number, "internal_name": name, "status": "failed", "errors": errors}
    lists = {key: parsed.pop(key, []) for key in ("functions", "sectors", "service_types")}
    data = {**DEFAULTS, **parsed}
    try:
        with transaction.atomic():
            system = services.system_create(actor=actor, agency=agency, **data)
            _add_rows(system, lists)
    except KelolaError as exc:
        problems = {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in exc.errors.items()}
        return {
            "row": number,
            "internal_name": name,
            "status": "failed",
            "errors": problems or {"": [str(exc.message)]},
        }
    except ValidationError as exc:
        problems = {
            k: [str(m) for m in v] for k, v in getattr(exc, "message_dict", {"": exc.messages}).items()
        }
        return {"row": number, "internal_name": name, "status": "failed", "errors": problems}
    existing.add(name)
    return {"row": number, "internal_name": name, "status": "created", "errors": {}, "id": system.pk}


def _add_rows(system, lists) -> None:
    rows = []
    for section_key, column, items in (
        ("function", "name", lists["functions"]),
        ("scope", "sector", lists["sectors"]),
        ("service_type", "kind", lists["service_types"]),
    ):
        section = section_for(section_key)
        for position, item in enumerate(items):
            data = {column: item}
            rows.append(
                SystemEntry(
                    system=system,
                    section=section_key,
                    position=position,
                    data=data,
                    text=section.row_text(data),
                )
            )
    SystemEntry.objects.bulk_create(rows)
    system.refresh_search_text()


def report_xlsx(report: dict) -> bytes:
    from kelola.core.exports import import_report_xlsx

    return import_report_xlsx(report, name_label=_("Nama internal"), name_key="internal_name")
