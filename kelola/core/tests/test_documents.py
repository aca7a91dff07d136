"""Documents (X-2): type and size checks, checksum, versions, classification, audited downloads,
attachments to any object, pages and API."""

import hashlib
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory

from kelola.core.documents import document_upload, documents_of
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import AuditEntry, Document
from kelola.core.roles import EXEMPT_READERS, PEMDA_ROLES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
EXE = b"MZ\x90\x00\x03" + b"\x00" * 58 + b"\x80" + b"\x00" * 200


def _png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


PNG = _png()


def _upload(world, who="gcio", name="laporan.pdf", content=PDF, **kwargs):
    options = dict(pemda=world.pemda, title="Laporan", kind="report", agency=world.health)
    options.update(kwargs)
    actor = world.users[who] if isinstance(who, str) else who
    return document_upload(actor=actor, upload=SimpleUploadedFile(name, content), **options)


def _stored_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_upload_keeps_checksum_size_and_type(world):
    document = _upload(world)
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.size == len(PDF) and document.mime_type == "application/pdf"
    assert document.original_name == "laporan.pdf" and not document.file.name.endswith("laporan.pdf")
    assert document.file.read() == PDF
    assert document.uploaded_by == world.users["gcio"]
    assert AuditEntry.objects.filter(action="create", object_id=str(document.pk)).exists()
    image = _upload(world, name="foto.PNG", content=PNG)
    assert image.mime_type == "image/png" and image.sha256 == hashlib.sha256(PNG).hexdigest()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laporan.pdf", ELF),  # a program disguised as a PDF
        ("laporan.pdf", EXE),  # a Windows program disguised as a PDF
        ("laporan.pdf", PNG),  # an image renamed .pdf
        ("foto.png", PDF),  # a PDF renamed .png
        ("catatan.txt", ELF),  # a program renamed .txt
        ("data.csv", b"\x00\x01\x02binary"),
        ("gambar.svg", b"<svg><script>alert(1)</script></svg>"),
    ],
)
def test_disguised_files_are_refused_and_nothing_is_stored(world, settings, name, content):
    with pytest.raises(KelolaError) as info:
        _upload(world, name=name, content=content)
    assert info.value.code == ErrorCode.UPLOAD_TYPE_REJECTED
    assert "Isi berkas tidak sesuai dengan jenisnya" in str(info.value.message)
    assert "ditolak" in str(info.value.message)
    assert not Document.objects.exists() and _stored_files(settings) == []


@pytest.mark.parametrize("name", ["setup.exe", "skrip.sh", "tanpa-ekstensi"])
def test_unaccepted_types_are_refused(world, settings, name):
    with pytest.raises(KelolaError) as info:
        _upload(world, name=name, content=ELF)
    assert info.value.code == ErrorCode.UPLOAD_TYPE_REJECTED and "tidak diterima" in str(info.value.message)
    assert not Document.objects.exists() and _stored_files(settings) == []


def test_oversized_upload_is_refused(world, settings):
    settings.KELOLA_MAX_UPLOAD_BYTES = 20
    with pytest.raises(KelolaError) as info:
        _upload(world)
    assert info.value.code == ErrorCode.UPLOAD_TOO_LARGE and "terlalu besar" in str(info.value.message)
    assert not Document.objects.exists() and _stored_files(settings) == []


def test_versions(world):
    first = _upload(world)
    second = _upload(world, content=PDF + b"% revisi\n", replaces=first)
    third = _upload(world, content=PDF + b"% revisi 2\n", replaces=first)  # from an old version too
    assert [d.version for d in (first, second, third)] == [1, 2, 3]
    assert {d.series for d in (first, second, third)} == {first.series}
    assert list(Document.objects.filter(series=first.series, is_latest=True)) == [third]
    assert third.sha256 == hashlib.sha256(PDF + b"% revisi 2\n").hexdigest() != first.sha256
    assert Document.objects.filter(series=first.series).count() == 3


def test_a_version_stays_in_its_pemda(world):
    first = _upload(world)
    with pytest.raises(KelolaError):
        _upload(world, who=world.other_pemda_gcio, pemda=world.other_pemda, agency=None, replaces=first)
    assert Document.objects.count() == 1


