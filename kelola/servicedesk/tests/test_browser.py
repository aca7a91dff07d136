"""Issue 4's main path in a real browser: an OPD operator files a complaint, the agency's tier-1
technician escalates it, the help desk issues a work order, IT support returns it with its
report, the help desk closes it and the operator confirms and rates the ticket."""

import pytest

from kelola.core.tests.browser import _login, _shot
from kelola.organizations.models import Person, TierOneTechnician
from kelola.servicedesk import services
from kelola.servicedesk.models import Ticket, WorkOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _step(page, label, **fields):
    form = page.locator("form", has=page.get_by_role("button", name=label, exact=True))
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_complaint_escalated_work_order_returned_confirmed_and_rated(page, live_server, world):
    service = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="Dukungan aplikasi kepegawaian",
        description="SIMPEG",
        category="application",
        requires_letter=False,
    )
    person = Person.objects.create(
        pemda=world.pemda,
        agency=world.health,
        full_name="Teknisi Dinkes",
        user=world.users["agency_it_officer"],
    )
    TierOneTechnician.objects.create(pemda=world.pemda, agency=world.health, person=person)

    _login(page, live_server, "agency_operator")
    page.goto(f"{live_server.url}/layanan-ti/tiket/buat/")
    page.select_option("#id_agency", str(world.health.pk))
    page.select_option("#id_service", str(service.pk))
    page.select_option("#id_kind", "incident")
    page.fill("#id_title", "SIMPEG tidak bisa dibuka")
    page.fill("#id_description", "Muncul galat 500 sejak pagi")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/layanan-ti/tiket/*/")
    ticket = Ticket.objects.get(title="SIMPEG tidak bisa dibuka")
    assert ticket.tier == 1 and ticket.assignee == world.users["agency_it_officer"]
    detail = f"{live_server.url}/layanan-ti/tiket/{ticket.pk}/"
    page.context.clear_cookies()

    _login(page, live_server, "agency_it_officer")
    page.goto(detail)
    _step(page, "Eskalasi ke tier 2", comment="Server aplikasi di Dinas")
    assert "Dieskalasi ke tier 2" in page.content()
    page.context.clear_cookies()

    _login(page, live_server, "helpdesk")
    page.goto(detail)
    page.select_option("select[name=procedure]", "app_fault_support")
    page.fill("textarea[name=instructions]", "Periksa SIMPEG di komputer pengguna")
    _shot(page, "ticket-work-order-form")
    page.get_by_role("button", name="Terbitkan WO").click()
    page.wait_for_url("**/layanan-ti/wo/*/")
    order = WorkOrder.objects.get(ticket=ticket)
    _shot(page, "work-order-issued")
    page.context.clear_cookies()

    _login(page, live_server, "it_support")
    page.goto(f"{live_server.url}/layanan-ti/wo/?mine=true")
    page.get_by_role("link", name=order.number).click()
    _step(page, "Terima WO")
    form = page.locator("form", has=page.get_by_role("button", name="Kembalikan dengan laporan"))
    form.locator("select[name=fault_kind]").select_option("user_device")
    _step(page, "Kembalikan dengan laporan", report="Cache peramban dibersihkan; SIMPEG normal")
    assert "Dikembalikan ke help desk" in page.content()
    _shot(page, "work-order-returned")
    page.context.clear_cookies()

    _login(page, live_server, "helpdesk")
    page.goto(f"{live_server.url}/layanan-ti/wo/{order.pk}/")
    _step(page, "Konfirmasi pengguna dan tutup")
    assert "Ditutup" in page.content()
    page.context.clear_cookies()

    _login(page, live_server, "agency_operator")
    page.goto(detail)
    assert "Cache peramban dibersihkan" in page.content()
    form = page.locator("form", has=page.get_by_role("button", name="Konfirmasi selesai"))
    form.locator("select[name=rating]").select_option("5")
    _step(page, "Konfirmasi selesai", feedback="Terima kasih")
    _shot(page, "ticket-confirmed")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.rating, ticket.feedback) == ("closed", 5, "Terima kasih")
