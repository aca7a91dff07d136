"""The rack elevation in a real browser: the data-center team opens a rack, reads its front
view, places a new server on a free unit from there, and sees it in the elevation."""

import pytest

from kelola.core.tests.browser import _login, _shot
from kelola.datacenter.models import Device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_place_a_server_from_the_rack_elevation(page, live_server, dc):
    _login(page, live_server, "datacenter")
    page.goto(f"{live_server.url}/pusat-data/rak/{dc.rack.pk}/")
    page.get_by_role("link", name="Elevasi rak").click()
    page.wait_for_url(f"**/pusat-data/rak/{dc.rack.pk}/elevasi/")
    blocks = page.locator("td.device")
    assert blocks.count() == 2
    assert "srv-simpeg-01" in blocks.nth(1).inner_text() and "U10-U11" in blocks.nth(1).inner_text()
    page.locator('td[data-unit-top="11"]').scroll_into_view_if_needed()
    _shot(page, "datacenter-elevation")
    page.locator('a[href$="position=15"]').click()
    page.wait_for_url("**/pusat-data/perangkat/tambah/**")
    assert page.locator("#id_position").input_value() == "15"
    page.fill("#id_name", "srv-sipd-01")
    page.select_option("#id_agency", str(dc.education.pk))
    page.fill("#id_power_draw_watt", "350")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/pusat-data/perangkat/*/")
    device = Device.objects.get(name="srv-sipd-01")
    assert (device.rack, device.position, device.datacenter) == (dc.rack, 15, dc.datacenter)
    page.get_by_role("link", name="Elevasi rak").click()
    page.wait_for_url("**/elevasi/")
    assert page.locator("td.device").count() == 3
    assert "srv-sipd-01" in page.locator('td[data-unit-top="15"]').inner_text()