def test_classified_documents_are_hidden_outside_exempt_readers(world, client_for):
    exempt = _upload(world, title="Notulen Tertutup", classification="exempt")
    secret = _upload(world, title="Rahasia", secrecy="secret", agency=None)
    public = _upload(world, title="Terbuka", agency=None)
    for role in PEMDA_ROLES:
        user = world.users[role]
        visible = set(Document.objects.visible_to(user))
        if role in EXEMPT_READERS:
            assert visible == {exempt, secret, public}, role
        else:
            assert visible == {public}, role
    # The owning agency sees its own classified document.
    assert set(Document.objects.visible_to(world.users["agency_operator"])) == {exempt, public}
    assert set(Document.objects.visible_to(world.other_agency_operator)) == {public}
    assert set(Document.objects.visible_to(world.other_pemda_gcio)) == set()
    url = f"/dokumen/{exempt.pk}/unduh/"
    assert client_for(world.users["gcio"]).get(url).status_code == 200
    assert client_for(world.users["agency_operator"]).get(url).status_code == 200
    for outsider in (world.users["reviewer"], world.other_agency_operator, world.other_pemda_gcio):
        client = client_for(outsider)
        assert client.get(url).status_code == 404
        assert client.get(f"/dokumen/{exempt.pk}/").status_code == 404
        assert client.get(f"/dokumen/{exempt.pk}/versi-baru/").status_code == 404
        assert "Notulen Tertutup" not in client.get("/dokumen/").content.decode()


def test_download_is_audited_and_named(world, client_for):
    document = _upload(world, name="Laporan Triwulan I.pdf")
    response = client_for(world.users["reviewer"]).get(f"/dokumen/{document.pk}/unduh/")
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Laporan Triwulan I.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    entry = AuditEntry.objects.get(action="download", object_id=str(document.pk))
    assert entry.actor == world.users["reviewer"] and entry.changes["sha256"] == document.sha256
    assert client_for(world.other_pemda_gcio).get(f"/dokumen/{document.pk}/unduh/").status_code == 404
    assert client_for(world.other_pemda_gcio).get("/dokumen/999999/unduh/").status_code == 404
    assert AuditEntry.objects.filter(action="download").count() == 1


def test_a_file_missing_from_storage_answers_404_and_is_not_audited(world, client_for):
    document = _upload(world)
    document.file.storage.delete(document.file.name)
    response = client_for(world.users["gcio"]).get(f"/dokumen/{document.pk}/unduh/")
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="download").exists()


def test_agency_staff_cannot_upload_for_another_agency(world):
    with pytest.raises(KelolaError) as info:
        _upload(world, who="agency_operator", agency=world.education)
    assert info.value.code == ErrorCode.FORBIDDEN
    assert AuditEntry.objects.filter(action="refused", actor=world.users["agency_operator"]).exists()


def _form(**extra):
    data = {
        "title": "Diagram LAN",
        "kind": "diagram",
        "agency": "",
        "classification": "public",
        "secrecy": "ordinary",
        "description": "",
        "file": SimpleUploadedFile("lan.pdf", PDF),
    }
    data.update(extra)
    return data


def test_pages_list_detail_upload_and_new_version(world, client_for, settings):
    client = client_for(world.users["agency_operator"])
    form_page = client.get("/dokumen/unggah/").content.decode()
    assert "Dinas Kesehatan" in form_page and "Kabupaten Lain" not in form_page
    response = client.post("/dokumen/unggah/", _form(agency=world.health.pk))
    assert response.status_code == 302
    document = Document.objects.get()
    assert response["Location"] == document.get_absolute_url() and document.agency == world.health
    detail = client.get(document.get_absolute_url()).content.decode()
    assert "Diagram LAN" in detail and document.sha256 in detail and "Riwayat" in detail
    assert f"/dokumen/{document.pk}/versi-baru/" in detail
    assert client.get(f"/dokumen/{document.pk}/versi-baru/").status_code == 200
    new_version = client.post(
        f"/dokumen/{document.pk}/versi-baru/",
        {
            "title": "Diagram LAN (revisi)",
            "classification": "public",
            "secrecy": "ordinary",
            "description": "",
            "file": SimpleUploadedFile("lan-v2.pdf", PDF + b"%v2\n"),
        },
    )
    assert new_version.status_code == 302
    latest = Document.objects.get(is_latest=True)
    assert (latest.version, latest.series, latest.agency, latest.kind) == (
        2,
        document.series,
        world.health,
        "diagram",
    )
    versions_tab = client.get(latest.get_absolute_url()).content.decode()
    assert "lan.pdf" in versions_tab and "lan-v2.pdf" in versions_tab
    listing = client.get("/dokumen/").content.decode()
    assert "Diagram LAN (revisi)" in listing and listing.count("Diagram LAN") == 1  # latest versions only
    # The form's refusals: a disguised file (Indonesian message), an oversized one, another agency.
    disguised = client.post(
        "/dokumen/unggah/", _form(agency=world.health.pk, file=SimpleUploadedFile("virus.pdf", ELF))
    )
    assert (
        disguised.status_code == 400
        and "Isi berkas tidak sesuai dengan jenisnya" in disguised.content.decode()
    )
    other = client.post("/dokumen/unggah/", _form(agency=world.education.pk))
    assert other.status_code == 400  # not a visible choice
    settings.KELOLA_MAX_UPLOAD_BYTES = 10
    too_big = client.post("/dokumen/unggah/", _form(agency=world.health.pk))
    assert too_big.status_code == 400 and "terlalu besar" in too_big.content.decode()
    assert Document.objects.count() == 2
    assert "Diagram LAN" not in client_for(world.other_pemda_gcio).get("/dokumen/").content.decode()
    assert client_for(world.other_pemda_gcio).get(latest.get_absolute_url()).status_code == 404


