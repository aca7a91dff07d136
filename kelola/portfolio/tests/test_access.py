"""Who sees and changes electronic systems, on pages and API: the owner agency, pemda-wide roles,
another agency, another pemda, a missing role, a dikecualikan system, vendors."""

import pytest

from kelola.portfolio.models import ElectronicSystem

pytestmark = pytest.mark.django_db

LIST = "/portofolio/sistem/"
API = "/api/v1/systems/"


def detail(system):
    return f"{LIST}{system.pk}/"


def api_names(api, user):
    response = api(user).get(API, {"page_size": 100})
    assert response.status_code == 200
    return {row["internal_name"] + "@" + str(row["pemda"]) for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("who", "sees_own", "sees_secret", "sees_school"),
    [
        ("agency_operator", True, True, False),  # the owner agency, dikecualikan included
        ("agency_head", True, True, False),
        ("gcio", True, True, True),  # pemda-wide, an exempt reader
        ("auditor", True, True, True),
        ("reviewer", True, False, True),  # pemda-wide but not an exempt reader
        ("bappeda", True, False, True),
        ("vendor", False, False, False),
    ],
)
def test_list_page_and_api_show_what_the_role_may_see(
    port, client_for, api_for, who, sees_own, sees_secret, sees_school
):
    user = port.users[who]
    page = client_for(user).get(LIST).content.decode()
    assert ("Sistem Informasi Puskesmas" in page) is sees_own
    assert ("Sistem Rahasia" in page) is sees_secret
    assert ("Data Pokok Sekolah" in page) is sees_school
    assert "Simpus Lain" not in page
    names = api_names(api_for, user)
    assert (f"simpus@{port.pemda.pk}" in names) is sees_own
    assert (f"sikeu-rahasia@{port.pemda.pk}" in names) is sees_secret
    assert f"simpus@{port.other_pemda.pk}" not in names


@pytest.mark.parametrize(
    "who", ["other_agency_operator", "other_pemda_gcio", "other_pemda_operator", "vendor"]
)
def test_outsiders_get_404_on_every_page_and_endpoint(port, client_for, api_for, who):
    user = getattr(port, who, None) or port.users[who]
    client = client_for(user)
    system = port.system
    for path in (
        detail(system),
        f"{detail(system)}ubah/",
        f"{detail(system)}hapus/",
        f"{detail(system)}tabel/function/",
        f"{detail(system)}kategori/",
        f"{detail(system)}formulir.pdf",
        f"{detail(system)}formulir.xlsx",
    ):
        assert client.get(path).status_code == 404, path
    api = api_for(user)
    for path in ("", "sections/", "sections/function/", "risk-assessments/"):
        assert api.get(f"{API}{system.pk}/{path}").status_code == 404, path
    assert api.patch(f"{API}{system.pk}/", {"external_name": "X"}, format="json").status_code == 404
    assert api.put(f"{API}{system.pk}/sections/function/", {"rows": []}, format="json").status_code == 404


def test_a_pemda_reader_outside_the_exempt_roles_gets_404_for_a_secret_system(port, client_for, api_for):
    reviewer = port.users["reviewer"]
    assert client_for(reviewer).get(detail(port.secret_system)).status_code == 404
    assert api_for(reviewer).get(f"{API}{port.secret_system.pk}/").status_code == 404
    assert client_for(port.users["auditor"]).get(detail(port.secret_system)).status_code == 200


@pytest.mark.parametrize("who", ["executive", "reviewer", "bappeda", "auditor", "no_role"])
def test_readers_without_a_managing_role_are_refused_changes(port, client_for, api_for, who):
    user = getattr(port, who, None) or port.users[who]
    client = client_for(user)
    expected = 404 if who == "no_role" else 403
    assert client.get(f"{detail(port.system)}ubah/").status_code == expected
    assert client.get(f"{detail(port.system)}tabel/function/").status_code == expected
    assert client.get(f"{detail(port.system)}kategori/").status_code == expected
    api = api_for(user)
    assert api.patch(f"{API}{port.system.pk}/", {"external_name": "X"}, format="json").status_code == expected
    response = api.post(f"{API}{port.system.pk}/risk-assessments/", {"answers": {}}, format="json")
    assert response.status_code == expected
    port.system.refresh_from_db()
    assert port.system.external_name == "Sistem Informasi Puskesmas"


def test_the_owner_agency_s_operator_edits_but_only_its_head_deletes(port, client_for, api_for):
    operator = port.users["agency_operator"]
    api = api_for(operator)
    assert api.patch(f"{API}{port.system.pk}/", {"external_name": "SIMPUS"}, format="json").status_code == 200
    assert api.delete(f"{API}{port.system.pk}/").status_code == 403
    assert client_for(operator).get(f"{detail(port.system)}hapus/").status_code == 403
    assert api_for(port.users["agency_head"]).delete(f"{API}{port.system.pk}/").status_code == 204
    assert not ElectronicSystem.objects.filter(pk=port.system.pk).exists()


def test_an_agency_registers_only_for_itself(port, api_for):
    payload = {
        "agency": port.education.pk,
        "internal_name": "baru",
        "external_name": "Baru",
        "description": "-",
        "app_kind": "specific",
    }
    refused = api_for(port.users["agency_operator"]).post(API, payload, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert not ElectronicSystem.objects.filter(internal_name="baru").exists()
    created = api_for(port.users["agency_operator"]).post(
        API, payload | {"agency": port.health.pk}, format="json"
    )
    assert created.status_code == 201 and created.json()["pemda"] == port.pemda.pk
    other = api_for(port.other_pemda_gcio).post(API, payload | {"agency": port.health.pk}, format="json")
    assert other.status_code == 400


def test_the_create_page_is_refused_to_roles_that_could_not_add(port, client_for):
    assert client_for(port.users["agency_operator"]).get(f"{LIST}tambah/").status_code == 200
    assert client_for(port.users["executive"]).get(f"{LIST}tambah/").status_code == 403
    page = client_for(port.users["executive"]).get(LIST).content.decode()
    assert f'href="{LIST}tambah/"' not in page


def test_build_rules_are_read_by_members_and_set_by_the_gcio(port, client_for, api_for):
    preset = {"preset": "pasuruan_2021"}
    assert (
        api_for(port.users["agency_head"]).post("/api/v1/build-rules/apply-preset/", preset).status_code
        == 403
    )
    assert api_for(port.users["gcio"]).post("/api/v1/build-rules/apply-preset/", preset).status_code == 200
    rules = api_for(port.users["agency_operator"]).get("/api/v1/build-rules/").json()["results"]
    assert len(rules) == 3
    assert api_for(port.other_pemda_gcio).get("/api/v1/build-rules/").json()["results"] == []
    rule_id = rules[0]["id"]
    patch = {"any_agency_may_build": True}
    assert (
        api_for(port.users["agency_head"]).patch(f"/api/v1/build-rules/{rule_id}/", patch).status_code == 403
    )
    assert api_for(port.other_pemda_gcio).patch(f"/api/v1/build-rules/{rule_id}/", patch).status_code == 404
    assert api_for(port.users["gcio"]).patch(f"/api/v1/build-rules/{rule_id}/", patch).status_code == 200
    client = client_for(port.users["agency_head"])
    assert client.post("/portofolio/aturan/preset/", {"preset": "palangka_raya_2020"}).status_code == 302
    assert client.get(f"/portofolio/aturan/{rule_id}/ubah/").status_code == 403
    # (the test client is shared: it is now the GCIO's)
    assert "Ps.13(5)" in client_for(port.users["gcio"]).get("/portofolio/aturan/").content.decode()
