"""DC-1 in a real browser: an OPD operator asks to place its server (colocation), the data
center reviews, checks and places it, the GCIO approves, the data center installs the
application and assigns an address, and the OPD sees the address on its request's page."""

import pytest

from kelola.core.tests.browser import _login, _shot
from kelola.hosting.choices import APPLICATION_ITEMS, PHYSICAL_ITEMS, CheckItem
from kelola.hosting.models import HostingRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _step(page, label, **fields):
    form = page.locator("form", has=page.get_by_role("button", name=label, exact=True))
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(str(value))
        else:
            field.fill(str(value))
    form.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def _checks(page, items):
    for item in items:
        form = page.get_by_role("form", name=str(CheckItem(item).label))
        form.locator("[name=note]").fill("Sesuai")
        form.get_by_role("button", name="Simpan").click()
        page.wait_for_load_state()


def _as(page, live_server, username, url):
    page.context.clear_cookies()
    _login(page, live_server, username)
    page.goto(url)


def test_opd_requests_colocation_and_sees_its_address(page, live_server, hub):
    _login(page, live_server, "agency_operator")
    page.goto(f"{live_server.url}/hosting/penitipan/ajukan/")
    page.select_option("#id_agency", str(hub.health.pk))
    page.select_option("#id_kind", "colocation")
    page.select_option("#id_system", str(hub.system.pk))
    page.fill("#id_letter_number", "000.1/77/Dinkes/2026")
    page.fill("#id_letter_date", "2026-03-02")
    page.fill("#id_server_brand", "Dell PowerEdge R650")
    page.fill("#id_u_height", "2")
    page.fill("#id_power_watt", "600")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/hosting/penitipan/*/")
    request = HostingRequest.objects.get(letter_number="000.1/77/Dinkes/2026")
    detail = f"{live_server.url}/hosting/penitipan/{request.pk}/"
    assert "Diajukan" in page.content()

    _as(page, live_server, "datacenter", detail)
    _step(page, "Catat hasil pengkajian", comment="Surat lengkap, disposisi ke pusat data")
    _step(page, "Klasifikasikan: kolokasi (server dan aplikasi)")
    _checks(page, PHYSICAL_ITEMS)
    _shot(page, "hosting-physical-checks")
    _step(page, "Laporkan hasil pemeriksaan fisik ke pimpinan")
    assert "Menunggu rekomendasi pimpinan" in page.content()

    _as(page, live_server, "gcio", detail)
    _step(page, "Setujui penitipan (rekomendasi pimpinan)", comment="Layak ditempatkan di rak R01")
    assert "Persetujuan penitipan server" in page.content()  # the letter is listed

    _as(page, live_server, "agency_operator", detail)
    _step(page, "Setting server selesai", comment="Rekanan selesai setting")

    _as(page, live_server, "datacenter", detail)
    _step(page, "Tempatkan server di rak", rack=hub.rack.pk, position=20, device_name="srv-simpus")
    _checks(page, APPLICATION_ITEMS)
    _step(page, "Laporkan hasil pemeriksaan aplikasi ke pimpinan")

    _as(page, live_server, "gcio", detail)
    _step(page, "Setujui aplikasi")

    _as(page, live_server, "datacenter", detail)
    _step(page, "Aplikasi terpasang")
    form = page.locator("form", has=page.get_by_role("button", name="Tetapkan alamat IP dan selesaikan"))
    form.get_by_label("203.0.113.0/28", exact=False).check()
    form.get_by_role("button", name="Tetapkan alamat IP dan selesaikan").click()
    page.wait_for_load_state()
    assert "Selesai" in page.content()

    _as(page, live_server, "agency_operator", detail)
    content = page.content()
    assert "203.0.113.1" in content and "srv-simpus" in content
    _shot(page, "hosting-completed-opd")
    request.refresh_from_db()
    assert request.status == "completed" and request.addresses.get().address == "203.0.113.1"
