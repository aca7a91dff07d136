"""Role x scope matrix for every organisation page and endpoint (STYLE practice 11).

For each register: the allowed role succeeds; another OPD, another pemda, and a user without a
role are refused. Another pemda's rows and rows outside the reader's scope answer 404 (never
leaking existence); pemda-wide rows that the user may read but not change answer 403.
"""

from types import SimpleNamespace

import pytest

from kelola.core.models import Agency
from kelola.organizations import services
from kelola.organizations.models import (
    Decree,
    GoverningBody,
    Membership,
    Person,
    Position,
    SelfRelianceAssessment,
    TierOneTechnician,
)

pytestmark = pytest.mark.django_db


def _assessment(org):
    return services.assessment_start(actor=org.users["gcio"], agency=org.health, has_it_staff=True)


def _membership(org):
    return Membership.objects.create(
        pemda=org.pemda, body=org.body, person=org.person, term_start="2026-01-01"
    )


R = SimpleNamespace
#: name → how to reach its row, its page prefix and API endpoint, who manages it, whether it is
#: owned by one agency (then another OPD cannot even read it), and whether it can be deleted.
REGISTERS = {
    "agency": R(
        row=lambda o: o.health,
        page="perangkat-daerah",
        api="agencies",
        manager="pemda_admin",
        agency_owned=False,
        deletable=True,
    ),
    "person": R(
        row=lambda o: o.person,
        page="pegawai",
        api="people",
        manager="agency_head",
        agency_owned=True,
        deletable=True,
    ),
    "position": R(
        row=lambda o: o.position,
        page="jabatan",
        api="positions",
        manager="agency_it_officer",
        agency_owned=True,
        deletable=True,
    ),
    "technician": R(
        row=lambda o: o.technician,
        page="teknisi-tier-1",
        api="tier-one-technicians",
        manager="agency_head",
        agency_owned=True,
        deletable=True,
    ),
    "decree": R(
        row=lambda o: o.decree,
        page="keputusan",
        api="decrees",
        manager="gcio",
        agency_owned=False,
        deletable=True,
    ),
    "body": R(
        row=lambda o: o.body,
        page="badan",
        api="governing-bodies",
        manager="pemda_admin",
        agency_owned=False,
        deletable=True,
    ),
    "membership": R(
        row=_membership, page="anggota", api="memberships", manager="gcio", agency_owned=False, deletable=True
    ),
    "assessment": R(
        row=_assessment,
        page="mandiri-tik",
        api="self-reliance-assessments",
        manager="reviewer",
        agency_owned=True,
        deletable=False,
    ),
    "pemda": R(
        row=lambda o: o.pemda,
        page="pemda",
        api="pemda",
        manager="pemda_admin",
        agency_owned=False,
        deletable=False,
    ),
}
OUTSIDERS = ["other_pemda_gcio", "other_pemda_admin", "no_role"]
OTHER_AGENCY = ["other_agency_operator", "other_agency_head"]


def _user(org, name):
    return getattr(org, name, None) or org.users[name]


def _page_urls(spec, row):
    base = f"/organisasi/{spec.page}/{row.pk}/"
    urls = {"update": f"{base}ubah/"}
    if spec.page != "anggota":
        urls["detail"] = base
    if spec.deletable and spec.page != "anggota":
        urls["delete"] = f"{base}hapus/"
    return urls


@pytest.mark.parametrize("name", REGISTERS)
def test_pages_allowed_for_the_manager(org, client_for, name):
    spec = REGISTERS[name]
    row = spec.row(org)
    client = client_for(_user(org, spec.manager))
    for view, url in _page_urls(spec, row).items():
        assert client.get(url).status_code == 200, (view, url)


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", REGISTERS)
def test_pages_of_another_pemda_or_without_role_answer_404(org, client_for, name, who):
    spec = REGISTERS[name]
    row = spec.row(org)
    client = client_for(_user(org, who))
    for view, url in _page_urls(spec, row).items():
        assert client.get(url).status_code == 404, (view, url)
        if view != "detail":
            assert client.post(url, {}).status_code == 404, (view, url)


