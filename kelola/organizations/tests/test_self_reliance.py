"""The Mandiri TIK workflow (001 Ps.19), through services, pages and the API."""

import pytest

from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency, AuditEntry, Notification
from kelola.organizations import services
from kelola.organizations.models import SelfRelianceAssessment

pytestmark = pytest.mark.django_db

EVIDENCE = dict(
    has_it_staff=True,
    it_staff_evidence="2 pranata komputer",
    has_built_systems=True,
    built_systems_evidence="SIMPUS dibangun sendiri",
)


@pytest.fixture
def assessment(org):
    return services.assessment_start(actor=org.users["gcio"], agency=org.health, **EVIDENCE)


def _status(item):
    return SelfRelianceAssessment.objects.get(pk=item.pk).status


def _reliant(agency):
    return Agency.objects.get(pk=agency.pk).it_self_reliant


def test_full_path_to_active_and_revoked(org, assessment, django_capture_on_commit_callbacks):
    gcio, executive = org.users["gcio"], org.users["executive"]
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_transition(assessment, "propose", actor=gcio, comment="Layak")
    assert Notification.objects.filter(recipient=executive, kind="workflow.propose").exists()
    services.assessment_transition(assessment, "approve", actor=executive, comment="Setuju")
    assert _status(assessment) == "approved" and not _reliant(org.health)
    services.assessment_transition(assessment, "activate", actor=gcio, decree=org.decree)
    assert _status(assessment) == "active" and _reliant(org.health)
    stored = SelfRelianceAssessment.objects.get(pk=assessment.pk)
    assert stored.decree == org.decree and stored.decided_by == executive and stored.activated_at
    services.assessment_transition(assessment, "revoke", actor=executive, comment="Tidak lagi memenuhi")
    assert _status(assessment) == "revoked" and not _reliant(org.health)
    steps = list(
        AuditEntry.objects.filter(object_id=str(assessment.pk), action="transition")
        .order_by("sequence")
        .values_list("changes__status", flat=True)
    )
    assert [s[1] for s in steps] == ["proposed", "approved", "active", "revoked"]


def test_reject_needs_a_reason(org, assessment):
    services.assessment_transition(assessment, "propose", actor=org.users["gcio"])
    with pytest.raises(KelolaError):
        services.assessment_transition(assessment, "reject", actor=org.users["executive"])
    services.assessment_transition(assessment, "reject", actor=org.users["executive"], comment="Belum siap")
    assert _status(assessment) == "rejected"
    # A rejected assessment is closed: a new one may be started.
    services.assessment_start(actor=org.users["gcio"], agency=org.health)


def test_criteria_not_met_cannot_be_proposed(org):
    item = services.assessment_start(
        actor=org.users["reviewer"],
        agency=org.education,
        has_it_staff=True,
        it_staff_evidence="1 orang",
        has_built_systems=False,
        built_systems_evidence="-",
    )
    with pytest.raises(KelolaError) as info:
        services.assessment_transition(item, "propose", actor=org.users["gcio"])
    assert "001 Ps.19" in str(info.value.message)
    assert _status(item) == "draft"
    assert AuditEntry.objects.filter(object_id=str(item.pk), action="refused").exists()


@pytest.mark.parametrize(
    ("who", "step"),
    [("executive", "propose"), ("agency_head", "propose"), ("gcio", "approve"), ("reviewer", "approve")],
)
def test_wrong_role_refused_and_nothing_changes(org, assessment, who, step):
    if step == "approve":
        services.assessment_transition(assessment, "propose", actor=org.users["gcio"])
    before = _status(assessment)
    with pytest.raises(KelolaError) as info:
        services.assessment_transition(assessment, step, actor=org.users[who])
    assert info.value.code == ErrorCode.FORBIDDEN
    assert _status(assessment) == before


def test_other_pemda_and_other_pemda_decree_refused(org, assessment):
    with pytest.raises(KelolaError):
        services.assessment_transition(assessment, "propose", actor=org.other_pemda_gcio)
    from kelola.organizations.models import Decree

    foreign = Decree.objects.create(
        pemda=org.other_pemda, number="X/1", date="2026-01-01", subject="x", decides="x", signed_by="x"
    )
    services.assessment_transition(assessment, "propose", actor=org.users["gcio"])
    services.assessment_transition(assessment, "approve", actor=org.users["executive"])
    with pytest.raises(KelolaError):
        services.assessment_transition(assessment, "activate", actor=org.users["gcio"], decree=foreign)
    with pytest.raises(KelolaError) as info:
        services.assessment_transition(assessment, "activate", actor=org.users["gcio"])
    assert "SK penetapan" in str(info.value.message)
    assert _status(assessment) == "approved" and not _reliant(org.health)


def test_one_open_assessment_per_agency(org, assessment):
    with pytest.raises(KelolaError) as info:
        services.assessment_start(actor=org.users["gcio"], agency=org.health)
    assert info.value.code == ErrorCode.CONFLICT


def test_only_the_dinas_starts_and_edits(org, assessment):
    for user in (org.users["agency_head"], org.users["executive"], org.other_pemda_gcio):
        with pytest.raises(KelolaError):
            services.assessment_start(actor=user, agency=org.education)
        with pytest.raises(KelolaError):
            services.assessment_update(assessment, actor=user, assessor_notes="x")
    services.assessment_update(assessment, actor=org.users["reviewer"], assessor_notes="Diverifikasi")
    services.assessment_transition(assessment, "propose", actor=org.users["gcio"])
    with pytest.raises(KelolaError):
        services.assessment_update(assessment, actor=org.users["gcio"], assessor_notes="terlambat")


def test_pages(org, assessment, client_for):
    url = assessment.get_absolute_url()
    gcio_page = client_for(org.users["gcio"]).get(url).content.decode()
    assert "Usulkan ke Kepala Daerah" in gcio_page
    assert client_for(org.users["agency_head"]).get(url).status_code == 200  # the assessed agency reads it
    assert client_for(org.other_agency_operator).get(url).status_code == 404
    assert client_for(org.other_pemda_gcio).get(url).status_code == 404
    response = client_for(org.users["gcio"]).post(
        f"{url}langkah/", {"name": "propose", "comment": "Layak"}, follow=True
    )
    assert "Langkah tersimpan" in response.content.decode()
    assert _status(assessment) == "proposed"
    refused = client_for(org.users["agency_head"]).post(f"{url}langkah/", {"name": "approve"}, follow=True)
    assert "tidak berwenang" in refused.content.decode()
    assert _status(assessment) == "proposed"


def test_api_transition(org, assessment, api_for):
    url = f"/api/v1/self-reliance-assessments/{assessment.pk}/transition/"
    response = api_for(org.users["executive"]).post(url, {"name": "approve"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"
    assert api_for(org.users["gcio"]).post(url, {"name": "propose"}, format="json").status_code == 200
    assert api_for(org.other_pemda_gcio).post(url, {"name": "approve"}, format="json").status_code == 404
    bad = api_for(org.users["executive"]).post(url, {"name": "fly"}, format="json")
    assert bad.status_code == 400 and "name" in bad.json()["errors"]
    assert (
        api_for(org.users["executive"]).post(url, {"name": "approve"}, format="json").json()["status"]
        == "approved"
    )
