"""The registration form laid out for people: the detail page's groups and tables, the PDF
shaped like the official form (004 Lamp.II), and the XLSX workbook (one sheet per part)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core.exports import XLSX_MIME
from kelola.core.templatetags.kelola import display

from .forms import SYSTEM_FIELD_GROUPS
from .models import ElectronicSystem
from .reference import RISK_QUESTIONS
from .sections import SECTIONS

__all__ = ["XLSX_MIME", "field_groups", "form_pdf", "form_xlsx", "section_tables"]


def _value(system: ElectronicSystem, name: str):
    getter = getattr(system, f"get_{name}_display", None)
    return getter() if getter else getattr(system, name)


def field_groups(system: ElectronicSystem) -> list[tuple[str, list[tuple[str, object]]]]:
    meta = ElectronicSystem._meta
    groups = []
    for title, names in SYSTEM_FIELD_GROUPS:
        rows = [(str(meta.get_field(n).verbose_name), _value(system, n)) for n in names]
        groups.append((str(title), rows))
    groups[0][1].insert(
        9,
        (
            str(meta.get_field("risk_category").verbose_name),
            f"{system.get_risk_category_display()} ({system.risk_score})" if system.risk_category else None,
        ),
    )
    return groups


def section_tables(grouped: dict) -> list[dict]:
    tables = []
    for section in SECTIONS:
        rows = [
            [column.display(entry.data.get(column.name)) for column in section.columns]
            for entry in grouped.get(section.key, [])
        ]
        tables.append(
            {
                "section": section,
                "headers": [str(c.label) for c in section.columns],
                "rows": rows,
                "short": len(rows) < section.min_rows,
            }
        )
    return tables


def _context(system: ElectronicSystem) -> dict:
    from .services import entries_of

    grouped = entries_of(system)
    latest = system.risk_assessments.first()
    questions = []
    for index, question in enumerate(RISK_QUESTIONS, start=1):
        chosen = (latest.answers or {}).get(question.key) if latest else None
        questions.append({"n": index, "question": question, "chosen": chosen})
    return {
        "system": system,
        "pemda": system.pemda,
        "groups": [
            (title, [(label, display(value)) for label, value in rows])
            for title, rows in field_groups(system)
        ],
        "sections": section_tables(grouped),
        "assessment": latest,
        "questions": questions,
        "printed_at": timezone.localtime(),
    }


def form_pdf(system: ElectronicSystem) -> bytes:
    from kelola.core.letters import render_pdf

    return render_pdf("portfolio/system_form_pdf.html", _context(system))


def form_xlsx(system: ElectronicSystem) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = _context(system)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Data umum")[:31]
    bold = Font(bold=True)
    for title, rows in context["groups"]:
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for label, value in rows:
            sheet.append([label, _plain(value)])
        sheet.append([])
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 60
    for table in context["sections"]:
        section = table["section"]
        tab = workbook.create_sheet(title=f"{section.part} {section.title}"[:31].replace("/", "-"))
        tab.append([str(h) for h in table["headers"]])
        for cell in tab[1]:
            cell.font = bold
        for row in table["rows"]:
            tab.append(row)
    risk = workbook.create_sheet(title=_("Kategori (Lampiran 1)")[:31])
    risk.append(["No.", _("Karakteristik"), _("Jawaban")])
    for item in context["questions"]:
        risk.append([item["n"], str(item["question"].text), item["chosen"] or ""])
    if context["assessment"] is not None:
        risk.append([])
        risk.append(["", _("Total bobot nilai"), context["assessment"].score])
        risk.append(["", _("Kategori"), context["assessment"].get_category_display()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _plain(value):
    from django.utils.html import strip_tags

    return strip_tags(str(value)) if value is not None else ""
