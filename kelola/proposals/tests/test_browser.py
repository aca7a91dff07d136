"""Issue 3's main path in a real browser: an OPD files a proposal, the Dinas reviewer advises
rejection, the GCIO rejects, the OPD revises and resubmits, the reviewer recommends approval, the
GCIO approves and the OPD downloads the recommendation letter."""

import pytest

from kelola.core.tests.browser import _login, _shot
from kelola.proposals.models import Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page, live_server):
    page.context.clear_cookies()


def _step(page, label, comment=""):
    form = page.locator("form", has=page.get_by_role("button", name=label))
    if comment:
        form.locator("input[name=comment]").fill(comment)
    form.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def _review(page, recommendation, references, text_field, text):
    page.get_by_role("tab", name="Reviu & tumpang tindih").click()
    page.select_option("#id_recommendation", recommendation)
    page.fill("#id_review_references", references)
    page.fill(f"#id_{text_field}", text)
    page.get_by_role("button", name="Simpan hasil reviu").click()
    page.wait_for_load_state()


def test_propose_reject_revise_approve_and_download_the_letter(page, live_server, world):
    # The OPD operator files the proposal.
    _login(page, live_server, "agency_operator")
    page.goto(f"{live_server.url}/usulan-tik/usulan/tambah/")
    page.select_option("#id_agency", str(world.health.pk))
    page.select_option("#id_kind", "new_app")
    for field, value in {
        "title": "Aplikasi antrean puskesmas",
        "fiscal_year": "2027",
        "program_achievement": "Waktu tunggu turun",
        "program_needs": "Antrean daring",
        "program_output": "Aplikasi antrean",
        "terms_of_reference": "KAK terlampir",
        "needs_analysis": "Antrean manual panjang",
        "benefit_analysis": "Pasien datang tepat waktu",
        "functions": "Ambil nomor antrean",
        "cost_estimate": "900000000",
    }.items():
        page.fill(f"#id_{field}", value)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/usulan-tik/usulan/*/")
    proposal = Proposal.objects.get(title="Aplikasi antrean puskesmas")
    detail = f"{live_server.url}/usulan-tik/usulan/{proposal.pk}/"
    assert page.get_by_role("button", name="Ajukan").count() == 0  # only the head submits
    _logout(page, live_server)

    _login(page, live_server, "agency_head")
    page.goto(detail)
    _step(page, "Ajukan")
    assert "Diajukan" in page.content()
    _logout(page, live_server)

    _login(page, live_server, "reviewer")
    page.goto(detail)
    _review(
        page, "reject", "Rencana Induk SPBE bab 4", "advice", "Biaya terlalu besar; gunakan modul yang ada"
    )
    _shot(page, "proposal-reviewed")
    _logout(page, live_server)

    _login(page, live_server, "gcio")
    page.goto(detail)
    _step(page, "Tolak", comment="Biaya terlalu besar")
    assert "Ditolak" in page.content()
    _logout(page, live_server)

    # The OPD revises, lowers the cost and resubmits.
    _login(page, live_server, "agency_operator")
    page.goto(detail)
    _step(page, "Revisi usulan")
    page.goto(f"{detail}ubah/")
    page.fill("#id_cost_estimate", "300000000")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(detail)
    page.get_by_role("tab", name="Revisi").click()
    assert page.get_by_text("Sekarang (revisi 2)").is_visible()
    page.wait_for_timeout(300)  # the tab fades in
    _shot(page, "proposal-revisions")
    _logout(page, live_server)

    _login(page, live_server, "agency_head")
    page.goto(detail)
    _step(page, "Ajukan")
    _logout(page, live_server)

    _login(page, live_server, "reviewer")
    page.goto(detail)
    _review(page, "approve", "Rencana Induk SPBE bab 4", "cost_analysis", "Sesuai standar biaya")
    _logout(page, live_server)

    _login(page, live_server, "gcio")
    page.goto(detail)
    _step(page, "Setujui dan terbitkan rekomendasi")
    assert "Disetujui" in page.content()
    _logout(page, live_server)

    # The OPD downloads its letter.
    _login(page, live_server, "agency_head")
    page.goto(detail)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh surat rekomendasi").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
