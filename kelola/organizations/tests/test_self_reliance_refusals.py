"""Mandiri TIK (001 Ps.19): refused steps change nothing and leave a "refused" audit entry;
evidence upload; the whole path through the API; the read helper other domains use."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency, AuditEntry, Document, Notification
from kelola.organizations import services
from kelola.organizations.models import Decree, SelfRelianceAssessment
from kelola.organizations.queries import is_self_reliant

pytestmark = pytest.mark.django_db

EVIDENCE = dict(
    has_it_staff=True,
    it_staff_evidence="2 pranata komputer",
    has_built_systems=True,
    built_systems_evidence="SIMPUS dibangun sendiri",
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def assessment(org):
    return services.assessment_start(actor=org.users["reviewer"], agency=org.health, **EVIDENCE)


def _state(item):
    row = SelfRelianceAssessment.objects.filter(pk=item.pk).values().get()
    row.pop("updated_at")
    return row, Agency.objects.get(pk=item.agency_id).it_self_reliant


def _walk(item, org, *steps):
    for step in steps:
        actor = org.users["executive"] if step in ("approve", "reject", "revoke") else org.users["gcio"]
        services.assessment_transition(
            item, step, actor=actor, comment="alasan", decree=org.decree if step == "activate" else None
        )


REFUSALS = [
    # (steps taken first, refused step, who, expected code)
    ((), "propose", "executive", ErrorCode.FORBIDDEN),
    ((), "propose", "agency_head", ErrorCode.FORBIDDEN),
    ((), "approve", "executive", ErrorCode.TRANSITION_NOT_ALLOWED),
    ((), "activate", "gcio", ErrorCode.TRANSITION_NOT_ALLOWED),
    (("propose",), "approve", "gcio", ErrorCode.FORBIDDEN),
    (("propose",), "reject", "executive", ErrorCode.TRANSITION_REQUIREMENTS_MISSING),  # no comment
    (("propose",), "propose", "gcio", ErrorCode.TRANSITION_NOT_ALLOWED),
    (("propose", "approve"), "activate", "gcio", ErrorCode.TRANSITION_REQUIREMENTS_MISSING),  # no SK
    (("propose", "approve"), "activate", "reviewer", ErrorCode.FORBIDDEN),
    (("propose", "approve", "activate"), "revoke", "gcio", ErrorCode.FORBIDDEN),
    (("propose", "approve", "activate"), "revoke", "executive", ErrorCode.TRANSITION_REQUIREMENTS_MISSING),
    (("propose", "approve", "activate"), "withdraw", "gcio", ErrorCode.TRANSITION_NOT_ALLOWED),
]


@pytest.mark.parametrize(("before", "step", "who", "code"), REFUSALS)
def test_refused_step_changes_nothing_and_is_logged(org, assessment, before, step, who, code):
    _walk(assessment, org, *before)
    snapshot = _state(assessment)
    refusals = AuditEntry.objects.filter(action="refused", object_id=str(assessment.pk)).count()
    with pytest.raises(KelolaError) as info:
        services.assessment_transition(assessment, step, actor=org.users[who])
    assert info.value.code == code
    assert _state(assessment) == snapshot
    entries = AuditEntry.objects.filter(action="refused", object_id=str(assessment.pk))
    assert entries.count() == refusals + 1
    assert entries.order_by("-sequence").first().changes["transition"] == step


@pytest.mark.parametrize(
    "answers",
    [
        {"has_it_staff": None, "has_built_systems": True},
        {"has_it_staff": True, "has_built_systems": False},
        {"has_it_staff": False, "has_built_systems": False},
    ],
)
def test_criteria_unanswered_or_unmet_cite_the_regulation(org, answers):
    item = services.assessment_start(
        actor=org.users["gcio"],
        agency=org.education,
        it_staff_evidence="-",
        built_systems_evidence="-",
        **answers,
    )
    snapshot = _state(item)
    with pytest.raises(KelolaError) as info:
        services.assessment_transition(item, "propose", actor=org.users["gcio"])
    assert "001 Ps.19" in str(info.value.message)
    assert info.value.code == ErrorCode.TRANSITION_REQUIREMENTS_MISSING
    assert _state(item) == snapshot
    assert AuditEntry.objects.filter(action="refused", object_id=str(item.pk)).exists()


def test_evidence_texts_are_required(org):
    item = services.assessment_start(
        actor=org.users["gcio"], agency=org.education, has_it_staff=True, has_built_systems=True
    )
    with pytest.raises(KelolaError) as info:
        services.assessment_transition(item, "propose", actor=org.users["gcio"])
    assert "bukti SDM TIK" in str(info.value.message)


def test_decree_on_the_wrong_step_or_out_of_scope_is_refused(org, assessment):
    foreign = Decree.objects.create(
        pemda=org.other_pemda, number="X/1", date="2026-01-01", subject="x", decides="x", signed_by="x"
    )
    snapshot = _state(assessment)
    with pytest.raises(KelolaError) as info:
        services.assessment_transition(assessment, "propose", actor=org.users["gcio"], decree=org.decree)
    assert "decree" in info.value.errors
    _walk(assessment, org, "propose", "approve")
    snapshot = _state(assessment)
    with pytest.raises(KelolaError):
        services.assessment_transition(assessment, "activate", actor=org.users["gcio"], decree=foreign)
    assert _state(assessment) == snapshot
    assert AuditEntry.objects.filter(action="refused", object_id=str(assessment.pk)).count() == 2


def test_reject_keeps_the_reason_and_notifies(org, assessment, django_capture_on_commit_callbacks):
    _walk(assessment, org, "propose")
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_transition(
            assessment, "reject", actor=org.users["executive"], comment="Belum siap"
        )
    stored = SelfRelianceAssessment.objects.get(pk=assessment.pk)
    assert (stored.status, stored.decision_notes, stored.decided_by) == (
        "rejected",
        "Belum siap",
        org.users["executive"],
    )
    assert Notification.objects.filter(recipient=org.users["agency_head"], kind="workflow.reject").exists()


def test_withdraw_closes_the_assessment(org, assessment):
    services.assessment_transition(assessment, "withdraw", actor=org.users["reviewer"], comment="Salah OPD")
    assert SelfRelianceAssessment.objects.get(pk=assessment.pk).status == "withdrawn"
    services.assessment_start(actor=org.users["reviewer"], agency=org.health)  # a new one may start


def test_api_full_path_with_revocation_decree(org, assessment, api_for, django_capture_on_commit_callbacks):
    url = f"/api/v1/self-reliance-assessments/{assessment.pk}/transition/"
    gcio, executive = api_for(org.users["gcio"]), api_for(org.users["executive"])
    listed = gcio.get(f"/api/v1/self-reliance-assessments/{assessment.pk}/").json()
    assert "propose" in listed["available_transitions"]
    assert gcio.post(url, {"name": "propose"}, format="json").json()["status"] == "proposed"
    with django_capture_on_commit_callbacks(execute=True):
        assert executive.post(url, {"name": "approve", "comment": "Setuju"}, format="json").status_code == 200
    assert Notification.objects.filter(recipient=org.users["gcio"], kind="workflow.approve").exists()
    missing = gcio.post(url, {"name": "activate"}, format="json")
    assert missing.status_code == 409 and missing.json()["code"] == "transition_requirements_missing"
    foreign = gcio.post(url, {"name": "activate", "decree": 999999}, format="json")
    assert foreign.status_code == 400 and "decree" in foreign.json()["errors"]
    active = gcio.post(url, {"name": "activate", "decree": org.decree.pk}, format="json").json()
    assert active["status"] == "active" and active["decree"] == org.decree.pk
    assert is_self_reliant(org.health)
    no_reason = executive.post(url, {"name": "revoke"}, format="json")
    assert no_reason.status_code == 409
    revoked = executive.post(
        url, {"name": "revoke", "comment": "SDM TIK mutasi", "decree": org.secret_decree.pk}, format="json"
    )
    # The executive may not read the classified decree, so it cannot be cited by them.
    assert revoked.status_code == 400
    revoked = executive.post(url, {"name": "revoke", "comment": "SDM TIK mutasi"}, format="json").json()
    assert revoked["status"] == "revoked" and not is_self_reliant(org.health)


def test_api_start_and_edit(org, api_for):
    api = api_for(org.users["reviewer"])
    created = api.post(
        "/api/v1/self-reliance-assessments/",
        {"agency": org.education.pk, "has_it_staff": True},
        format="json",
    )
    assert created.status_code == 201, created.json()
    url = f"/api/v1/self-reliance-assessments/{created.json()['id']}/"
    assert api.patch(url, {"assessor_notes": "ok"}, format="json").json()["assessor_notes"] == "ok"
    assert api.patch(url, {"agency": org.health.pk}, format="json").status_code == 400
    assert api.patch(url, {"status": "active"}, format="json").json()["status"] == "draft"
    conflict = api.post("/api/v1/self-reliance-assessments/", {"agency": org.education.pk}, format="json")
    assert conflict.status_code == 409 and conflict.json()["code"] == "conflict"
    it_office = api.post("/api/v1/self-reliance-assessments/", {"agency": org.it_office.pk}, format="json")
    assert it_office.status_code == 400 and "agency" in it_office.json()["errors"]
    refused = api_for(org.users["agency_head"]).patch(url, {"assessor_notes": "x"}, format="json")
    assert refused.status_code == 404  # the assessment of another agency is not theirs to see


def test_evidence_upload(org, assessment, api_for, client_for):
    upload = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
    document = services.assessment_attach_evidence(assessment, actor=org.users["reviewer"], upload=upload)
    assert (document.kind, document.agency, document.target_id) == (
        "evidence",
        org.health,
        str(assessment.pk),
    )
    with pytest.raises(KelolaError):  # the assessed agency does not assess itself
        services.assessment_attach_evidence(
            assessment, actor=org.users["agency_head"], upload=SimpleUploadedFile("b.pdf", PDF)
        )
    url = f"/api/v1/self-reliance-assessments/{assessment.pk}/evidence/"
    posted = api_for(org.users["gcio"]).post(
        url, {"file": SimpleUploadedFile("b2.pdf", PDF), "title": "SK SDM"}
    )
    assert posted.status_code == 201, posted.json()
    assert len(api_for(org.users["agency_head"]).get(url).json()) == 2
    disguised = api_for(org.users["gcio"]).post(url, {"file": SimpleUploadedFile("x.pdf", b"MZ....")})
    assert disguised.status_code == 400 and disguised.json()["code"] == "upload_type_rejected"
    page = client_for(org.users["gcio"]).post(
        f"/organisasi/mandiri-tik/{assessment.pk}/unggah/",
        {"file": SimpleUploadedFile("b3.pdf", PDF), "title": "Dokumentasi"},
        follow=True,
    )
    assert "Dokumen diunggah" in page.content.decode()
    _walk(assessment, org, "propose")
    with pytest.raises(KelolaError):
        services.assessment_attach_evidence(
            assessment, actor=org.users["gcio"], upload=SimpleUploadedFile("c.pdf", PDF)
        )
    assert Document.objects.filter(kind="evidence").count() == 3


def test_detail_page_shows_steps_and_missing(org, client_for):
    item = services.assessment_start(actor=org.users["gcio"], agency=org.education, has_it_staff=True)
    page = client_for(org.users["gcio"]).get(item.get_absolute_url()).content.decode()
    assert "Usulkan ke Kepala Daerah" in page and "Belum lengkap" in page and "001 Ps.19" in page
    assert "Batalkan penilaian" in page
    executive_page = client_for(org.users["executive"]).get(item.get_absolute_url()).content.decode()
    assert "Usulkan ke Kepala Daerah" not in executive_page
    assert (
        client_for(org.users["agency_head"]).get(f"/organisasi/mandiri-tik/{item.pk}/ubah/").status_code
        == 404
    )


def test_dashboard_card_and_navigation(org, client_for):
    home = client_for(org.users["gcio"]).get("/").content.decode()
    assert "OPD tanpa teknisi tier 1" in home
    assert "Mandiri TIK" in home
    assert "/organisasi/mandiri-tik/" not in client_for(org.users["vendor"]).get("/").content.decode()
