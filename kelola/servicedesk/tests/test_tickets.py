"""DESK-2/3/5/7 tickets: filing (priority, VVIP, the letter rule, the services an agency may
use), routing to tier 1 or the help desk, escalation with a reason, SLA pauses, resolution,
the requester's confirmation and rating, reopening; who sees and acts, on pages and API."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry, Notification
from kelola.organizations.models import Person, TierOneTechnician
from kelola.servicedesk import services, tickets
from kelola.servicedesk.models import Ticket, TicketPause

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def desk(world):
    ns = world
    ns.mail = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="Akun e-mail",
        description="-",
        category="account",
    )
    ns.network = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="Gangguan jaringan",
        description="-",
        category="network",
        team="infrastructure",
        requires_letter=False,
    )
    ns.simpus = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="SIMPUS",
        description="-",
        category="application",
        available_to_all=False,
        allowed_agencies=[world.health],
        requires_letter=False,
    )
    person = Person.objects.create(
        pemda=world.pemda,
        agency=world.health,
        full_name="Teknisi Dinkes",
        user=world.users["agency_it_officer"],
    )
    TierOneTechnician.objects.create(pemda=world.pemda, agency=world.health, person=person)
    return ns


def file(world, service, user=None, agency=None, **extra):
    data = {"kind": "incident", "title": "Internet mati", "description": "Sejak pagi", **extra}
    return tickets.ticket_create(
        actor=user or world.users["agency_operator"], agency=agency or world.health, service=service, **data
    )


def test_priority_matrix_and_vvip():
    assert tickets.priority_for("high", "high", False) == "p1"
    assert tickets.priority_for("low", "low", False) == "p4"
    assert tickets.priority_for("medium", "high", False) == "p2"
    assert tickets.priority_for("low", "low", True) == "p1"


def test_a_ticket_goes_to_the_agency_s_tier_one_technician_with_sla_due_times(desk):
    ticket = file(desk, desk.network, impact="high", urgency="high")
    assert (ticket.tier, ticket.assignee, ticket.priority) == (1, desk.users["agency_it_officer"], "p1")
    assert ticket.response_due and ticket.resolution_due and ticket.response_due <= ticket.resolution_due
    assert Notification.objects.filter(
        recipient=desk.users["agency_it_officer"], kind="servicedesk.ticket_new"
    ).exists()


def test_an_agency_without_technician_goes_to_the_help_desk(desk):
    ticket = file(desk, desk.network, user=desk.other_agency_operator, agency=desk.education)
    assert (ticket.tier, ticket.team, ticket.assignee) == (2, "helpdesk", None)
    assert Notification.objects.filter(
        recipient=desk.users["helpdesk"], kind="servicedesk.ticket_new"
    ).exists()


def test_routing_follows_changes_to_the_technician_at_once(desk):
    """Routing is cached per agency; naming, ending or deactivating a technician applies to the
    very next ticket."""
    officer = desk.users["agency_it_officer"]
    assert file(desk, desk.network).assignee == officer  # cached now
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert (file(desk, desk.network).tier, file(desk, desk.network).assignee) == (2, None)
    officer.is_active = True
    officer.save(update_fields=["is_active"])
    assignment = TierOneTechnician.objects.get(agency=desk.health)
    assignment.since = timezone.localdate() - datetime.timedelta(days=30)
    assignment.until = timezone.localdate() - datetime.timedelta(days=1)
    assignment.save()
    assert file(desk, desk.network).tier == 2
    head = desk.users["agency_head"]
    person = Person.objects.create(pemda=desk.pemda, agency=desk.health, full_name="Teknisi Baru")
    TierOneTechnician.objects.create(pemda=desk.pemda, agency=desk.health, person=person)
    assert file(desk, desk.network).tier == 2  # the new technician has no account yet
    person.user = head
    person.save()
    assert file(desk, desk.network).assignee == head


def test_refusals_a_service_not_for_the_agency_a_missing_letter_and_vvip(desk):
    with pytest.raises(KelolaError) as refused:
        file(desk, desk.simpus, user=desk.other_agency_operator, agency=desk.education)
    assert "hanya tersedia" in str(refused.value.message)
    with pytest.raises(KelolaError) as refused:
        file(desk, desk.mail, kind="request")
    assert "letter" in refused.value.errors
    with pytest.raises(KelolaError):
        file(desk, desk.mail, kind="request", vvip=True)  # only the help desk marks VVIP
    assert not Ticket.objects.exists() and AuditEntry.objects.filter(action="refused").count() == 3
    vvip = file(desk, desk.mail, user=desk.users["helpdesk"], kind="request", vvip=True)
    assert vvip.priority == "p1" and vvip.letter is None
    with_letter = file(desk, desk.mail, kind="request", letter=SimpleUploadedFile("surat.pdf", PDF))
    assert with_letter.letter.kind == "letter"


def test_tier_one_escalates_with_a_reason_and_the_team_resolves(desk):
    ticket = file(desk, desk.network)
    technician, infra = desk.users["agency_it_officer"], desk.users["infrastructure"]
    tickets.ticket_transition(ticket, "take", actor=technician)
    assert ticket.responded_at
    with pytest.raises(KelolaError):
        tickets.ticket_transition(ticket, "escalate", actor=technician)  # no reason
    tickets.ticket_transition(ticket, "escalate", actor=technician, comment="Kabel backbone putus")
    assert (ticket.tier, ticket.team, ticket.status) == (2, "infrastructure", "escalated")
    assert Notification.objects.filter(recipient=infra, kind="workflow.escalate").exists()
    with pytest.raises(KelolaError):  # another team does not take it
        tickets.ticket_transition(ticket, "take", actor=desk.users["datacenter"])
    tickets.ticket_transition(ticket, "take", actor=infra)
    with pytest.raises(KelolaError):  # resolving needs the resolution
        tickets.ticket_transition(ticket, "resolve", actor=infra)
    tickets.ticket_transition(ticket, "resolve", actor=infra, resolution="Kabel diganti")
    assert ticket.status == "resolved"
    with pytest.raises(KelolaError):  # the requester confirms, not another agency
        tickets.ticket_transition(ticket, "confirm", actor=desk.other_agency_operator)
    tickets.ticket_transition(
        ticket, "confirm", actor=desk.users["agency_operator"], rating=5, feedback="Cepat"
    )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.rating) == ("closed", 5) and ticket.closed_at


def test_waiting_for_the_user_pauses_the_clock(desk):
    ticket = file(desk, desk.network)
    technician = desk.users["agency_it_officer"]
    tickets.ticket_transition(ticket, "take", actor=technician)
    due_before = ticket.resolution_due
    tickets.ticket_transition(ticket, "wait_for_user", actor=technician, comment="Mohon kirim foto perangkat")
    pause = TicketPause.objects.get(ticket=ticket)
    TicketPause.objects.filter(pk=pause.pk).update(started_at=pause.started_at - datetime.timedelta(hours=2))
    tickets.ticket_transition(ticket, "resume", actor=desk.users["agency_operator"])
    ticket.refresh_from_db()
    assert ticket.status == "in_progress" and TicketPause.objects.get(ticket=ticket).ended_at
    assert ticket.resolution_due >= due_before


def test_reopening_within_the_limit_only(desk):
    ticket = file(desk, desk.network)
    technician = desk.users["agency_it_officer"]
    tickets.ticket_transition(ticket, "take", actor=technician)
    tickets.ticket_transition(ticket, "resolve", actor=technician, resolution="Router dinyalakan ulang")
    tickets.ticket_transition(ticket, "reopen", actor=desk.users["agency_operator"], comment="Mati lagi")
    assert ticket.status == "in_progress"
    tickets.ticket_transition(ticket, "resolve", actor=technician, resolution="Router diganti")
    Ticket.objects.filter(pk=ticket.pk).update(resolved_at=timezone.now() - datetime.timedelta(days=30))
    ticket.refresh_from_db()
    with pytest.raises(KelolaError) as refused:
        tickets.ticket_transition(ticket, "reopen", actor=desk.users["agency_operator"], comment="Lagi")
    assert "7 hari" in str(refused.value.message)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("agency_operator", True),
        ("helpdesk", True),
        ("infrastructure", True),
        ("auditor", True),
        ("bappeda", False),
        ("other_agency_operator", False),
        ("other_pemda_gcio", False),
    ],
)
def test_who_sees_a_ticket(desk, client_for, api_for, who, sees):
    ticket = file(desk, desk.network)
    user = getattr(desk, who, None) or desk.users[who]
    expected = 200 if sees else 404
    assert api_for(user).get(f"/api/v1/tickets/{ticket.pk}/").status_code == expected
    assert client_for(user).get(f"/layanan-ti/tiket/{ticket.pk}/").status_code == expected


def test_pages_and_api_file_and_move_tickets(desk, client_for, api_for):
    client = client_for(desk.users["agency_operator"])
    assert client.get("/layanan-ti/tiket/buat/").status_code == 200
    response = client.post(
        "/layanan-ti/tiket/buat/",
        {
            "agency": desk.health.pk,
            "service": desk.mail.pk,
            "kind": "request",
            "title": "Akun baru",
            "description": "Pegawai baru",
            "impact": "low",
            "urgency": "low",
            "channel": "web",
        },
    )
    assert response.status_code == 400 and "surat atau nota dinas" in response.content.decode()
    api = api_for(desk.users["agency_operator"])
    created = api.post(
        "/api/v1/tickets/",
        {
            "agency": desk.health.pk,
            "service": desk.network.pk,
            "kind": "incident",
            "title": "Wifi mati",
            "description": "-",
            "channel": "api",
        },
        format="json",
    )
    assert created.status_code == 201 and created.json()["priority"] == "p3" and created.json()["tier"] == 1
    ticket_id = created.json()["id"]
    refused = api_for(desk.users["bappeda"]).post(
        f"/api/v1/tickets/{ticket_id}/transition/", {"name": "take"}
    )
    assert refused.status_code == 404
    taken = api_for(desk.users["agency_it_officer"]).post(
        f"/api/v1/tickets/{ticket_id}/transition/", {"name": "take"}
    )
    assert taken.status_code == 200 and taken.json()["status"] == "in_progress"
    page = (
        client_for(desk.users["agency_it_officer"])
        .get("/layanan-ti/tiket/", {"mine": "true"})
        .content.decode()
    )
    assert "Wifi mati" in page


def test_the_sla_scan_records_warnings_and_breaches_once(desk):
    from kelola.servicedesk import sla
    from kelola.servicedesk.models import SlaEvent

    late = file(desk, desk.network, title="Terlambat")
    soon = file(desk, desk.network, title="Hampir")
    done = file(desk, desk.network, title="Beres")
    now = timezone.now()
    hour, day = datetime.timedelta(hours=1), datetime.timedelta(days=1)
    Ticket.objects.filter(pk=late.pk).update(response_due=now - hour, resolution_due=now - hour / 12)
    Ticket.objects.filter(pk=soon.pk).update(response_due=now + hour / 6, resolution_due=now + 2 * day)
    Ticket.objects.filter(pk=done.pk).update(
        status="resolved", response_due=now - day, resolution_due=now - day
    )
    counts = sla.scan(now)
    assert counts == {
        "response_breach": 1,
        "response_warning": 1,
        "resolution_breach": 1,
        "resolution_warning": 0,
    }
    assert set(SlaEvent.objects.values_list("ticket_id", "kind")) == {
        (late.pk, "response_breach"),
        (late.pk, "resolution_breach"),
        (soon.pk, "response_warning"),
    }
    officer = desk.users["agency_it_officer"]
    assert Notification.objects.filter(recipient=officer, kind="servicedesk.response_breach").exists()
    assert sla.scan(now) == {
        "response_breach": 0,
        "response_warning": 0,
        "resolution_breach": 0,
        "resolution_warning": 0,
    }


def test_batch_filing_keeps_the_valid_tickets_and_reports_each_refused_one(desk, api_for):
    api = api_for(desk.users["agency_operator"])
    item = {"agency": desk.health.pk, "service": desk.network.pk, "kind": "incident", "description": "-"}
    response = api.post(
        "/api/v1/tickets/batch/",
        {
            "tickets": [
                {**item, "title": "Wifi lantai 1 mati"},
                {**item, "title": ""},  # no title
                {**item, "title": "Akun", "service": desk.mail.pk, "kind": "request"},  # no letter
                {**item, "title": "Kabupaten lain", "agency": desk.other_health.pk},
                {**item, "title": "Wifi lantai 2 mati", "impact": "high", "urgency": "high"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["refused"]) == (2, 3)
    statuses = [r["status"] for r in body["results"]]
    assert statuses == [201, 400, 400, 400, 201]
    assert "title" in body["results"][1]["errors"] and "letter" in body["results"][2]["errors"]
    assert body["results"][4]["priority"] == "p1"
    assert sorted(Ticket.objects.values_list("title", flat=True)) == [
        "Wifi lantai 1 mati",
        "Wifi lantai 2 mati",
    ]
    assert AuditEntry.objects.filter(action="refused", actor=desk.users["agency_operator"]).exists()
    too_many = api.post("/api/v1/tickets/batch/", {"tickets": [item] * 101}, format="json")
    assert too_many.status_code == 400 and Ticket.objects.count() == 2
    refused = api_for(desk.no_role).post(
        "/api/v1/tickets/batch/", {"tickets": [{**item, "title": "x"}]}, format="json"
    )
    assert refused.json()["created"] == 0 and refused.json()["results"][0]["status"] in (400, 403)
    assert api_for().post("/api/v1/tickets/batch/", {"tickets": [item]}, format="json").status_code in (
        401,
        403,
    )


def test_a_batch_reads_each_named_agency_and_service_once(desk, api_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_for(desk.users["agency_operator"])
    item = {"agency": desk.health.pk, "service": desk.network.pk, "kind": "incident", "description": "-"}
    batch = {"tickets": [{**item, "title": f"Wifi lantai {n} mati"} for n in range(1, 6)]}
    with CaptureQueriesContext(connection) as queries:
        response = api.post("/api/v1/tickets/batch/", batch, format="json")
    assert response.json()["created"] == 5
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert sum('FROM "core_agency"' in sql and '"core_agency"."id" =' in sql for sql in reads) == 1
    assert sum('FROM "servicedesk_service"' in sql for sql in reads) == 1
    # Another key in the same batch is still looked up, and one outside the user's scope refused.
    mixed = {"tickets": [{**item, "title": "A"}, {**item, "title": "B", "agency": desk.other_health.pk}]}
    results = api.post("/api/v1/tickets/batch/", mixed, format="json").json()["results"]
    assert [r["status"] for r in results] == [201, 400]
