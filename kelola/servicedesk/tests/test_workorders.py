"""DESK-4 work orders: every path of the four procedures of 004 Lampiran IV (2.1.1 request,
2.1.2 complaint, 1.2.1 application fault at IT support, 1.1.2 application fault at the data
center), the help desk's send-back and close (which resolves the ticket with the report), the
refused steps, and who sees and acts on pages and API."""

import pytest

from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry, Notification
from kelola.servicedesk import services, tickets, workorders
from kelola.servicedesk.models import Ticket, WorkOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def wo(world):
    ns = world
    ns.app_service = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="Dukungan aplikasi",
        description="-",
        category="application",
        requires_letter=False,
    )
    return ns


def complaint(ns, **extra):
    """A complaint of Dinas Kesehatan; the agency has no technician, so it starts at the help desk."""
    data = {"kind": "incident", "title": "SIMPEG tidak bisa dibuka", "description": "Sejak pagi", **extra}
    return tickets.ticket_create(
        actor=ns.users["agency_operator"], agency=ns.health, service=ns.app_service, **data
    )


def issue(ns, ticket, procedure):
    return workorders.workorder_issue(
        actor=ns.users["helpdesk"], ticket=ticket, procedure=procedure, instructions="Periksa aplikasi"
    )


def step(ns, order, name, who, **data):
    return workorders.workorder_transition(order, name, actor=ns.users[who], **data)


def close_and_rate(ns, order):
    order = step(ns, order, "close", "helpdesk")
    ticket = Ticket.objects.get(pk=order.ticket_id)
    assert ticket.status == "resolved"
    tickets.ticket_transition(
        ticket, "confirm", actor=ns.users["agency_operator"], rating=5, feedback="Cepat"
    )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.rating) == ("closed", 5)
    return order, ticket


def test_request_procedure_2_1_1_issue_handle_return_confirm_close(wo):
    ticket = complaint(wo, kind="request", title="Pemasangan aplikasi")
    assert (ticket.tier, ticket.team) == (2, "helpdesk")
    order = issue(wo, ticket, "request")
    assert (order.team, order.status, order.number) == ("it_support", "issued", order.number)
    assert order.number.startswith("WO-") and order.agency == wo.health
    ticket.refresh_from_db()
    assert ticket.status == "in_progress" and ticket.assignee == wo.users["helpdesk"]
    assert Notification.objects.filter(
        recipient=wo.users["it_support"], kind="servicedesk.work_order"
    ).exists()
    order = step(wo, order, "accept", "it_support")
    assert order.assignee == wo.users["it_support"]
    order = step(wo, order, "return", "it_support", report="Aplikasi terpasang di 3 komputer")
    assert (order.status, order.outcome) == ("returned", "done") and order.returned_at
    order, ticket = close_and_rate(wo, order)
    assert order.status == "closed" and ticket.resolution == "Aplikasi terpasang di 3 komputer"


def test_complaint_procedure_2_1_2_help_desk_solves_it_itself_without_a_work_order(wo):
    ticket = complaint(wo)
    tickets.ticket_transition(ticket, "take", actor=wo.users["helpdesk"])
    tickets.ticket_transition(
        ticket, "resolve", actor=wo.users["helpdesk"], resolution="Dibantu lewat telepon"
    )
    assert ticket.status == "resolved" and not ticket.work_orders.exists()


def test_complaint_procedure_2_1_2_send_back_then_return(wo):
    order = issue(wo, complaint(wo), "complaint")
    order = step(wo, order, "accept", "it_support")
    order = step(wo, order, "return", "it_support", report="Sudah")
    order = step(wo, order, "send_back", "helpdesk", comment="Pengguna masih mengeluh")
    assert (order.status, order.outcome, order.team) == ("issued", "", "it_support")
    order = step(wo, step(wo, order, "accept", "it_support"), "return", "it_support", report="Kabel diganti")
    close_and_rate(wo, order)


def test_app_fault_1_2_1_hosted_in_the_data_center_goes_on_to_the_data_center(wo):
    order = step(wo, issue(wo, complaint(wo), "app_fault_support"), "accept", "it_support")
    with pytest.raises(KelolaError) as refused:  # the location is not recorded yet
        step(wo, order, "pass_on", "it_support", to_team="datacenter", comment="Server di pusat data")
    assert "lokasi aplikasi: Di pusat data" in str(refused.value.message)
    order.refresh_from_db()
    assert (order.team, order.status) == ("it_support", "in_progress")
    assert AuditEntry.objects.filter(action="refused", object_id=str(order.pk)).exists()
    order = step(
        wo,
        order,
        "pass_on",
        "it_support",
        to_team="datacenter",
        app_location="datacenter",
        comment="Di pusat data",
    )
    assert (order.team, order.status, order.assignee) == ("datacenter", "issued", None)
    with pytest.raises(KelolaError):  # IT support no longer holds it
        step(wo, order, "accept", "it_support")
    order = step(wo, order, "accept", "datacenter")
    order = step(
        wo, order, "return", "datacenter", fault_kind="application", report="Layanan basis data dimulai ulang"
    )
    close_and_rate(wo, order)


