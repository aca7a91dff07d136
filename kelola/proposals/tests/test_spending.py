"""PROP-5: planned vs realised per year, agency and category; the same item budgeted by two
agencies in a year is flagged."""

import pytest

from kelola.proposals import spending
from kelola.proposals.models import BudgetLine

pytestmark = pytest.mark.django_db


def line(agency, title, year=2027, category="internet", planned=100, realised=None):
    return BudgetLine.objects.create(
        pemda=agency.pemda,
        agency=agency,
        fiscal_year=year,
        title=title,
        category=category,
        planned_amount=planned,
        realised_amount=realised,
    )


def test_the_same_item_in_two_agencies_is_flagged(world):
    a = line(world.health, "Langganan internet kantor 100 Mbps")
    b = line(world.education, "Langganan Internet Kantor (100 Mbps)")
    c = line(world.education, "Langganan internet kantor", year=2026)  # another year
    d = line(world.health, "Langganan internet kantor cadangan")  # same agency
    e = line(world.education, "Pelatihan keamanan informasi", category="security")
    found = spending.duplicate_ids(BudgetLine.objects.all())
    assert set(found[a.pk]) == {b.pk} and set(found[b.pk]) >= {a.pk}
    assert c.pk not in found and e.pk not in found
    assert d.pk not in found.get(a.pk, [])


def test_totals_per_year_agency_and_category(world):
    line(world.health, "A", planned=100, realised=80)
    line(world.education, "B", planned=50)
    line(world.health, "C", year=2026, planned=10, realised=10, category="application")
    result = spending.totals(BudgetLine.objects.all())
    assert result["per_year"] == {2026: (10, 10), 2027: (150, 80)}
    by_agency = {(r["fiscal_year"], r["agency__name"]): r["planned"] for r in result["by_agency"]}
    assert by_agency[(2027, "Dinas Kesehatan")] == 100
    assert {(r["fiscal_year"], r["category"]) for r in result["by_category"]} == {
        (2027, "internet"),
        (2026, "application"),
    }


def test_budget_page_shows_totals_chart_and_duplicates(world, client_for):
    line(world.health, "Langganan internet kantor", planned=1_500_000)
    line(world.education, "Langganan internet kantor", planned=2_000_000)
    page = client_for(world.users["bappeda"]).get("/usulan-tik/belanja/").content.decode()
    assert "Rp3.500.000" in page and "chart-years" in page
    assert "dianggarkan lebih dari satu perangkat daerah" in page
