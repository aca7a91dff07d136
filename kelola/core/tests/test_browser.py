"""The main paths in a real browser (Debian's chromium through Playwright): an OPD operator and
the GCIO log in through the login form and see what their roles allow; every page reachable from
the navigation fits a 1366x768 screen (no horizontal scrollbar). Screenshots go to test-results/.

Without /usr/bin/chromium these tests skip locally and fail under CI (CI installs the package).
"""

from urllib.parse import urlsplit

import pytest

from .browser import _login, _shot  # the `browser` and `page` fixtures come from the root conftest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 = no horizontal scrollbar)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _navigation(page) -> dict[str, str]:
    links = page.locator("aside a.nav-link")
    return {
        links.nth(i).inner_text().strip(): links.nth(i).get_attribute("href") for i in range(links.count())
    }


def test_login_page_in_indonesian_and_english(page, live_server, world):
    page.goto(f"{live_server.url}/akun/masuk/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("button", name="Masuk").is_visible()
    assert page.get_by_label("Nama pengguna").is_visible()
    assert _overflow(page) <= 0
    _shot(page, "login-id")
    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("html").get_attribute("lang") == "en"
    _shot(page, "login-en")


def test_wrong_password_stays_on_the_login_page(page, live_server, world):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", "agency_operator")
    page.fill("#id_password", "not-the-password")
    page.get_by_role("button", name="Masuk").click()
    assert urlsplit(page.url).path == "/akun/masuk/"
    assert page.locator(".alert-danger").is_visible()
    assert page.locator("aside").count() == 0


def test_agency_operator_sees_own_scope(page, live_server, world):
    _login(page, live_server, "agency_operator")
    nav = page.locator("aside").inner_text()
    assert "Perangkat daerah" in nav
    assert "Log audit" not in nav
    assert page.get_by_text("Perangkat daerah aktif").is_visible()  # a dashboard card
    assert "Kota Contoh" in page.locator("nav.navbar").inner_text()
    assert _overflow(page) <= 0
    _shot(page, "home-operator")

    page.goto(f"{live_server.url}/organisasi/perangkat-daerah/")
    table = page.locator("#register-table").inner_text()
    assert "Dinas Kesehatan" in table
    assert "Dinas Kominfo Kabupaten Lain" not in table
    assert _overflow(page) <= 0
    _shot(page, "agencies-operator")

    response = page.goto(f"{live_server.url}/audit/")
    assert response.status in (403, 404)


def test_gcio_sees_the_pemda_and_the_audit_log(page, live_server, world):
    from playwright.sync_api import expect

    _login(page, live_server, "gcio")
    nav = page.locator("aside").inner_text()
    assert "Log audit" in nav and "Mandiri TIK" in nav
    cards = page.locator("#main").inner_text()
    assert "Perangkat daerah aktif" in cards and "Mandiri TIK" in cards
    assert _overflow(page) <= 0
    _shot(page, "home-gcio")

    page.goto(f"{live_server.url}/organisasi/perangkat-daerah/")
    table = page.locator("#register-table").inner_text()
    assert "Dinas Pendidikan" in table and "Puskesmas Kendalkerep" in table
    assert "Dinas Kominfo Kabupaten Lain" not in table
    page.fill("input[type=search]", "pendidikan")
    expect(page.locator("#register-table")).not_to_contain_text("Puskesmas")  # htmx swapped the table
    assert "Dinas Pendidikan" in page.locator("#register-table").inner_text()
    _shot(page, "agencies-gcio")

    page.goto(f"{live_server.url}/audit/")
    assert page.get_by_role("heading", name="Log audit").is_visible()
    assert _overflow(page) <= 0
    _shot(page, "audit-gcio")

    page.goto(f"{live_server.url}{world.health.get_absolute_url()}")
    page.get_by_role("tab", name="Riwayat").click()
    assert page.get_by_text("Log perubahan").is_visible()
    assert _overflow(page) <= 0
    _shot(page, "agency-detail-gcio")


@pytest.mark.parametrize("username", ["gcio", "agency_operator"])
def test_every_navigation_page_fits_1366x768(page, live_server, world, username):
    """Issue 2 item 9: every page usable on a 1366x768 screen. Walks every link of the sidebar (so
    new domains are covered as they add their menus): the page answers 200, has a heading, and has
    no horizontal scrollbar."""
    _login(page, live_server, username)
    navigation = _navigation(page)
    assert len(navigation) >= 3
    too_wide = {}
    for label, href in navigation.items():
        response = page.goto(f"{live_server.url}{href}")
        assert response.status == 200, f"{label} ({href}) answered {response.status}"
        assert page.locator("#main h1").count() >= 1, f"{label} ({href}) has no heading"
        _shot(page, f"nav-{username}-{href.strip('/').replace('/', '-') or 'home'}")
        if (overflow := _overflow(page)) > 0:
            too_wide[f"{label} ({href})"] = overflow
    assert not too_wide, f"wider than 1366 px (extra pixels): {too_wide}"