@pytest.mark.parametrize("who", OTHER_AGENCY)
@pytest.mark.parametrize("name", REGISTERS)
def test_pages_refused_to_another_agency(org, client_for, name, who):
    spec = REGISTERS[name]
    row = spec.row(org)
    client = client_for(_user(org, who))
    for view, url in _page_urls(spec, row).items():
        expected = 404 if spec.agency_owned else (200 if view == "detail" else 403)
        assert client.get(url).status_code == expected, (view, url)


@pytest.mark.parametrize("name", REGISTERS)
def test_api_allowed_for_the_manager(org, api_for, name):
    spec = REGISTERS[name]
    row = spec.row(org)
    api = api_for(_user(org, spec.manager))
    assert api.get(f"/api/v1/{spec.api}/{row.pk}/").status_code == 200
    listed = api.get(f"/api/v1/{spec.api}/").json()
    assert row.pk in {item["id"] for item in listed["results"]}


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", REGISTERS)
def test_api_of_another_pemda_or_without_role_answers_404(org, api_for, name, who):
    spec = REGISTERS[name]
    row = spec.row(org)
    api = api_for(_user(org, who))
    url = f"/api/v1/{spec.api}/{row.pk}/"
    for response in (api.get(url), api.patch(url, {}, format="json"), api.delete(url)):
        assert response.status_code in (404, 405), response.content
        if response.status_code == 404:
            assert response.json()["code"] == "not_found"
    assert row.pk not in {item["id"] for item in api.get(f"/api/v1/{spec.api}/").json()["results"]}


