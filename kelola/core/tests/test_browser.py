"""The main paths in a real browser (Debian's chromium through Playwright): an OPD operator and
the GCIO log in and see what their roles allow; pages fit a 1366x768 screen."""

import os
from pathlib import Path

import pytest

from kelola.core.testing import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-results"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/akun/masuk/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _fits_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_login_page_in_indonesian_and_english(page, live_server, world):
    page.goto(f"{live_server.url}/akun/masuk/")
    assert page.get_by_role("button", name="Masuk").is_visible()
    _shot(page, "login-id")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Sign in").is_visible()


def test_agency_operator_sees_own_scope(page, live_server, world):
    _login(page, live_server, "agency_operator")
    nav = page.locator("aside").inner_text()
    assert "Perangkat daerah" in nav and "Log audit" not in nav
    assert page.get_by_text("Perangkat daerah aktif").is_visible()
    assert _fits_screen(page)
    _shot(page, "home-operator")
    page.goto(f"{live_server.url}/organisasi/perangkat-daerah/")
    table = page.locator("#register-table").inner_text()
    assert "Dinas Kesehatan" in table and "Dinas Kominfo Kabupaten Lain" not in table
    assert _fits_screen(page)
    response = page.goto(f"{live_server.url}/audit/")
    assert response.status == 403


def test_gcio_sees_the_pemda_and_the_audit_log(page, live_server, world):
    from playwright.sync_api import expect

    _login(page, live_server, "gcio")
    nav = page.locator("aside").inner_text()
    assert "Log audit" in nav and "Mandiri TIK" in nav
    _shot(page, "home-gcio")
    page.goto(f"{live_server.url}/organisasi/perangkat-daerah/")
    page.fill("input[type=search]", "pendidikan")
    expect(page.locator("#register-table")).not_to_contain_text("Puskesmas")  # htmx swapped the table
    assert "Dinas Pendidikan" in page.locator("#register-table").inner_text()
    _shot(page, "agencies-gcio")
    page.goto(f"{live_server.url}/audit/")
    assert page.get_by_role("heading", name="Log audit").is_visible()
    assert _fits_screen(page)
    _shot(page, "audit-gcio")
    page.goto(f"{live_server.url}{world.health.get_absolute_url()}")
    page.get_by_role("tab", name="Riwayat").click()
    assert page.get_by_text("Log perubahan").is_visible()
    assert _fits_screen(page)
