"""Every organisation page, allowed and refused: another OPD, another pemda, a missing role,
a classified (dikecualikan) record."""

import pytest

from kelola.core.models import Agency, AuditEntry
from kelola.organizations.models import Person

pytestmark = pytest.mark.django_db

LISTS = [
    "/organisasi/perangkat-daerah/",
    "/organisasi/pegawai/",
    "/organisasi/jabatan/",
    "/organisasi/teknisi-tier-1/",
    "/organisasi/cakupan-teknisi/",
    "/organisasi/keputusan/",
    "/organisasi/badan/",
    "/organisasi/mandiri-tik/",
]


@pytest.mark.parametrize("url", LISTS)
def test_lists_show_own_pemda_only(org, client_for, url):
    page = client_for(org.users["gcio"]).get(url)
    assert page.status_code == 200
    assert "Orang Lain" not in page.content.decode() and "Kabupaten Lain" not in page.content.decode()
    assert client_for(org.no_role).get(url).status_code == 200  # the page opens, with nothing in it


@pytest.mark.parametrize("url", LISTS)
def test_lists_require_login(org, client, url):
    assert client.get(url).status_code == 302


def _detail_urls(org):
    return {
        "agency": org.health.get_absolute_url(),
        "person": org.person.get_absolute_url(),
        "position": org.position.get_absolute_url(),
        "technician": org.technician.get_absolute_url(),
        "decree": org.decree.get_absolute_url(),
        "body": org.body.get_absolute_url(),
        "pemda": org.pemda.get_absolute_url(),
    }


@pytest.mark.parametrize("name", ["agency", "person", "position", "technician", "decree", "body", "pemda"])
def test_details_allowed_and_refused(org, client_for, name):
    url = _detail_urls(org)[name]
    assert client_for(org.users["gcio"]).get(url).status_code == 200
    assert client_for(org.users["agency_operator"]).get(url).status_code == 200
    assert client_for(org.other_pemda_gcio).get(url).status_code == 404
    assert client_for(org.no_role).get(url).status_code == 404


@pytest.mark.parametrize("name", ["person", "position", "technician"])
def test_another_agency_cannot_read_agency_rows(org, client_for, name):
    assert client_for(org.other_agency_operator).get(_detail_urls(org)[name]).status_code == 404


def test_classified_person(org, client_for):
    url = org.secret_person.get_absolute_url()
    assert client_for(org.users["gcio"]).get(url).status_code == 200
    assert client_for(org.users["auditor"]).get(url).status_code == 200
    assert client_for(org.users["agency_operator"]).get(url).status_code == 200  # owning agency
    assert client_for(org.users["reviewer"]).get(url).status_code == 404
    assert client_for(org.other_agency_operator).get(url).status_code == 404
    assert (
        "Pegawai Rahasia"
        not in client_for(org.users["reviewer"]).get("/organisasi/pegawai/").content.decode()
    )


def test_classified_decree(org, client_for):
    url = org.secret_decree.get_absolute_url()
    assert client_for(org.users["gcio"]).get(url).status_code == 200
    assert client_for(org.users["agency_head"]).get(url).status_code == 200  # issuing agency
    assert client_for(org.users["reviewer"]).get(url).status_code == 404
    assert client_for(org.other_agency_operator).get(url).status_code == 404
    assert client_for(org.other_agency_operator).get(org.decree.get_absolute_url()).status_code == 200


def test_agency_head_adds_person_to_own_agency(org, client_for):
    client = client_for(org.users["agency_head"])
    response = client.post(
        "/organisasi/pegawai/tambah/",
        {
            "agency": org.health.pk,
            "full_name": "Pegawai Baru",
            "employment": "asn",
            "classification": "public",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Pegawai Baru")
    assert person.pemda == org.pemda and person.agency == org.health
    assert AuditEntry.objects.filter(
        action="create", object_id=str(person.pk), actor=org.users["agency_head"]
    ).exists()


def test_agency_head_cannot_add_person_to_another_agency(org, client_for):
    client = client_for(org.other_agency_head)
    response = client.post(
        "/organisasi/pegawai/tambah/",
        {
            "agency": org.health.pk,
            "full_name": "Penyusup",
            "employment": "asn",
            "classification": "public",
        },
    )
    assert response.status_code == 403
    assert "tidak berwenang" in response.content.decode()
    assert not Person.objects.filter(full_name="Penyusup").exists()
    assert AuditEntry.objects.filter(action="refused", actor=org.other_agency_head).exists()


@pytest.mark.parametrize("who", ["agency_operator", "no_role", "reviewer"])
def test_create_forms_refused_without_the_role(org, client_for, who):
    user = getattr(org, who, None) or org.users[who]
    assert client_for(user).get("/organisasi/pegawai/tambah/").status_code == 403
    assert client_for(user).get("/organisasi/keputusan/tambah/").status_code == 403


def test_invalid_form_shows_indonesian_field_errors(org, client_for):
    response = client_for(org.users["gcio"]).post("/organisasi/keputusan/tambah/", {"number": ""})
    assert response.status_code == 400
    assert "Bidang ini harus diisi." in response.content.decode()


def test_agency_head_edits_only_contacts(org, client_for):
    client = client_for(org.users["agency_head"])
    url = f"/organisasi/perangkat-daerah/{org.health.pk}/ubah/"
    form = client.get(url).content.decode()
    assert 'name="phone"' in form and 'name="name"' not in form
    response = client.post(
        url, {"phone": "0254-111", "address": "Jl. Sehat 1", "email": "", "website": "", "subdomain": ""}
    )
    assert response.status_code == 302
    org.health.refresh_from_db()
    assert org.health.phone == "0254-111" and org.health.name == "Dinas Kesehatan"
    assert client_for(org.other_agency_head).get(url).status_code == 403


def test_pemda_settings_only_for_its_administrators(org, client_for):
    url = f"/organisasi/pemda/{org.pemda.pk}/ubah/"
    assert client_for(org.users["pemda_admin"]).get(url).status_code == 200
    assert client_for(org.users["reviewer"]).get(url).status_code == 403
    assert client_for(org.other_pemda_admin).get(url).status_code == 404


def test_delete_refused_when_in_use(org, client_for):
    client = client_for(org.users["pemda_admin"])
    response = client.post(f"/organisasi/perangkat-daerah/{org.health.pk}/hapus/", follow=True)
    assert "masih dipakai" in response.content.decode()
    assert Agency.objects.filter(pk=org.health.pk).exists()


def test_technician_coverage_flags_agencies_without_one(org, client_for):
    page = client_for(org.users["gcio"]).get("/organisasi/cakupan-teknisi/").content.decode()
    assert "Dinas Pendidikan" in page and "Siti Rahayu" in page


def test_member_added_to_body(org, client_for):
    client = client_for(org.users["gcio"])
    response = client.post(
        f"/organisasi/badan/{org.body.pk}/anggota/tambah/",
        {
            "person": org.person.pk,
            "role": "chair",
            "term_start": "2026-01-01",
            "term_end": "2030-12-31",
        },
    )
    assert response.status_code == 302
    from kelola.organizations.models import Membership

    membership = Membership.objects.get(body=org.body)
    assert (membership.role, membership.pemda, membership.is_current) == ("chair", org.pemda, True)
    refused = client_for(org.users["agency_operator"]).post(
        f"/organisasi/badan/{org.body.pk}/anggota/tambah/",
        {"person": org.person.pk, "role": "member", "term_start": "2026-01-01"},
    )
    assert refused.status_code in (400, 403)
    assert org.body.members.count() == 1
