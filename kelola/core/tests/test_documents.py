"""Documents (X-2): type and size checks, checksum, versions, classification, audited downloads."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kelola.core.documents import document_upload
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import AuditEntry, Document

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200


def _upload(world, who="gcio", name="laporan.pdf", content=PDF, **kwargs):
    options = dict(pemda=world.pemda, title="Laporan", kind="report", agency=world.health)
    options.update(kwargs)
    return document_upload(actor=world.users[who], upload=SimpleUploadedFile(name, content), **options)


def test_upload_keeps_checksum_size_and_type(world):
    document = _upload(world)
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.size == len(PDF) and document.mime_type == "application/pdf"
    assert document.file.read() == PDF
    assert AuditEntry.objects.filter(action="create", object_id=str(document.pk)).exists()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("laporan.pdf", ELF, ErrorCode.UPLOAD_TYPE_REJECTED),  # a program disguised as a PDF
        ("foto.png", PDF, ErrorCode.UPLOAD_TYPE_REJECTED),  # a PDF renamed .png
        ("setup.exe", ELF, ErrorCode.UPLOAD_TYPE_REJECTED),  # a type that is never accepted
        ("data.csv", b"\x00\x01\x02binary", ErrorCode.UPLOAD_TYPE_REJECTED),
        ("gambar.svg", b"<svg><script>alert(1)</script></svg>", ErrorCode.UPLOAD_TYPE_REJECTED),
    ],
)
def test_disguised_or_unaccepted_files_are_refused(world, name, content, code):
    with pytest.raises(KelolaError) as info:
        _upload(world, name=name, content=content)
    assert info.value.code == code
    assert "ditolak" in str(info.value.message) or "tidak diterima" in str(info.value.message)
    assert not Document.objects.exists()


def test_oversized_upload_is_refused(world, settings):
    settings.KELOLA_MAX_UPLOAD_BYTES = 20
    with pytest.raises(KelolaError) as info:
        _upload(world)
    assert info.value.code == ErrorCode.UPLOAD_TOO_LARGE and "terlalu besar" in str(info.value.message)
    assert not Document.objects.exists()


def test_versions(world):
    first = _upload(world)
    second = _upload(world, content=PDF + b"% revisi\n", replaces=first)
    assert (second.series, second.version) == (first.series, 2)
    assert list(Document.objects.filter(series=first.series, is_latest=True)) == [second]


def test_classified_document_visibility(world, client_for):
    secret = _upload(world, classification="exempt")
    url = f"/dokumen/{secret.pk}/unduh/"
    assert client_for(world.users["gcio"]).get(url).status_code == 200
    assert client_for(world.users["agency_operator"]).get(url).status_code == 200  # owning agency
    assert client_for(world.users["reviewer"]).get(url).status_code == 404
    assert client_for(world.other_agency_operator).get(url).status_code == 404
    assert client_for(world.other_pemda_gcio).get(url).status_code == 404


def test_download_is_audited_and_named(world, client_for):
    document = _upload(world)
    response = client_for(world.users["reviewer"]).get(f"/dokumen/{document.pk}/unduh/")
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="laporan.pdf"' in response["Content-Disposition"]
    assert AuditEntry.objects.filter(
        action="download", object_id=str(document.pk), actor=world.users["reviewer"]
    ).exists()


def test_agency_staff_cannot_upload_for_another_agency(world):
    with pytest.raises(KelolaError) as info:
        _upload(world, who="agency_operator", agency=world.education)
    assert info.value.code == ErrorCode.FORBIDDEN
    assert AuditEntry.objects.filter(action="refused", actor=world.users["agency_operator"]).exists()


def test_pages_upload_and_refusals(world, client_for):
    client = client_for(world.users["agency_operator"])
    response = client.post(
        "/dokumen/unggah/",
        {
            "title": "Diagram LAN",
            "kind": "diagram",
            "agency": world.health.pk,
            "classification": "public",
            "secrecy": "ordinary",
            "file": SimpleUploadedFile("lan.pdf", PDF),
        },
    )
    assert response.status_code == 302
    disguised = client.post(
        "/dokumen/unggah/",
        {
            "title": "X",
            "kind": "other",
            "agency": world.health.pk,
            "classification": "public",
            "secrecy": "ordinary",
            "file": SimpleUploadedFile("virus.pdf", ELF),
        },
    )
    assert disguised.status_code == 400 and "tidak sesuai dengan jenisnya" in disguised.content.decode()
    assert Document.objects.count() == 1
    listing = client_for(world.other_pemda_gcio).get("/dokumen/").content.decode()
    assert "Diagram LAN" not in listing


def test_api(world, api_for):
    api = api_for(world.users["agency_head"])
    created = api.post(
        "/api/v1/documents/",
        {
            "title": "SOP",
            "kind": "policy",
            "agency": world.health.pk,
            "file": SimpleUploadedFile("sop.pdf", PDF),
        },
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert api.get(f"/api/v1/documents/{pk}/download/").status_code == 200
    assert api_for(world.other_pemda_gcio).get(f"/api/v1/documents/{pk}/").status_code == 404
    bad = api.post(
        "/api/v1/documents/",
        {"title": "x", "kind": "other", "agency": world.health.pk, "file": SimpleUploadedFile("x.pdf", ELF)},
        format="multipart",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "upload_type_rejected"
