"""The registry's pages and API used end to end: register, fill the tables, answer the
questionnaire, print the form; bad input gets field errors in Indonesian and changes nothing."""

import io

import pytest
from openpyxl import load_workbook

from kelola.core.models import AuditEntry
from kelola.portfolio.models import ElectronicSystem, SystemEntry

pytestmark = pytest.mark.django_db

LIST = "/portofolio/sistem/"


def formset_post(rows, extra_blank=1):
    data = {"form-TOTAL_FORMS": str(len(rows) + extra_blank), "form-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{i}-{key}"] = value
    return data


def test_register_through_the_page(world, client_for):
    client = client_for(world.users["agency_operator"])
    page = client.get(f"{LIST}tambah/").content.decode()
    assert "A. Data umum" in page and "G. Penanggung jawab" in page
    response = client.post(
        f"{LIST}tambah/",
        {
            "agency": world.health.pk,
            "internal_name": "sikda",
            "external_name": "SIKDA Generik",
            "description": "Sistem informasi kesehatan daerah",
            "service_target": "local",
            "access": "online",
            "app_kind": "specific",
            "developer": "owner_agency",
            "status": "planned",
            "classification": "public",
            "on_web": "on",
            "open_source": "on",
        },
    )
    assert response.status_code == 302
    system = ElectronicSystem.objects.get(internal_name="sikda")
    assert system.agency == world.health and system.operator_unit == "Dinas Kesehatan"


