"""Support-staff admin, the history tab (X-1) and edit forms refusing bad input in Indonesian."""

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

MODELS = [Person, Position, GoverningBody, Membership, Decree, TierOneTechnician, SelfRelianceAssessment]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_pages_for_platform_staff_only(org, client_for, model):
    base = f"/admin/organizations/{model._meta.model_name}/"
    admin = client_for(org.superuser)
    assert admin.get(base).status_code == 200
    assert admin.get(f"{base}?q=a").status_code == 200
    assert admin.get(f"{base}add/").status_code == 200
    # Pemda staff, however senior, never reach the admin: it is for platform support.
    assert client_for(org.users["gcio"]).get(base).status_code == 302


def test_admin_leaves_the_mandiri_tik_status_to_the_workflow(org, client_for):
    assessment = services.assessment_start(actor=org.users["gcio"], agency=org.health)
    page = client_for(org.superuser).get(
        f"/admin/organizations/selfrelianceassessment/{assessment.pk}/change/"
    )
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()


def test_history_tab_shows_changes(org, client_for):
    services.person_update(org.person, actor=org.users["agency_head"], phone="0812-3456")
    page = client_for(org.users["gcio"]).get(org.person.get_absolute_url()).content.decode()
    assert "Riwayat" in page and "Log perubahan" in page and "0812-3456" in page


def test_assessment_timeline_shows_steps_with_comments(org, client_for):
    assessment = services.assessment_start(
        actor=org.users["gcio"],
        agency=org.health,
        has_it_staff=True,
        it_staff_evidence="2 pranata komputer",
        has_built_systems=True,
        built_systems_evidence="SIMPUS",
    )
    services.assessment_transition(assessment, "propose", actor=org.users["gcio"], comment="Layak ditetapkan")
    page = client_for(org.users["agency_head"]).get(assessment.get_absolute_url()).content.decode()
    assert "Langkah alur kerja" in page
    assert "Usulkan ke Kepala Daerah" in page and "Layak ditetapkan" in page
    # The assessed agency reads its assessment but takes no step in it.
    assert 'name="name" value=' not in page


def _membership(org):
    return Membership.objects.create(
        pemda=org.pemda, body=org.body, person=org.person, term_start="2026-01-01"
    )


#: edit page → (row, manager, a required field the empty form must flag)
EDITS = {
    "pemda": (lambda o: o.pemda, "pemda_admin", "name"),
    "perangkat-daerah": (lambda o: o.health, "gcio", "name"),
    "pegawai": (lambda o: o.person, "agency_head", "full_name"),
    "jabatan": (lambda o: o.position, "agency_it_officer", "title"),
    "teknisi-tier-1": (lambda o: o.technician, "agency_head", "person"),
    "keputusan": (lambda o: o.decree, "gcio", "number"),
    "badan": (lambda o: o.body, "pemda_admin", "name"),
    "anggota": (_membership, "gcio", "person"),
}


@pytest.mark.parametrize("page", EDITS)
def test_invalid_edit_shows_indonesian_field_errors_and_changes_nothing(org, client_for, page):
    row_of, manager, field = EDITS[page]
    row = row_of(org)
    before = type(row).objects.filter(pk=row.pk).values().get()
    response = client_for(org.users[manager]).post(f"/organisasi/{page}/{row.pk}/ubah/", {})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field] == ["Bidang ini harus diisi."]
    assert "Bidang ini harus diisi." in response.content.decode()
    assert type(row).objects.filter(pk=row.pk).values().get() == before


def test_agency_head_posting_directory_fields_changes_only_contacts(org, client_for):
    """The head's form carries only the contact fields: a smuggled name or parent is ignored."""
    url = f"/organisasi/perangkat-daerah/{org.health.pk}/ubah/"
    response = client_for(org.users["agency_head"]).post(
        url,
        {"name": "Dinas Kesehatan Baru", "parent": org.education.pk, "is_it_office": "on", "phone": "0341-9"},
    )
    assert response.status_code == 302
    health = Agency.objects.get(pk=org.health.pk)
    assert (health.name, health.parent_id, health.is_it_office, health.phone) == (
        "Dinas Kesehatan",
        None,
        False,
        "0341-9",
    )
