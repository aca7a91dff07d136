"""CSV and XLSX export of any register list (X-7), from the same columns the page shows."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kelola.core import audit

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | datetime.date):
        return value
    return str(value)


class _Echo:
    def write(self, value):
        return value


def export_response(
    *, title: str, headers: Sequence[str], rows: Iterable[Sequence], fmt: str, user=None, model=None
) -> HttpResponse:
    """Build the download; the export itself is an audited event."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{slugify(title) or 'export'}-{stamp}.{fmt}"
    audit.record(
        "export",
        None,
        actor=user,
        changes={"title": title, "format": fmt, "model": model._meta.label if model else ""},
        pemda_id=getattr(user, "pemda_id", None),
    )
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def stream():
            yield "\ufeff"  # Excel opens UTF-8 CSV correctly with a BOM
            yield writer.writerow(headers)
            for row in rows:
                yield writer.writerow([_plain(v) for v in row])

        response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=title[:31] or "Data")
        widths = [len(str(h)) for h in headers]
        header_cells = []
        from openpyxl.cell import WriteOnlyCell

        for header in headers:
            cell = WriteOnlyCell(sheet, value=str(header))
            cell.font = Font(bold=True)
            header_cells.append(cell)
        buffered = [[_plain(v) for v in row] for row in rows]
        for row in buffered:
            for i, value in enumerate(row):
                widths[i] = min(60, max(widths[i], len(str(value))))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width + 2
        sheet.freeze_panes = "A2"
        sheet.append(header_cells)
        for row in buffered:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def import_report_xlsx(report: dict, *, name_label: str, name_key: str) -> bytes:
    """The per-row report of an XLSX import (row, name, result, reasons) as a workbook."""
    from django.utils.translation import gettext as _

    status_labels = {"created": _("Terdaftar"), "skipped": _("Dilewati"), "failed": _("Gagal")}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Laporan impor")
    sheet.append([_("Baris"), name_label, _("Hasil"), _("Keterangan")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in report["rows"]:
        notes = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in row["errors"].items())
        sheet.append([row["row"], row[name_key], str(status_labels[row["status"]]), notes])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