def test_invalid_registration_shows_indonesian_field_errors(world, client_for):
    client = client_for(world.users["agency_operator"])
    response = client.post(
        f"{LIST}tambah/",
        {
            "agency": world.health.pk,
            "internal_name": "",
            "app_kind": "general",
            "service_target": "local",
            "access": "online",
            "developer": "owner_agency",
            "status": "planned",
            "classification": "public",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Bidang ini harus diisi." in page
    assert "Aplikasi umum wajib diisi kompleksitasnya" in page
    assert not ElectronicSystem.objects.exists()


def test_fill_a_table_and_see_it_on_the_detail_page(port, client_for):
    client = client_for(port.users["agency_operator"])
    url = f"{LIST}{port.system.pk}/tabel/function/"
    assert "Fungsi sistem" in client.get(url).content.decode()
    response = client.post(
        url, formset_post([{"name": "Pendaftaran pasien"}, {"name": "Rekam medis", "note": "ICD-10"}])
    )
    assert response.status_code == 302
    assert list(port.system.entries.values_list("text", flat=True)) == [
        "Pendaftaran pasien",
        "Rekam medis ICD-10",
    ]
    detail = client.get(f"{LIST}{port.system.pk}/").content.decode()
    assert "Rekam medis" in detail and "A.8 Fungsi utama" in detail
    assert AuditEntry.objects.filter(object_id=str(port.system.pk), action="update").exists()


def test_a_bad_table_row_changes_nothing(port, client_for):
    SystemEntry.objects.create(
        system=port.system, section="expert_needed", data={"profession": "ui_designer", "count": 1}
    )
    client = client_for(port.users["agency_operator"])
    response = client.post(
        f"{LIST}{port.system.pk}/tabel/expert_needed/",
        formset_post([{"profession": "astronaut", "count": "-1"}]),
    )
    assert response.status_code == 400
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert "lebih besar dari atau sama dengan 0" in response.content.decode()
    assert list(port.system.entries.values_list("data", flat=True)) == [
        {"profession": "ui_designer", "count": 1}
    ]


def test_questionnaire_page_scores_and_refuses_a_missing_answer(port, client_for):
    client = client_for(port.users["agency_head"])
    url = f"{LIST}{port.system.pk}/kategori/"
    answers = {f"q{i}": "B" for i in range(1, 11)}
    missing = {k: v for k, v in answers.items() if k != "q4"}
    refused = client.post(url, missing)
    assert refused.status_code == 400 and "Pertanyaan 4 belum dijawab." in refused.content.decode()
    port.system.refresh_from_db()
    assert port.system.risk_category == ""
    assert client.post(url, answers | {"assessor_position": "Kasi TI"}).status_code == 302
    port.system.refresh_from_db()
    assert (port.system.risk_score, port.system.get_risk_category_display()) == (20, "Tinggi")


def test_pdf_and_xlsx_of_the_filled_form(port, client_for):
    SystemEntry.objects.create(system=port.system, section="function", data={"name": "Antrean online"})
    client = client_for(port.users["reviewer"])
    pdf = client.get(f"{LIST}{port.system.pk}/formulir.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"{LIST}{port.system.pk}/formulir.xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert "A.8 Fungsi utama" in workbook.sheetnames
    assert workbook["A.8 Fungsi utama"]["A2"].value == "Antrean online"
    assert AuditEntry.objects.filter(action="export", object_id=str(port.system.pk)).count() == 2
    assert client.get(f"{LIST}{port.system.pk}/formulir.doc").status_code == 404


def test_list_filters_search_table_rows_and_exports(port, client_for):
    from kelola.portfolio import services

    services.section_replace(port.school_system, "scope", [{"sector": "education"}], actor=port.users["gcio"])
    client = client_for(port.users["gcio"])
    page = client.get(LIST, {"q": "pendidikan"}).content.decode()
    assert "Data Pokok Sekolah" in page and "Sistem Informasi Puskesmas" not in page
    page = client.get(LIST, {"sector": "education"}).content.decode()
    assert "Data Pokok Sekolah" in page and "Sistem Informasi Puskesmas" not in page
    page = client.get(LIST, {"q": "PENDIDIKAN "}).content.decode()  # any case, spaces trimmed
    assert "Data Pokok Sekolah" in page
    services.system_update(port.school_system, actor=port.users["gcio"], vendor="PT Cendekia")
    assert "Data Pokok Sekolah" in client.get(LIST, {"q": "cendekia"}).content.decode()
    page = client.get(LIST, {"risk_category": "none"}).content.decode()
    assert "Data Pokok Sekolah" in page
    csv = b"".join(client.get(LIST, {"export": "csv"}).streaming_content).decode()
    assert "Nama internal" in csv and "dapodik-lokal" in csv


def test_api_sections_replace_and_refuse_with_row_errors(port, api_for):
    api = api_for(port.users["agency_operator"])
    url = f"/api/v1/systems/{port.system.pk}/sections/hardware/"
    ok = api.put(url, {"rows": [{"kind": "server", "ownership": "owned", "quantity": 2}]}, format="json")
    assert ok.status_code == 200 and ok.json()["rows"] == [
        {"kind": "server", "ownership": "owned", "quantity": 2}
    ]
    bad = api.put(
        url,
        {"rows": [{"kind": "server"}, {"kind": "mainframe", "ownership": "owned", "x": 1}]},
        format="json",
    )
    assert bad.status_code == 400
    errors = bad.json()["errors"]["rows"]
    assert set(errors) == {"1", "2"} and "ownership" in errors["1"] and {"kind", "x"} <= set(errors["2"])
    assert api.get(url).json()["rows"] == ok.json()["rows"]
    assert (
        api.put(f"/api/v1/systems/{port.system.pk}/sections/nope/", {"rows": []}, format="json").status_code
        == 404
    )
    every = api.get(f"/api/v1/systems/{port.system.pk}/sections/").json()
    assert set(every) >= {"function", "hardware", "helpdesk"}


def test_api_risk_assessment_history(port, api_for):
    api = api_for(port.users["agency_operator"])
    url = f"/api/v1/systems/{port.system.pk}/risk-assessments/"
    refused = api.post(url, {"answers": {"q1": "A"}}, format="json")
    assert refused.status_code == 400 and "q2" in refused.json()["errors"]
    created = api.post(url, {"answers": {f"q{i}": "A" for i in range(1, 11)}}, format="json")
    assert created.status_code == 201 and created.json()["category"] == "strategic"
    assert [a["score"] for a in api.get(url).json()] == [50]


def test_build_rule_refusal_reaches_the_form_with_the_article(world, client_for):
    from kelola.portfolio import services

    services.rules_apply_preset(world.pemda, "palangka_raya_2020", actor=world.users["gcio"])
    response = client_for(world.users["agency_head"]).post(
        f"{LIST}tambah/",
        {
            "agency": world.health.pk,
            "internal_name": "umum",
            "external_name": "Umum",
            "description": "-",
            "app_kind": "general",
            "complexity": "low",
            "service_target": "local",
            "access": "online",
            "developer": "owner_agency",
            "status": "planned",
            "classification": "public",
            "open_source": "on",
        },
    )
    assert response.status_code == 409
    assert "Palangka Raya 23/2020 Ps.17(2)" in response.content.decode()


def test_dashboard_counts_and_lists_what_needs_attention(port, client_for):
    from kelola.proposals.models import Proposal

    Proposal.objects.create(
        pemda=port.pemda,
        agency=port.health,
        kind="other",
        title="Usulan lama",
        fiscal_year=2027,
        status="submitted",
    )
    page = client_for(port.users["gcio"]).get("/portofolio/dasbor/", {"bulan": "1"}).content.decode()
    assert "Dasbor portofolio" in page and "chart-status" in page
    assert "Sistem Informasi Puskesmas" in page  # production without its hand-over package, no PIC
    assert "Menunggu reviu Dinas" in page and "Usulan lama" in page
    operator_page = client_for(port.other_agency_operator).get("/portofolio/dasbor/").content.decode()
    assert "Sistem Informasi Puskesmas" not in operator_page and "Data Pokok Sekolah" in operator_page
    assert client_for(port.other_pemda_gcio).get("/portofolio/dasbor/").status_code == 200
    assert (
        "Sistem Informasi Puskesmas"
        not in client_for(port.other_pemda_gcio).get("/portofolio/dasbor/").content.decode()
    )