def test_list_filters_and_search(world, client_for):
    _upload(world, title="Rencana Induk SPBE", kind="policy")
    _upload(world, title="Notulen Rapat", kind="report", classification="exempt")
    client = client_for(world.users["gcio"])
    assert "Notulen Rapat" not in client.get("/dokumen/?kind=policy").content.decode()
    by_class = client.get("/dokumen/?classification=exempt").content.decode()
    assert "Notulen Rapat" in by_class and "Rencana Induk" not in by_class
    found = client.get("/dokumen/?q=induk").content.decode()
    assert "Rencana Induk SPBE" in found and "Notulen Rapat" not in found
    assert "Rencana Induk" in client.get(f"/dokumen/?agency={world.health.pk}").content.decode()
    assert "Rencana Induk" not in client.get(f"/dokumen/?agency={world.education.pk}").content.decode()
    export = client.get("/dokumen/?export=csv")
    assert export.status_code == 200


def _render_attached(user, target):
    request = RequestFactory().get("/unit/")
    request.user = user
    template = Template('{% include "core/documents/attached.html" with target=target %}')
    return template.render(Context({"request": request, "target": target}))


def test_attach_documents_to_any_object(world, client_for):
    head = world.users["agency_head"]  # may change their own agency
    client = client_for(head)
    response = client.post(
        "/dokumen/lampirkan/",
        {
            "target": "core.agency",
            "target_id": world.health.pk,
            "next": "/organisasi/",
            "title": "Struktur Organisasi",
            "kind": "evidence",
            "classification": "public",
            "secrecy": "ordinary",
            "file": SimpleUploadedFile("struktur.pdf", PDF),
        },
    )
    assert response.status_code == 302 and response["Location"] == "/organisasi/"
    document = Document.objects.get()
    assert document.target == world.health and document.agency == world.health
    assert list(documents_of(world.health, head)) == [document]
    html = _render_attached(head, world.health)
    assert "Struktur Organisasi" in html and 'action="/dokumen/lampirkan/"' in html
    reader = _render_attached(world.users["reviewer"], world.health)
    assert "Struktur Organisasi" in reader and "/dokumen/lampirkan/" not in reader  # reads, cannot attach
    assert "Struktur Organisasi" not in _render_attached(world.other_pemda_gcio, world.health)


def test_two_attachment_blocks_on_one_page_keep_ids_unique(world):
    import re

    html = _render_attached(world.users["gcio"], world.health) + _render_attached(
        world.users["gcio"], world.education
    )
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids))
    # Each label still points at its own form's field.
    for label_for in re.findall(r'\bfor="([^"]+)"', html):
        assert label_for in ids


