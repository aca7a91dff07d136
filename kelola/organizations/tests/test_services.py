"""Organisation services: pemda derivation, scope re-checks, contact-only edits, decrees."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency, AuditEntry, Document
from kelola.organizations import services
from kelola.organizations.models import Decree, GoverningBody, Membership, Person, Position

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _refusals(actor):
    return AuditEntry.objects.filter(action="refused", actor=actor).count()


def test_pemda_update_only_settings_and_only_its_managers(org):
    services.pemda_update(org.pemda, actor=org.users["gcio"], phone="0341-1", requires_two_factor=True)
    org.pemda.refresh_from_db()
    assert (org.pemda.phone, org.pemda.requires_two_factor) == ("0341-1", True)
    with pytest.raises(KelolaError) as info:
        services.pemda_update(org.pemda, actor=org.users["pemda_admin"], code="99.99")
    assert "code" in info.value.errors
    for user in (org.users["reviewer"], org.users["agency_head"], org.other_pemda_admin, org.no_role):
        with pytest.raises(KelolaError):
            services.pemda_update(org.pemda, actor=user, phone="x")
    org.pemda.refresh_from_db()
    assert org.pemda.phone == "0341-1" and org.pemda.code == "35.73"


def test_agency_create_takes_the_parents_pemda(org):
    unit = services.agency_create(
        actor=org.users["pemda_admin"],
        pemda=org.pemda,
        name="UPT Laboratorium",
        parent=org.health,
        kind="unit",
    )
    assert unit.pemda == org.pemda and unit.path.startswith(org.health.path)
    with pytest.raises(KelolaError):
        services.agency_create(actor=org.users["agency_head"], pemda=org.pemda, name="Dinas Liar")
    with pytest.raises(KelolaError):
        services.agency_create(actor=org.other_pemda_admin, pemda=org.pemda, name="Dinas Asing")
    assert not Agency.objects.filter(name__in=["Dinas Liar", "Dinas Asing"]).exists()


def test_agency_head_changes_only_contacts(org):
    head = org.users["agency_head"]
    services.agency_update(org.health, actor=head, phone="0341-2", address="Jl. Sehat")
    refusals = _refusals(head)
    for change in ({"name": "Dinas Sehat"}, {"parent": org.education}, {"is_it_office": True}):
        with pytest.raises(KelolaError) as info:
            services.agency_update(org.health, actor=head, **change)
        assert info.value.code == ErrorCode.FORBIDDEN
    assert _refusals(head) == refusals + 3
    with pytest.raises(KelolaError):
        services.agency_update(org.health, actor=head, it_self_reliant=True)
    with pytest.raises(KelolaError):
        services.agency_update(org.education, actor=head, phone="1")
    org.health.refresh_from_db()
    assert (org.health.name, org.health.phone, org.health.parent_id, org.health.it_self_reliant) == (
        "Dinas Kesehatan",
        "0341-2",
        None,
        False,
    )
    services.agency_update(org.health, actor=org.users["pemda_admin"], name="Dinas Kesehatan Kota")


def test_agency_rows_take_the_agencys_pemda(org):
    person = services.person_create(actor=org.users["gcio"], agency=org.education, full_name="Guru Baru")
    assert person.pemda == org.pemda
    position = services.position_create(actor=org.users["agency_head"], agency=org.health, title="Sekretaris")
    assert position.pemda == org.pemda
    with pytest.raises(KelolaError):  # another pemda's agency, whatever pemda is claimed
        services.person_create(
            actor=org.users["gcio"], agency=org.other_health, full_name="X", pemda=org.pemda
        )
    assert not Person.objects.filter(full_name="X").exists()


def test_moving_a_row_out_of_scope_is_refused_and_logged(org):
    head = org.users["agency_head"]
    with pytest.raises(KelolaError):
        services.person_update(org.person, actor=head, agency=org.education)
    org.person.refresh_from_db()
    assert org.person.agency == org.health
    assert AuditEntry.objects.filter(action="refused", actor=head, object_id=str(org.person.pk)).exists()
    # A pemda manager may move a person, and the pemda follows the agency.
    moved = services.person_update(org.teacher, actor=org.users["gcio"], agency=org.health)
    assert (moved.agency, moved.pemda) == (org.health, org.pemda)


def test_cross_agency_references_are_invalid(org):
    with pytest.raises(ValidationError) as info:
        services.position_create(
            actor=org.users["gcio"], agency=org.education, title="Kabid", holder=org.person
        )
    assert "holder" in info.value.message_dict
    with pytest.raises(ValidationError):
        services.tier_one_technician_create(actor=org.users["gcio"], agency=org.education, person=org.person)
    with pytest.raises(ValidationError):
        services.membership_create(
            actor=org.users["gcio"], body=org.body, person=org.other_person, term_start="2026-01-01"
        )
    assert not Position.objects.filter(title="Kabid").exists()


def test_decree_create_update_delete(org):
    gcio = org.users["gcio"]
    decree = services.decree_create(
        actor=gcio,
        pemda=org.pemda,
        agency=org.education,
        number="800/5/2026",
        date="2026-04-01",
        subject="Pengelola TIK",
        decides="Menunjuk",
        signed_by="Kepala Dinas",
    )
    assert decree.pemda == org.pemda
    services.decree_update(decree, actor=gcio, subject="Pengelola TIK Disdik")
    with pytest.raises(KelolaError):
        services.decree_update(decree, actor=org.users["reviewer"], subject="x")
    with pytest.raises(KelolaError):  # the agency head is not a decree recorder
        services.decree_create(
            actor=org.users["agency_head"],
            pemda=org.pemda,
            number="1",
            date="2026-01-01",
            subject="x",
            decides="x",
            signed_by="x",
        )
    with pytest.raises(ValidationError):  # numbers are unique per pemda
        services.decree_create(
            actor=gcio,
            pemda=org.pemda,
            number="800/5/2026",
            date="2026-01-01",
            subject="x",
            decides="x",
            signed_by="x",
        )
    with pytest.raises(KelolaError) as info:  # still the basis of a governing body
        services.decree_delete(org.decree, actor=gcio)
    assert info.value.code == ErrorCode.CONFLICT
    services.decree_delete(decree, actor=gcio)
    assert not Decree.objects.filter(pk=decree.pk).exists()


def test_signed_decree_is_a_pdf_document_with_versions(org):
    gcio = org.users["gcio"]
    decree = services.decree_attach_signed(
        org.secret_decree,
        actor=gcio,
        upload=SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf"),
    )
    first = decree.document
    assert (first.kind, first.classification, first.version) == ("decree", "exempt", 1)
    decree = services.decree_attach_signed(
        decree, actor=gcio, upload=SimpleUploadedFile("sk2.pdf", PDF + b" ")
    )
    assert decree.document.series == first.series and decree.document.version == 2
    for upload in (
        SimpleUploadedFile("sk.docx", b"PK\x03\x04"),
        SimpleUploadedFile("palsu.pdf", b"MZ not a pdf"),
    ):
        with pytest.raises(KelolaError):
            services.decree_attach_signed(decree, actor=gcio, upload=upload)
    with pytest.raises(KelolaError):
        services.decree_attach_signed(
            org.decree, actor=org.users["agency_head"], upload=SimpleUploadedFile("a.pdf", PDF)
        )
    assert Document.objects.filter(kind="decree").count() == 2
    assert Decree.objects.get(pk=org.decree.pk).document is None


def test_bodies_and_memberships(org):
    gcio = org.users["gcio"]
    body = services.governing_body_create(
        actor=gcio, pemda=org.pemda, kind="evaluators", name="Tim Evaluator"
    )
    seat = services.membership_create(actor=gcio, body=body, person=org.person, term_start="2026-01-01")
    assert seat.pemda == org.pemda
    services.membership_update(seat, actor=gcio, role="chair", term_end="2027-12-31")
    with pytest.raises(KelolaError):
        services.membership_update(seat, actor=gcio, body=org.body)
    with pytest.raises(KelolaError):
        services.membership_update(seat, actor=org.users["agency_head"], role="member")
    with pytest.raises(ValidationError):
        services.governing_body_create(
            actor=org.other_pemda_gcio,
            pemda=org.other_pemda,
            kind="committee",
            name="Komite",
            decree=org.decree,
        )
    assert Membership.objects.get(pk=seat.pk).role == "chair"
    services.membership_delete(seat, actor=gcio)
    services.governing_body_delete(body, actor=gcio)
    assert not GoverningBody.objects.filter(pk=body.pk).exists()