def test_app_fault_1_2_1_not_in_the_data_center_is_referred_to_the_developer(wo):
    from kelola.portfolio.tests.conftest import make_system

    system = make_system(wo.health, vendor="PT Contoh Solusi")
    ticket = complaint(wo, system=system)
    order = step(wo, issue(wo, ticket, "app_fault_support"), "accept", "it_support")
    with pytest.raises(KelolaError):  # a referral needs the finding that the app runs elsewhere
        step(wo, order, "refer_to_developer", "it_support", report="Hubungi pengembang")
    order = step(
        wo, order, "refer_to_developer", "it_support", app_location="elsewhere", report="Server milik vendor"
    )
    assert (order.status, order.outcome) == ("returned", "referred")
    _order, ticket = close_and_rate(wo, order)
    assert "pengembang aplikasi (PT Contoh Solusi)" in ticket.resolution


def test_app_fault_1_1_2_at_the_data_center_every_branch(wo):
    # not hosted here: refer to the developer
    first = step(wo, issue(wo, complaint(wo), "app_fault_datacenter"), "accept", "datacenter")
    assert first.team == "datacenter"
    first = step(
        wo, first, "refer_to_developer", "datacenter", app_location="elsewhere", report="Bukan di PD"
    )
    close_and_rate(wo, first)
    # hosted here, an application fault: refer to the developer
    second = step(wo, issue(wo, complaint(wo), "app_fault_datacenter"), "accept", "datacenter")
    second = step(
        wo,
        second,
        "refer_to_developer",
        "datacenter",
        app_location="datacenter",
        fault_kind="application",
        report="Galat pada kode aplikasi",
    )
    assert second.outcome == "referred"
    close_and_rate(wo, second)
    # hosted here, a network fault: infrastructure checks the connections and returns it
    third = step(wo, issue(wo, complaint(wo), "app_fault_datacenter"), "accept", "datacenter")
    with pytest.raises(KelolaError) as refused:
        step(wo, third, "refer_to_developer", "datacenter", app_location="datacenter", report="-")
    assert "gangguan aplikasi" in str(refused.value.message)
    third = step(
        wo,
        third,
        "pass_on",
        "datacenter",
        to_team="infrastructure",
        app_location="datacenter",
        fault_kind="network",
        comment="Koneksi intranet putus",
    )
    assert third.team == "infrastructure"
    third = step(
        wo, step(wo, third, "accept", "infrastructure"), "return", "infrastructure", report="Switch diganti"
    )
    close_and_rate(wo, third)


def test_refused_steps_change_nothing(wo):
    ticket = complaint(wo)
    order = issue(wo, ticket, "request")
    with pytest.raises(KelolaError):  # the help desk does not work IT support's orders
        step(wo, order, "accept", "helpdesk")
    order = step(wo, order, "accept", "it_support")
    with pytest.raises(KelolaError) as refused:
        step(wo, order, "return", "it_support")
    assert "laporan pekerjaan" in str(refused.value.message)
    with pytest.raises(KelolaError):  # a request is not an application fault
        step(wo, order, "refer_to_developer", "it_support", app_location="elsewhere", report="-")
    with pytest.raises(KelolaError):  # IT support → data center only for an app hosted there
        step(wo, order, "pass_on", "it_support", to_team="datacenter", comment="-")
    with pytest.raises(KelolaError):  # only the help desk closes
        step(wo, order, "close", "it_support")
    with pytest.raises(KelolaError):  # one open WO per ticket
        issue(wo, ticket, "complaint")
    order.refresh_from_db()
    assert (order.status, order.report, order.app_location) == ("in_progress", "", "")
    order = step(wo, order, "cancel", "helpdesk", comment="Permintaan dibatalkan pemohon")
    assert order.status == "cancelled"


