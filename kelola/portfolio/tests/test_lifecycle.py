"""PORT-4 lifecycle gates and PORT-5 repository: each stage lists present and missing evidence;
production is refused until the hand-over package is complete."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry, Document, Notification, TimelineEvent
from kelola.portfolio import lifecycle, services
from kelola.portfolio.models import SystemArtifact

from .conftest import make_system

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ZIP = b"PK\x05\x06" + b"\x00" * 18


def upload(system, user, kind, version="1.0"):
    content, name = (ZIP, "src.zip") if kind == "source_code" else (PDF, f"{kind}.pdf")
    return services.artifact_add(
        system, actor=user, upload=SimpleUploadedFile(name, content), kind=kind, app_version=version
    )


@pytest.fixture
def planned(world):
    return make_system(world.health, internal_name="baru", status="planned", url="")


def test_each_stage_lists_its_evidence(planned):
    status = {s["stage"]: [i["kind"] for i in s["items"]] for s in lifecycle.evidence_status(planned)}
    assert status["development"] == ["requirements"]
    assert status["production"] == [
        "requirements",
        "design",
        "user_manual",
        "source_code",
        "system_test",
        "uat",
    ]
    planned.risk_category, planned.vendor = "high", "PT Vendor"
    production = lifecycle.required_evidence(planned, "production")
    assert "penetration_test" in production and "knowledge_transfer" in production


def test_a_step_without_its_evidence_is_refused_and_lists_what_is_missing(world, planned):
    head = world.users["agency_head"]
    with pytest.raises(KelolaError) as refused:
        services.lifecycle_transition(planned, "start_development", actor=head)
    assert refused.value.code == "transition_requirements_missing"
    assert "Dokumen kebutuhan perangkat lunak" in refused.value.errors["missing"][0]
    planned.refresh_from_db()
    assert planned.status == "planned" and not TimelineEvent.objects.exists()
    assert AuditEntry.objects.filter(action="refused").exists()


def test_the_whole_path_to_production_with_the_hand_over_package(world, planned):
    head, reviewer = world.users["agency_head"], world.users["reviewer"]
    upload(planned, head, "requirements")
    services.lifecycle_transition(planned, "start_development", actor=head)
    for kind in ("design", "technical_design"):
        upload(planned, head, kind)
    services.lifecycle_transition(planned, "start_testing", actor=head)
    assert Notification.objects.filter(recipient=reviewer, kind="workflow.start_testing").exists()
    with pytest.raises(KelolaError) as refused:
        services.lifecycle_transition(planned, "release", actor=reviewer)
    missing = " ".join(refused.value.errors["missing"])
    assert "Manual penggunaan" in missing and "Kode sumber" in missing and "kategori sistem" in missing
    for kind in ("user_manual", "source_code", "system_test", "uat"):
        upload(planned, head, kind)
    services.risk_assess(planned, actor=head, answers={f"q{i}": "B" for i in range(1, 11)})  # Tinggi
    with pytest.raises(KelolaError) as refused:
        services.lifecycle_transition(planned, "release", actor=reviewer)
    assert refused.value.errors["missing"] == ["Hasil uji penetrasi", "alamat URL sistem online"]
    services.system_update(planned, actor=head, url="https://baru.example.go.id")
    upload(planned, head, "penetration_test")
    with pytest.raises(KelolaError):  # the owner agency may not accept its own hand-over
        services.lifecycle_transition(planned, "release", actor=head)
    services.lifecycle_transition(planned, "release", actor=reviewer)
    planned.refresh_from_db()
    assert planned.status == "production"
    assert Notification.objects.filter(recipient=head, kind="workflow.release").exists()


def test_vendor_built_systems_need_knowledge_transfer_and_a_warranty(world, planned):
    planned.vendor, planned.status, planned.risk_category, planned.risk_score = (
        "PT Vendor",
        "testing",
        "low",
        12,
    )
    planned.save()
    head = world.users["agency_head"]
    for kind in ("requirements", "design", "user_manual", "source_code", "system_test", "uat"):
        upload(planned, head, kind)
    with pytest.raises(KelolaError) as refused:
        services.lifecycle_transition(planned, "release", actor=world.users["gcio"])
    assert refused.value.errors["missing"] == [
        "Materi alih pengetahuan",
        "alamat URL sistem online",
        "tanggal garansi pemeliharaan dari pihak ketiga",
    ]


def test_retiring_needs_a_reason(world, port):
    with pytest.raises(KelolaError):
        services.lifecycle_transition(port.system, "retire", actor=world.users["agency_head"])
    services.lifecycle_transition(port.system, "retire", actor=world.users["agency_head"], comment="Diganti")
    assert port.system.status == "retired"


def test_the_form_may_not_move_the_stage(world, port):
    with pytest.raises(KelolaError) as refused:
        services.system_update(port.system, actor=world.users["gcio"], status="retired")
    assert refused.value.code == "transition_not_allowed"


def test_repository_keeps_checksum_uploader_copyright_and_hides_source_code(world, port, client_for):
    head = world.users["agency_head"]
    manual = upload(port.system, head, "user_manual", "2.1")
    code = upload(port.system, head, "source_code", "2.1")
    assert manual.copyright_holder == "Kota Contoh" and len(manual.document.sha256) == 64
    assert manual.document.uploaded_by == head and code.document.classification == "exempt"
    assert manual.document.classification == "public"
    # A pemda-wide reader without the exempt role sees the manual but not the source code.
    reviewer_docs = set(Document.objects.visible_to(world.users["reviewer"]).values_list("pk", flat=True))
    assert manual.document_id in reviewer_docs and code.document_id not in reviewer_docs
    client = client_for(world.users["reviewer"])
    assert client.get(f"/dokumen/{code.document_id}/unduh/").status_code == 404
    page = client.get(f"/portofolio/sistem/{port.system.pk}/").content.decode()
    assert "(dikecualikan)" in page and "user_manual.pdf" in page
    owner = client_for(world.users["agency_operator"])
    assert owner.get(f"/dokumen/{code.document_id}/unduh/").status_code == 200


def test_disguised_upload_and_outsiders_are_refused(world, port):
    with pytest.raises(KelolaError):
        services.artifact_add(
            port.system,
            actor=world.users["agency_head"],
            upload=SimpleUploadedFile("manual.pdf", b"MZ\x90\x00 not a pdf"),
            kind="user_manual",
            app_version="1",
        )
    with pytest.raises(KelolaError):
        upload(port.system, world.other_agency_operator, "user_manual")
    assert not SystemArtifact.objects.exists() and not Document.objects.exists()


def test_pages_and_api_for_steps_and_uploads(world, port, client_for, api_for):
    head = world.users["agency_head"]
    client = client_for(head)
    url = f"/portofolio/sistem/{port.system.pk}/"
    response = client.post(
        f"{url}repositori/unggah/",
        {"kind": "user_manual", "app_version": "3.0", "file": SimpleUploadedFile("m.pdf", PDF)},
    )
    assert response.status_code == 302 and port.system.artifacts.count() == 1
    bad = client.post(f"{url}repositori/unggah/", {"kind": "user_manual", "app_version": ""})
    assert bad.status_code == 400
    assert client.post(f"{url}langkah/", {"name": "retire", "comment": ""}).status_code == 302
    port.system.refresh_from_db()
    assert port.system.status == "production"  # refused: no reason given
    api = api_for(head)
    listed = api.get(f"/api/v1/systems/{port.system.pk}/artifacts/").json()
    assert listed[0]["app_version"] == "3.0" and len(listed[0]["sha256"]) == 64
    refused = api.post(f"/api/v1/systems/{port.system.pk}/transition/", {"name": "retire"}, format="json")
    assert refused.status_code == 409 and "catatan" in refused.json()["detail"]
    done = api.post(
        f"/api/v1/systems/{port.system.pk}/transition/", {"name": "retire", "comment": "Usang"}, format="json"
    )
    assert done.status_code == 200 and done.json()["status"] == "retired"
    other = api_for(world.other_agency_operator)
    assert other.post(f"/api/v1/systems/{port.system.pk}/transition/", {"name": "retire"}).status_code == 404
    assert client_for(world.users["executive"]).get(f"{url}repositori/unggah/").status_code == 403
