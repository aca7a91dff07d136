"""DESK-5 SLA reports and the issue's trends: per service, per agency, per month, the services
and systems with most incidents; scoped to what the reader sees; CSV export."""

import datetime

import pytest
from django.utils import timezone

from kelola.servicedesk import reports, services
from kelola.servicedesk.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(world):
    service = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="Jaringan",
        description="-",
        category="network",
        requires_letter=False,
    )
    now = timezone.now()
    hour = datetime.timedelta(hours=1)

    def ticket(agency, resolved_late=False, responded=True, rating=None, kind="incident"):
        return Ticket.objects.create(
            pemda=agency.pemda,
            agency=agency,
            service=service,
            kind=kind,
            title="x",
            description="x",
            priority="p3",
            status="closed",
            response_due=now - 10 * hour,
            resolution_due=now - 5 * hour,
            responded_at=now - 11 * hour if responded else None,
            resolved_at=now - (2 * hour if resolved_late else 6 * hour),
            rating=rating,
        )

    ticket(world.health, rating=5)
    ticket(world.health, resolved_late=True, rating=3)
    ticket(world.education, responded=False, kind="request")
    ticket(world.other_health)  # another pemda
    return world


def test_per_service_and_agency_figures(history):
    tickets = Ticket.objects.visible_to(history.users["gcio"])
    (row,) = reports.per_service(tickets)
    assert (
        row["total"],
        row["resolved"],
        row["resolution_met_pct"],
        row["response_met_pct"],
        row["rating"],
    ) == (3, 3, 66.7, 100.0, 4.0)
    agencies = {r["agency__name"]: r for r in reports.per_agency(tickets)}
    assert (
        agencies["Dinas Kesehatan"]["resolution_met_pct"] == 50.0
        and agencies["Dinas Pendidikan"]["total"] == 1
    )
    assert sum(m["total"] for m in reports.per_month(tickets)) == 3
    assert reports.top_incidents(tickets)["services"] == [{"service__name": "Jaringan", "n": 2}]


def test_report_page_is_scoped_and_exports(history, client_for):
    page = client_for(history.users["gcio"]).get("/layanan-ti/laporan/").content.decode()
    assert "Dinas Kesehatan" in page and "66,7%" in page and "chart-months" in page
    operator = client_for(history.other_agency_operator).get("/layanan-ti/laporan/").content.decode()
    assert "Dinas Pendidikan" in operator and "Dinas Kesehatan" not in operator
    csv = client_for(history.users["helpdesk"]).get("/layanan-ti/laporan/", {"export": "csv"})
    assert "Jaringan" in b"".join(csv.streaming_content).decode()
    empty = client_for(history.users["gcio"]).get(
        "/layanan-ti/laporan/", {"dari": "2020-01-01", "sampai": "2020-02-01"}
    )
    assert "Tidak ada tiket pada periode ini." in empty.content.decode()
    assert (
        client_for(history.users["gcio"]).get("/layanan-ti/laporan/", {"dari": "bukan-tanggal"}).status_code
        == 200
    )