def test_only_the_help_desk_issues_and_only_for_tier_two_tickets(wo):
    from kelola.organizations.models import Person, TierOneTechnician

    with pytest.raises(KelolaError):
        workorders.workorder_issue(
            actor=wo.users["it_support"], ticket=complaint(wo), procedure="request", instructions="-"
        )
    person = Person.objects.create(
        pemda=wo.pemda, agency=wo.health, full_name="Teknisi", user=wo.users["agency_it_officer"]
    )
    TierOneTechnician.objects.create(pemda=wo.pemda, agency=wo.health, person=person)
    tier_one = complaint(wo)
    assert tier_one.tier == 1
    with pytest.raises(KelolaError) as refused:
        issue(wo, tier_one, "complaint")
    assert "tier 2" in str(refused.value.message)
    tickets.ticket_transition(
        tier_one, "escalate", actor=wo.users["agency_it_officer"], comment="Butuh Dinas"
    )
    assert issue(wo, tier_one, "complaint").team == "it_support"
    assert WorkOrder.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("agency_operator", True),
        ("helpdesk", True),
        ("it_support", True),
        ("auditor", True),
        ("bappeda", False),
        ("other_agency_operator", False),
        ("other_pemda_gcio", False),
        ("no_role", False),
    ],
)
def test_who_sees_a_work_order(wo, client_for, api_for, who, sees):
    order = issue(wo, complaint(wo), "complaint")
    user = getattr(wo, who, None) or wo.users[who]
    expected = 200 if sees else 404
    assert api_for(user).get(f"/api/v1/work-orders/{order.pk}/").status_code == expected
    assert client_for(user).get(f"/layanan-ti/wo/{order.pk}/").status_code == expected
    listed = api_for(user).get("/api/v1/work-orders/").json()["results"]
    assert bool(listed) is sees


def test_pages_and_api_issue_and_move_a_work_order(wo, client_for, api_for):
    ticket = complaint(wo)
    desk_page = client_for(wo.users["helpdesk"]).get(ticket.get_absolute_url()).content.decode()
    assert "Terbitkan WO" in desk_page
    operator_page = client_for(wo.users["agency_operator"]).get(ticket.get_absolute_url()).content.decode()
    assert "Terbitkan WO" not in operator_page
    refused = api_for(wo.users["agency_operator"]).post(
        "/api/v1/work-orders/", {"ticket": ticket.pk, "procedure": "complaint", "instructions": "-"}
    )
    assert refused.status_code == 403 and not WorkOrder.objects.exists()
    client = client_for(wo.users["helpdesk"])
    response = client.post(
        f"/layanan-ti/tiket/{ticket.pk}/wo/", {"procedure": "app_fault_support", "instructions": "Cek SIMPEG"}
    )
    order = WorkOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    client = client_for(wo.users["it_support"])
    queue = client.get("/layanan-ti/wo/", {"mine": "true"}).content.decode()
    assert order.number in queue
    client.post(f"/layanan-ti/wo/{order.pk}/langkah/", {"name": "accept"})
    page = client.post(
        f"/layanan-ti/wo/{order.pk}/langkah/",
        {"name": "pass_on", "to_team": "datacenter", "comment": "cek"},
        follow=True,
    ).content.decode()
    assert "Belum lengkap" in page
    client.post(
        f"/layanan-ti/wo/{order.pk}/langkah/",
        {
            "name": "pass_on",
            "to_team": "datacenter",
            "app_location": "datacenter",
            "comment": "Di pusat data",
        },
    )
    order.refresh_from_db()
    assert order.team == "datacenter"
    api = api_for(wo.users["datacenter"])
    assert api.post(f"/api/v1/work-orders/{order.pk}/transition/", {"name": "accept"}).status_code == 200
    done = api.post(
        f"/api/v1/work-orders/{order.pk}/transition/",
        {"name": "return", "fault_kind": "application", "report": "Dimulai ulang"},
        format="json",
    )
    assert done.status_code == 200 and done.json()["status"] == "returned"
    bad = api.post(f"/api/v1/work-orders/{order.pk}/transition/", {"name": "close"})
    assert bad.status_code == 403
    other = api_for(wo.other_pemda_gcio).post(
        f"/api/v1/work-orders/{order.pk}/transition/", {"name": "close"}
    )
    assert other.status_code == 404
    closed = api_for(wo.users["helpdesk"]).post(
        f"/api/v1/work-orders/{order.pk}/transition/", {"name": "close"}
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    export = client_for(wo.users["helpdesk"]).get("/layanan-ti/wo/", {"export": "csv"})
    assert export.status_code == 200 and order.number in b"".join(export.streaming_content).decode()


def test_home_cards_show_the_team_queue_and_the_returned_orders(wo, client_for):
    order = step(wo, issue(wo, complaint(wo), "complaint"), "accept", "it_support")
    team_home = client_for(wo.users["it_support"]).get("/").content.decode()
    assert "WO tim saya" in team_home
    step(wo, order, "return", "it_support", report="Selesai")
    desk_home = client_for(wo.users["helpdesk"]).get("/").content.decode()
    assert "WO menunggu konfirmasi" in desk_home
    assert "WO tim saya" not in client_for(wo.users["agency_operator"]).get("/").content.decode()