@pytest.mark.parametrize("who", OTHER_AGENCY)
@pytest.mark.parametrize("name", REGISTERS)
def test_api_refused_to_another_agency(org, api_for, name, who):
    spec = REGISTERS[name]
    row = spec.row(org)
    api = api_for(_user(org, who))
    url = f"/api/v1/{spec.api}/{row.pk}/"
    if spec.agency_owned:
        assert api.get(url).status_code == 404
        assert api.patch(url, {}, format="json").status_code == 404
        return
    assert api.get(url).status_code == 200
    refused = api.patch(
        url, {"phone": "1", "subject": "x", "description": "x", "role": "chair"}, format="json"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    if spec.deletable:
        assert api.delete(url).status_code == 403
        assert type(row).objects.filter(pk=row.pk).exists()


#: Create and change payloads per endpoint, by the register's manager.
PAYLOADS = {
    "agencies": (lambda o: {"name": "Dinas Baru", "kind": "dinas"}, {"phone": "0341-1"}),
    "people": (lambda o: {"agency": o.health.pk, "full_name": "Pegawai API"}, {"phone": "0812"}),
    "positions": (lambda o: {"agency": o.health.pk, "title": "Sekretaris"}, {"title": "Sekretaris Dinas"}),
    "tier-one-technicians": (
        lambda o: {"agency": o.health.pk, "person": o.person.pk, "since": "2026-02-01"},
        {"until": "2026-12-31"},
    ),
    "decrees": (
        lambda o: {"number": "N/9", "date": "2026-03-01", "subject": "S", "decides": "D", "signed_by": "W"},
        {"subject": "Perubahan"},
    ),
    "governing-bodies": (lambda o: {"kind": "evaluators", "name": "Tim Evaluator"}, {"description": "x"}),
    "memberships": (
        lambda o: {"body": o.body.pk, "person": o.person.pk, "role": "member", "term_start": "2026-01-01"},
        {"role": "chair"},
    ),
}
MANAGERS = {
    "agencies": "pemda_admin",
    "people": "agency_head",
    "positions": "agency_head",
    "tier-one-technicians": "agency_it_officer",
    "decrees": "gcio",
    "governing-bodies": "gcio",
    "memberships": "pemda_admin",
}


@pytest.mark.parametrize("endpoint", PAYLOADS)
def test_api_create_update_delete(org, api_for, endpoint):
    create, change = PAYLOADS[endpoint]
    api = api_for(org.users[MANAGERS[endpoint]])
    created = api.post(f"/api/v1/{endpoint}/", create(org), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["pemda"] == org.pemda.pk
    url = f"/api/v1/{endpoint}/{body['id']}/"
    changed = api.patch(url, change, format="json")
    assert changed.status_code == 200, changed.json()
    assert {k: changed.json()[k] for k in change} == change
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404


@pytest.mark.parametrize("endpoint", PAYLOADS)
def test_api_create_refused_without_role(org, api_for, endpoint):
    create, _change = PAYLOADS[endpoint]
    models = {
        "agencies": Agency,
        "people": Person,
        "positions": Position,
        "tier-one-technicians": TierOneTechnician,
        "decrees": Decree,
        "governing-bodies": GoverningBody,
        "memberships": Membership,
    }
    before = models[endpoint].objects.count()
    response = api_for(org.no_role).post(f"/api/v1/{endpoint}/", create(org), format="json")
    # Without a role the referenced rows are invisible (400) or the write itself is refused (403).
    assert response.status_code in (400, 403)
    assert models[endpoint].objects.count() == before


@pytest.mark.parametrize("endpoint", ["people", "positions", "tier-one-technicians"])
def test_api_rows_cannot_be_created_in_another_pemda(org, api_for, endpoint):
    create, _change = PAYLOADS[endpoint]
    payload = {**create(org), "agency": org.other_health.pk}
    response = api_for(org.users["gcio"]).post(f"/api/v1/{endpoint}/", payload, format="json")
    assert response.status_code == 400 and "agency" in response.json()["errors"]


@pytest.mark.parametrize("endpoint", PAYLOADS)
def test_api_invalid_payload_answers_field_errors(org, api_for, endpoint):
    response = api_for(org.users[MANAGERS[endpoint]]).post(f"/api/v1/{endpoint}/", {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["errors"]


CREATE_PAGES = [
    ("perangkat-daerah", "pemda_admin"),
    ("pegawai", "agency_head"),
    ("jabatan", "agency_head"),
    ("teknisi-tier-1", "agency_head"),
    ("keputusan", "gcio"),
    ("badan", "gcio"),
    ("mandiri-tik", "reviewer"),
]


@pytest.mark.parametrize(("page", "manager"), CREATE_PAGES)
def test_create_pages(org, client_for, page, manager):
    url = f"/organisasi/{page}/tambah/"
    assert client_for(org.users[manager]).get(url).status_code == 200
    invalid = client_for(org.users[manager]).post(url, {})
    assert invalid.status_code == 400
    assert "Bidang ini harus diisi." in invalid.content.decode()
    assert client_for(org.no_role).get(url).status_code == 403
    assert client_for(org.users["agency_operator"]).get(url).status_code == 403


def test_membership_pages(org, client_for):
    membership = _membership(org)
    url = f"/organisasi/anggota/{membership.pk}/ubah/"
    ok = client_for(org.users["gcio"]).post(
        url, {"person": org.person.pk, "role": "secretary", "term_start": "2026-01-01"}
    )
    assert ok.status_code == 302
    assert Membership.objects.get(pk=membership.pk).role == "secretary"
    invalid = client_for(org.users["gcio"]).post(
        url, {"person": org.person.pk, "role": "member", "term_start": "2026-01-01", "term_end": "2025-01-01"}
    )
    assert invalid.status_code == 400 and "Akhir masa tugas" in invalid.content.decode()
    add = f"/organisasi/badan/{org.body.pk}/anggota/tambah/"
    assert client_for(org.users["reviewer"]).get(add).status_code == 403
    assert client_for(org.other_pemda_gcio).get(add).status_code == 404
    delete = f"/organisasi/anggota/{membership.pk}/hapus/"
    assert client_for(org.other_pemda_gcio).post(delete).status_code == 404
    client_for(org.users["reviewer"]).post(delete)
    assert Membership.objects.filter(pk=membership.pk).exists()
    client_for(org.users["gcio"]).post(delete)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_assessment_has_no_delete(org, api_for):
    assessment = _assessment(org)
    response = api_for(org.users["gcio"]).delete(f"/api/v1/self-reliance-assessments/{assessment.pk}/")
    assert response.status_code == 405
    assert SelfRelianceAssessment.objects.filter(pk=assessment.pk).exists()


def test_my_pemda_entry(org, client, client_for):
    assert client.get("/organisasi/pemda/").status_code == 302  # to the login page, not an error
    response = client_for(org.users["reviewer"]).get("/organisasi/pemda/")
    assert response.status_code == 302 and response["Location"] == org.pemda.get_absolute_url()
    assert client_for(org.other_pemda_admin).get(org.pemda.get_absolute_url()).status_code == 404
