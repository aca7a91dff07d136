"""Backup → wipe → restore gives back the same platform (X-4); bad archives change nothing."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from kelola.core import audit
from kelola.core.backup import backed_up_models, data_member
from kelola.core.documents import document_upload
from kelola.core.models import Agency, AuditEntry, Document, User
from kelola.core.testing import PASSWORD, build_world

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _counts() -> dict:
    return {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}


def _media_checksums() -> dict:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def _wipe() -> None:
    """An empty installation: flushed database (migrations kept), empty media directory."""
    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()


def _content_types() -> dict:
    return {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}


def _repack(source: Path, target: Path, edit=None, *, fix_checksums=False, edit_manifest=None, add=None):
    """Copy an archive, changing members on the way (optionally keeping the manifest consistent)."""
    members = []
    with tarfile.open(source, "r:gz") as archive:
        for member in archive.getmembers():
            members.append((member.name, archive.extractfile(member).read()))
    contents = dict(members)
    manifest = json.loads(contents["manifest.json"])
    for name, content in members:
        if edit and name != "manifest.json":
            contents[name] = edit(name, content)
    if add:
        contents.update(add)
    if fix_checksums:
        manifest["files"] = {
            name: hashlib.sha256(content).hexdigest()
            for name, content in contents.items()
            if name != "manifest.json"
        }
    if edit_manifest:
        edit_manifest(manifest)
    contents["manifest.json"] = json.dumps(manifest).encode()
    order = [name for name, _ in members if name != "manifest.json"] + list(add or {}) + ["manifest.json"]
    with tarfile.open(target, "w:gz") as archive:
        for name in order:
            info = tarfile.TarInfo(name)
            info.size = len(contents[name])
            archive.addfile(info, io.BytesIO(contents[name]))
    return target


@pytest.fixture
def populated(transactional_db):
    world = build_world()
    gcio = world.users["gcio"]
    document_upload(
        actor=gcio,
        upload=SimpleUploadedFile("diagram.png", PNG, content_type="image/png"),
        pemda=world.pemda,
        title="Diagram LAN",
        kind="diagram",
        agency=world.health,
    )
    document_upload(
        actor=world.other_pemda_gcio,
        upload=SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf"),
        pemda=world.other_pemda,
        title="SK Tim Pengarah",
        kind="decree",
    )
    # Permissions are rebuilt on restore under new ids; grants must follow them.
    group = Group.objects.create(name="Pengelola Direktori")
    group.permissions.add(Permission.objects.get(codename="view_agency"))
    gcio.user_permissions.add(Permission.objects.get(codename="change_agency"))
    gcio.groups.add(group)
    return world


@pytest.fixture
def archive(populated, tmp_path):
    path = tmp_path / "kelola.tar.gz"
    out = io.StringIO()
    call_command("backup", output=str(path), stdout=out)
    assert "Backup written" in out.getvalue() and "verified" in out.getvalue()
    return path


def _manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as archive:
        return json.loads(archive.extractfile("manifest.json").read())


@pytest.mark.django_db(transaction=True)
def test_manifest_describes_the_archive(archive):
    manifest = _manifest(archive)
    assert manifest["format"] == 1 and manifest["kelola_version"] == settings.KELOLA_VERSION
    assert manifest["database_vendor"] in {"sqlite", "postgresql"}
    assert "0001_initial" in manifest["migrations"]["core"]
    assert manifest["models"][0] == "contenttypes.contenttype"
    assert manifest["counts"] == _counts()
    for excluded in ("auth.permission", "sessions.session", "admin.logentry", "axes.accessattempt"):
        assert excluded not in manifest["counts"]
    ct = ContentType.objects.get_for_model(Agency)
    assert manifest["content_types"][str(ct.pk)] == "core.agency"
    assert manifest["audit"]["verified"] and manifest["audit"]["entries"] == AuditEntry.objects.count()
    assert manifest["media"]["files"] == 2
    with tarfile.open(archive, "r:gz") as tar:
        names = [m.name for m in tar.getmembers()]
        assert names[-1] == "manifest.json"
        assert set(names) - {"manifest.json"} == set(manifest["files"])
        for name, checksum in manifest["files"].items():
            assert hashlib.sha256(tar.extractfile(name).read()).hexdigest() == checksum
    assert set(manifest["files"]) >= {data_member("core.auditentry"), data_member("core.auditchainhead")}


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_everything(populated, archive, client):
    counts, media, content_types = _counts(), _media_checksums(), _content_types()
    entries = list(AuditEntry.objects.order_by("pk").values_list("pk", "entry_hash", "created_at"))
    assert counts["core.document"] == 2 and len(media) == 2 and entries

    _wipe()
    # A fresh installation numbers its content types differently from the source.
    ContentType.objects.all().delete()
    for app_label, model in sorted(content_types.values(), reverse=True):
        ContentType.objects.create(app_label=app_label, model=model)
    assert _content_types() != content_types and _counts()["core.user"] == 0

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Archive verified" in out.getvalue() and "Audit chain verified" in out.getvalue()
    assert _counts() == counts
    assert _media_checksums() == media
    assert _content_types() == content_types
    # Audit entries come back exactly as stored, and restoring adds none.
    assert list(AuditEntry.objects.order_by("pk").values_list("pk", "entry_hash", "created_at")) == entries
    assert audit.verify_chain() == []
    # Documents open, logins work, permission grants follow the rebuilt permissions.
    document = Document.objects.get(title="Diagram LAN")
    assert document.file.read() == PNG
    gcio = User.objects.get(username="gcio")
    assert gcio.has_perm("core.change_agency") and gcio.has_perm("core.view_agency")
    assert client.login(username="gcio", password=PASSWORD)
    # New rows get fresh ids (sequences were reset) and extend the restored chains.
    created = Agency.objects.create(pemda=populated.pemda, name="Badan Setelah Pemulihan")
    assert created.pk > max(Agency.objects.exclude(pk=created.pk).values_list("pk", flat=True))
    assert audit.verify_chain() == []
    verify = io.StringIO()
    call_command("verify_audit", stdout=verify)
    assert verify.getvalue().startswith("OK: ")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_non_empty_installation(archive):
    counts = _counts()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert _counts() == counts


@pytest.mark.django_db(transaction=True)
def test_force_replaces_the_data_of_an_installation(populated, archive):
    counts, media = _counts(), _media_checksums()
    Agency.objects.create(pemda=populated.pemda, name="Dinas Yang Akan Hilang")
    out = io.StringIO()
    call_command("restore", str(archive), force=True, stdout=out)
    assert "Audit chain verified" in out.getvalue()
    assert _counts() == counts and _media_checksums() == media
    assert not Agency.objects.filter(name="Dinas Yang Akan Hilang").exists()
    assert audit.verify_chain() == []


@pytest.mark.django_db(transaction=True)
def test_tampered_archive_is_refused_before_anything_changes(archive, tmp_path):
    counts = _counts()

    def edit(name, content):
        if name == data_member("core.agency"):
            return content.replace(b"Dinas Kesehatan", b"Dinas Palsu")
        return content

    tampered = _repack(archive, tmp_path / "tampered.tar.gz", edit)
    # Even --force erases nothing when the archive does not check out.
    with pytest.raises(CommandError, match=r"Checksum mismatch for data/core\.agency\.json"):
        call_command("restore", str(tampered), force=True, stdout=io.StringIO())
    assert _counts() == counts

    smuggled = _repack(archive, tmp_path / "smuggled.tar.gz", add={"media/extra.txt": b"x"})
    _wipe()
    with pytest.raises(CommandError, match="differ from its manifest"):
        call_command("restore", str(smuggled), stdout=io.StringIO())
    assert _counts()["core.pemda"] == 0


@pytest.mark.django_db(transaction=True)
def test_audit_changes_with_matching_checksums_roll_the_restore_back(archive, tmp_path):
    """Checksums only prove the archive is what the manifest says; the chain proves the log."""

    def edit(name, content):
        if name == data_member("core.auditentry"):
            rows = json.loads(content)
            rows[3]["fields"]["object_repr"] = "diubah diam-diam"
            return json.dumps(rows).encode()
        return content

    altered = _repack(archive, tmp_path / "altered.tar.gz", edit, fix_checksums=True)
    _wipe()
    with pytest.raises(CommandError, match="audit chain verified when the backup was made"):
        call_command("restore", str(altered), stdout=io.StringIO())
    # One transaction: nothing was kept, and no media file was written.
    assert _counts()["core.pemda"] == 0 and _counts()["core.auditentry"] == 0
    assert _media_checksums() == {}
    assert ContentType.objects.get_for_model(Agency)  # the installation still works


@pytest.mark.django_db(transaction=True)
def test_backup_from_a_newer_schema_is_refused(archive, tmp_path):
    def newer(manifest):
        manifest["migrations"]["core"].append("9999_from_the_future")

    future = _repack(archive, tmp_path / "future.tar.gz", edit_manifest=newer)
    _wipe()
    with pytest.raises(CommandError, match="newer Kelola"):
        call_command("restore", str(future), stdout=io.StringIO())


def test_unreadable_archive_is_refused(tmp_path, db):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="Not a readable"):
        call_command("restore", str(broken), stdout=io.StringIO())
    with pytest.raises(CommandError, match="No such archive"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), stdout=io.StringIO())


def test_archive_without_manifest_is_refused(tmp_path, db):
    path = tmp_path / "other.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("data/core.pemda.json")
        info.size = 2
        archive.addfile(info, io.BytesIO(b"[]"))
    with pytest.raises(CommandError, match="no manifest"):
        call_command("restore", str(path), stdout=io.StringIO())


def test_every_installed_model_is_backed_up_or_deliberately_excluded():
    from kelola.core.backup import EXCLUDED_MODELS

    labels = {m._meta.label_lower for m in backed_up_models()}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        assert model._meta.label_lower in labels | EXCLUDED_MODELS
    assert "core.auditentry" in labels and "core.auditchainhead" in labels


@pytest.mark.django_db(transaction=True)
def test_truncated_archive_is_refused(archive, tmp_path):
    counts = _counts()
    truncated = tmp_path / "truncated.tar.gz"
    content = archive.read_bytes()
    truncated.write_bytes(content[: len(content) // 2])
    with pytest.raises(CommandError, match="Not a readable"):
        call_command("restore", str(truncated), force=True, stdout=io.StringIO())
    assert _counts() == counts


@pytest.mark.django_db(transaction=True)
def test_data_that_does_not_load_changes_nothing(archive, tmp_path):
    def edit(name, content):
        if name == data_member("core.agency"):
            rows = json.loads(content)
            rows[0]["fields"]["pemda"] = 999_999  # no such pemda: a foreign key that fails
            return json.dumps(rows).encode()
        return content

    broken = _repack(archive, tmp_path / "broken.tar.gz", edit, fix_checksums=True)
    _wipe()
    with pytest.raises(CommandError, match="could not be loaded, nothing was changed"):
        call_command("restore", str(broken), stdout=io.StringIO())
    assert _counts()["core.agency"] == 0 and _media_checksums() == {}
