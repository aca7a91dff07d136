"""The list pattern built once (filters, search, sorting, pagination, CSV/XLSX export), the
detail page with its history tab, and the API conventions (scoping, JSON errors)."""

import io

import pytest
from openpyxl import load_workbook

from kelola.core.models import Agency, AuditEntry

LIST_URL = "/organisasi/perangkat-daerah/"


@pytest.mark.django_db
class TestRegisterList:
    def test_list_shows_only_visible_rows(self, world, client_for):
        page = client_for(world.users["gcio"]).get(LIST_URL).content.decode()
        assert "Dinas Pendidikan" in page
        assert "Dinas Kominfo Kabupaten Lain" not in page

    def test_yes_no_filters_offer_their_choices(self, world, client_for):
        page = client_for(world.users["gcio"]).get(LIST_URL, {"it_self_reliant": "false"}).content.decode()
        select = page.split('name="it_self_reliant"', 1)[1].split("</select>", 1)[0]
        assert 'value="">Semua' in select and 'value="true">Ya' in select
        assert 'value="false" selected>Tidak' in select

    def test_search_and_filter(self, world, client_for):
        client = client_for(world.users["gcio"])
        page = client.get(LIST_URL, {"q": "pendidikan"}).content.decode()
        assert "Dinas Pendidikan" in page and "Puskesmas Kendalkerep" not in page
        page = client.get(LIST_URL, {"kind": "unit"}).content.decode()
        assert "Puskesmas Kendalkerep" in page and "Dinas Pendidikan" not in page

    def test_htmx_request_gets_only_the_table(self, world, client_for):
        response = client_for(world.users["gcio"]).get(LIST_URL, {"q": "kesehatan"}, HTTP_HX_REQUEST="true")
        body = response.content.decode()
        assert "<table" in body and "<html" not in body

    def test_sorting_accepts_only_declared_columns(self, world, client_for):
        client = client_for(world.users["gcio"])
        names = [a.name for a in Agency.objects.filter(pemda=world.pemda).order_by("-name")]
        body = client.get(LIST_URL, {"sort": "-name"}).content.decode()
        assert body.index(names[0]) < body.index(names[-1])
        assert client.get(LIST_URL, {"sort": "path"}).status_code == 200  # ignored, not an error

    def test_pagination(self, world, client_for):
        for i in range(30):
            Agency.objects.create(pemda=world.pemda, name=f"Kecamatan Uji {i:02d}", kind="kecamatan")
        client = client_for(world.users["gcio"])
        first = client.get(LIST_URL, {"kind": "kecamatan"}).content.decode()
        second = client.get(LIST_URL, {"kind": "kecamatan", "page": 2}).content.decode()
        assert "Kecamatan Uji 00" in first and "Kecamatan Uji 29" not in first
        assert "Kecamatan Uji 29" in second
        assert "Halaman 2 dari 2" in second

    def test_csv_export_has_the_filtered_rows_and_is_audited(self, world, client_for):
        response = client_for(world.users["gcio"]).get(LIST_URL, {"export": "csv", "q": "dinas"})
        assert response["Content-Type"].startswith("text/csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        lines = text.strip().splitlines()
        assert lines[0].startswith("Nama,")
        assert any("Dinas Pendidikan" in line for line in lines)
        assert not any("Kabupaten Lain" in line for line in lines)
        assert AuditEntry.objects.filter(action="export", actor=world.users["gcio"]).exists()

    def test_xlsx_export(self, world, client_for):
        response = client_for(world.users["gcio"]).get(LIST_URL, {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "Nama"
        exported = {row[0] for row in rows[1:]}
        assert exported == set(Agency.objects.filter(pemda=world.pemda).values_list("name", flat=True))

    def test_anonymous_is_sent_to_login(self, world, client):
        response = client.get(LIST_URL)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


@pytest.mark.django_db
class TestRegisterDetail:
    def test_detail_and_history_tab(self, world, client_for):
        page = client_for(world.users["gcio"]).get(world.health.get_absolute_url()).content.decode()
        assert "Dinas Kesehatan" in page and "Riwayat" in page and "Dibuat" in page

    def test_other_pemda_gets_404(self, world, client_for):
        response = client_for(world.other_pemda_gcio).get(world.health.get_absolute_url())
        assert response.status_code == 404

    def test_missing_and_forbidden_look_the_same(self, world, client_for):
        client = client_for(world.other_pemda_gcio)
        forbidden = client.get(world.health.get_absolute_url())
        missing = client.get("/organisasi/perangkat-daerah/999999/")
        assert forbidden.status_code == missing.status_code == 404


@pytest.mark.django_db
class TestApiConventions:
    def test_unauthenticated_gets_json_error_with_code(self, world, api_for):
        response = api_for().get("/api/v1/agencies/")
        assert response.status_code in (401, 403)
        assert response.json()["code"] in {"not_authenticated", "authentication_failed"}

    def test_other_pemda_object_is_not_found(self, world, api_for):
        response = api_for(world.other_pemda_gcio).get(f"/api/v1/agencies/{world.health.pk}/")
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "detail": "Data tidak ditemukan."}

    def test_list_is_scoped_paginated_and_filtered(self, world, api_for):
        body = api_for(world.users["gcio"]).get("/api/v1/agencies/", {"q": "dinas", "page_size": 2}).json()
        assert body["count"] == Agency.objects.filter(pemda=world.pemda, name__icontains="dinas").count()
        assert len(body["results"]) == 2
        assert {r["pemda"] for r in body["results"]} == {world.pemda.pk}

    def test_token_authentication(self, world, client):
        from rest_framework.authtoken.models import Token

        token = Token.objects.create(user=world.users["gcio"])
        response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
        assert response.status_code == 200
        assert response.json()["username"] == "gcio"

    def test_schema_and_docs_are_served_locally(self, world, client_for):
        client = client_for(world.users["gcio"])
        schema = client.get("/api/schema/")
        assert schema.status_code == 200 and b"openapi: 3" in schema.content
        docs = client.get("/api/docs/").content.decode()
        assert "cdn" not in docs.lower() and "unpkg" not in docs.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("url", [LIST_URL, "/api/v1/agencies/"])
def test_query_count_stays_flat_as_rows_grow(world, client_for, url):
    """STYLE practice 12: the number of queries of a list does not grow with its rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.users["gcio"])

    def queries() -> int:
        client.get(url)  # warm caches (content types, sessions)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    few = queries()
    for i in range(20):
        Agency.objects.create(
            pemda=world.pemda, name=f"Badan Uji {i}", parent=world.health if i % 2 else None
        )
    assert queries() == few


@pytest.mark.django_db
class TestListRendering:
    def test_cells_are_escaped_and_choice_labels_translated(self, world, client_for):
        Agency.objects.create(pemda=world.pemda, name="<script>alert(1)</script> Badan", kind="unit")
        page = client_for(world.users["gcio"]).get(LIST_URL, {"q": "alert"}).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Badan" in page
        assert "<td>Unit/Bagian/UPT</td>" in page.split("<tbody>", 1)[1]

    def test_pemda_filter_is_offered_only_to_users_of_several_pemda(self, world, client_for):
        single = client_for(world.users["gcio"]).get(LIST_URL).content.decode()
        assert 'name="pemda"' not in single
        several = client_for(world.superuser).get(LIST_URL).content.decode()
        assert 'name="pemda"' in several


def test_detail_url_matches_reverse_and_follows_the_urlconf(settings):
    from django.urls import reverse

    from kelola.core.urlcache import detail_url

    for pk in (1, 42, 123456):
        assert detail_url("organizations:agency_detail", pk) == reverse(
            "organizations:agency_detail", args=[pk]
        )
    text_pk = reverse("organizations:agency_detail", args=["7"])
    assert detail_url("organizations:agency_detail", "7") == text_pk
    settings.FORCE_SCRIPT_NAME = "/kelola/"
    from django.urls import set_script_prefix

    set_script_prefix("/kelola/")
    try:
        assert detail_url("organizations:agency_detail", 5).startswith("/kelola/")
    finally:
        set_script_prefix("/")


@pytest.mark.django_db
def test_openapi_schema_validates_without_warnings(tmp_path):
    """Every domain's endpoints describe themselves without ambiguity (names, enums, ids)."""
    from django.core.management import call_command

    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/v1/systems/{id}/transition/" in target.read_text()
