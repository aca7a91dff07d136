"""Backup → wipe → restore gives back the same platform (X-4), and bad archives are refused."""

import hashlib
import io
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from kelola.core import audit
from kelola.core.backup import backed_up_models
from kelola.core.documents import document_upload
from kelola.core.testing import PASSWORD, build_world

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _counts() -> dict:
    return {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}


def _media_checksums() -> dict:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def populated(transactional_db):
    world = build_world()
    document_upload(
        actor=world.users["gcio"],
        upload=SimpleUploadedFile("diagram.png", PNG),
        pemda=world.pemda,
        title="Diagram LAN",
        kind="diagram",
        agency=world.health,
    )
    return world


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_everything(populated, tmp_path, client):
    archive = tmp_path / "kelola.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    counts, media = _counts(), _media_checksums()
    assert counts["core.document"] == 1 and len(media) == 1

    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert _counts()["core.user"] == 0

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Audit chain verified" in out.getvalue()
    assert _counts() == counts
    assert _media_checksums() == media
    assert audit.verify_chain() == []
    assert client.login(username="gcio", password=PASSWORD)
    # New rows get fresh ids after the sequences were reset.
    Agency = apps.get_model("core", "Agency")
    created = Agency.objects.create(pemda=populated.pemda, name="Badan Setelah Pemulihan")
    assert created.pk > max(Agency.objects.exclude(pk=created.pk).values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_non_empty_installation(populated, tmp_path):
    archive = tmp_path / "kelola.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive), stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_tampered_archive_is_refused(populated, tmp_path):
    archive = tmp_path / "kelola.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "data.json":
                content = content.replace(b"Dinas Kesehatan", b"Dinas Palsu")
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore", str(tampered), stdout=io.StringIO())
    assert _counts()["core.pemda"] == 0


def test_unreadable_archive_is_refused(tmp_path, db):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="Not a readable"):
        call_command("restore", str(broken), stdout=io.StringIO())