def test_attach_refusals(world, client_for, settings):
    data = {
        "target": "core.agency",
        "target_id": world.health.pk,
        "title": "X",
        "kind": "evidence",
        "classification": "public",
        "secrecy": "ordinary",
    }
    # Another pemda, an unknown model, a model without pemda, a missing row: 404 alike.
    for target, target_id in (
        ("core.agency", world.health.pk),
        ("core.nosuchmodel", 1),
        ("auth.group", 1),
        ("core.agency", 999999),
    ):
        response = client_for(world.other_pemda_gcio).post(
            "/dokumen/lampirkan/",
            {**data, "target": target, "target_id": target_id, "file": SimpleUploadedFile("a.pdf", PDF)},
        )
        assert response.status_code == 404, target
    # Sees the agency but may not change it.
    response = client_for(world.other_agency_operator).post(
        "/dokumen/lampirkan/", {**data, "file": SimpleUploadedFile("a.pdf", PDF)}
    )
    assert response.status_code == 403
    # A disguised file: a message, nothing stored; an open redirect is ignored.
    response = client_for(world.users["agency_head"]).post(
        "/dokumen/lampirkan/",
        {**data, "next": "https://evil.example/", "file": SimpleUploadedFile("a.pdf", ELF)},
        follow=True,
    )
    assert "Isi berkas tidak sesuai dengan jenisnya" in response.content.decode()
    assert response.redirect_chain[0][0] != "https://evil.example/"
    assert not Document.objects.exists() and _stored_files(settings) == []


def test_api(world, api_for, settings):
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
    data = created.json()
    assert data["sha256"] == hashlib.sha256(PDF).hexdigest() and data["version"] == 1 and data["is_latest"]
    pk = data["id"]
    download = api.get(data["download_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert 'filename="sop.pdf"' in download["Content-Disposition"]
    version = api.post(
        f"/api/v1/documents/{pk}/versions/",
        {"file": SimpleUploadedFile("sop-v2.pdf", PDF + b"%2\n"), "title": "SOP v2"},
        format="multipart",
    )
    assert version.status_code == 201, version.json()
    assert (version.json()["version"], version.json()["series"]) == (2, data["series"])
    versions = api.get(f"/api/v1/documents/{pk}/versions/").json()
    assert [(v["version"], v["is_latest"]) for v in versions] == [(2, True), (1, False)]
    assert [r["title"] for r in api.get("/api/v1/documents/").json()["results"]] == ["SOP v2"]
    assert len(api.get("/api/v1/documents/?all_versions=true").json()["results"]) == 2
    attached = api.post(
        "/api/v1/documents/",
        {
            "title": "Bukti",
            "kind": "evidence",
            "target": "core.agency",
            "target_id": world.health.pk,
            "file": SimpleUploadedFile("bukti.pdf", PDF),
        },
        format="multipart",
    )
    assert attached.status_code == 201 and attached.json()["target_type"] == "core.agency"
    # Refusals: another pemda (404), disguised and oversized files (400 with stable codes).
    outsider = api_for(world.other_pemda_gcio)
    for url in (
        f"/api/v1/documents/{pk}/",
        f"/api/v1/documents/{pk}/download/",
        f"/api/v1/documents/{pk}/versions/",
    ):
        assert outsider.get(url).status_code == 404
    assert outsider.get("/api/v1/documents/").json()["results"] == []
    assert (
        outsider.post(
            f"/api/v1/documents/{pk}/versions/",
            {"file": SimpleUploadedFile("x.pdf", PDF)},
            format="multipart",
        ).status_code
        == 404
    )
    bad = api.post(
        "/api/v1/documents/",
        {"title": "x", "kind": "other", "agency": world.health.pk, "file": SimpleUploadedFile("x.pdf", ELF)},
        format="multipart",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "upload_type_rejected"
    assert "tidak sesuai" in bad.json()["detail"]
    settings.KELOLA_MAX_UPLOAD_BYTES = 10
    big = api.post(
        "/api/v1/documents/",
        {"title": "x", "kind": "other", "agency": world.health.pk, "file": SimpleUploadedFile("x.pdf", PDF)},
        format="multipart",
    )
    assert big.status_code == 400 and big.json()["code"] == "upload_too_large"
    settings.KELOLA_MAX_UPLOAD_BYTES = 1024 * 1024
    classified = api_for(world.users["gcio"]).post(
        "/api/v1/documents/",
        {"title": "Rahasia", "kind": "report", "secrecy": "secret", "file": SimpleUploadedFile("r.pdf", PDF)},
        format="multipart",
    )
    assert classified.status_code == 201
    reviewer = api_for(world.users["reviewer"])
    assert reviewer.get(f"/api/v1/documents/{classified.json()['id']}/").status_code == 404
    assert "Rahasia" not in [r["title"] for r in reviewer.get("/api/v1/documents/").json()["results"]]
    assert Document.objects.count() == 4
