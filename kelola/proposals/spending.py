"""SPBE spending read-outs (PROP-5): totals per year, agency and category; the same item
budgeted by two agencies in one year is flagged (002 Ps.12(2): no duplicated budgets)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

STOP = {
    "dan",
    "untuk",
    "di",
    "ke",
    "dari",
    "pada",
    "yang",
    "tahun",
    "kegiatan",
    "belanja",
    "pengadaan",
    "jasa",
}


def _tokens(title: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return frozenset(w for w in words if w not in STOP and not w.isdigit() and len(w) > 2)


def duplicate_ids(lines) -> dict[int, list[int]]:
    """line id → ids of other agencies' lines of the same year and category with (nearly) the
    same wording (Jaccard of title words ≥ 0.6)."""
    groups: dict[tuple, list[tuple[int, int, frozenset]]] = defaultdict(list)
    for pk, agency_id, year, category, title in lines.values_list(
        "pk", "agency_id", "fiscal_year", "category", "title"
    ):
        groups[(year, category)].append((pk, agency_id, _tokens(title)))
    result: dict[int, list[int]] = {}
    for items in groups.values():
        for i, (pk_a, agency_a, words_a) in enumerate(items):
            for pk_b, agency_b, words_b in items[i + 1 :]:
                if agency_a == agency_b or not words_a or not words_b:
                    continue
                if len(words_a & words_b) / len(words_a | words_b) >= 0.6:
                    result.setdefault(pk_a, []).append(pk_b)
                    result.setdefault(pk_b, []).append(pk_a)
    return result


def totals(lines) -> dict:
    """Planned and realised totals per year, and per year and agency, and per year and category."""
    per_year = {
        row["fiscal_year"]: (row["planned"] or Decimal(0), row["realised"] or Decimal(0))
        for row in lines.values("fiscal_year").annotate(
            planned=Sum("planned_amount"), realised=Sum("realised_amount")
        )
    }
    by_agency = (
        lines.values("fiscal_year", "agency__name")
        .annotate(planned=Sum("planned_amount"), realised=Sum("realised_amount"))
        .order_by("fiscal_year", "-planned")
    )
    by_category = (
        lines.values("fiscal_year", "category")
        .annotate(planned=Sum("planned_amount"), realised=Sum("realised_amount"))
        .order_by("fiscal_year", "-planned")
    )
    return {
        "per_year": dict(sorted(per_year.items())),
        "by_agency": list(by_agency),
        "by_category": list(by_category),
    }


def duplicate_groups(lines, duplicates: dict[int, list[int]]) -> list[dict]:
    """The flagged lines gathered into items (connected lines), largest total first:
    {"year", "first" (a line), "agencies" (names), "planned" (sum)}."""
    if not duplicates:
        return []
    rows = {line.pk: line for line in lines.filter(pk__in=list(duplicates)).select_related("agency")}
    seen: set[int] = set()
    groups = []
    for start in rows:
        if start in seen:
            continue
        stack, members = [start], []
        while stack:
            pk = stack.pop()
            if pk in seen or pk not in rows:
                continue
            seen.add(pk)
            members.append(rows[pk])
            stack.extend(duplicates.get(pk, []))
        members.sort(key=lambda line: line.agency.name)
        groups.append(
            {
                "year": members[0].fiscal_year,
                "first": members[0],
                "agencies": sorted({m.agency.name for m in members}),
                "planned": sum((m.planned_amount for m in members), Decimal(0)),
            }
        )
    return sorted(groups, key=lambda g: (-g["year"], -g["planned"]))
