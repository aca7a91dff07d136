"""Backup and restore of the whole platform (X-4, 002 Ps.30(2)).

One tar.gz holds a portable dump of the data (Django's JSON serialisation with the original
primary keys, so it loads into SQLite or PostgreSQL alike), the media files, and a manifest
with the SHA-256 of every member, the row counts and the migration state. Content types are
restored with their original ids because audit entries hash them: the audit chain still
verifies after a restore.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
DATA_MEMBER = "data.json"
MANIFEST_MEMBER = "manifest.json"
MEDIA_PREFIX = "media/"

#: Rows that belong to a running installation, not to its records.
EXCLUDED_MODELS = frozenset(
    {
        "sessions.session",
        "admin.logentry",
        "auth.permission",
        "axes.accessattempt",
        "axes.accesslog",
        "axes.accessfailurelog",
    }
)


class BackupError(Exception):
    """A backup cannot be made or an archive cannot be restored; the message says why."""


def backed_up_models() -> list:
    """Models in dependency order, content types first (audit hashes refer to their ids)."""
    chosen = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in EXCLUDED_MODELS and not model._meta.proxy and model._meta.managed
    ]
    ordered = serializers.sort_dependencies([(None, chosen)], allow_cycles=True)
    ordered.remove(ContentType)
    return [ContentType, *ordered]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _media_files() -> Iterator[Path]:
    root = Path(settings.MEDIA_ROOT)
    if root.exists():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def _rows(model) -> Iterator:
    manager = model._base_manager
    return manager.order_by("pk").iterator(chunk_size=2000)


def create_backup(output: Path) -> dict:
    """Write the archive to `output` and return its manifest."""
    output.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    counts = {}
    objects = []
    for model in backed_up_models():
        rows = list(_rows(model))
        counts[model._meta.label_lower] = len(rows)
        objects.extend(rows)
    serializers.serialize("json", objects, stream=buffer)
    data = buffer.getvalue().encode("utf-8")
    members = {DATA_MEMBER: _sha256(data)}
    media_root = Path(settings.MEDIA_ROOT)
    manifest = {
        "format": FORMAT_VERSION,
        "kelola_version": settings.KELOLA_VERSION,
        "created_at": timezone.now().isoformat(),
        "database_vendor": connections[DEFAULT_DB_ALIAS].vendor,
        "migrations": sorted(
            f"{a}.{n}" for a, n in MigrationRecorder.Migration.objects.values_list("app", "name")
        ),
        "counts": counts,
        "files": members,
    }
    with tarfile.open(output, "w:gz") as archive:
        _add_bytes(archive, DATA_MEMBER, data)
        for path in _media_files():
            name = MEDIA_PREFIX + path.relative_to(media_root).as_posix()
            content = path.read_bytes()
            members[name] = _sha256(content)
            _add_bytes(archive, name, content)
        _add_bytes(
            archive, MANIFEST_MEMBER, json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
        )
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


@dataclass
class RestoreResult:
    counts: dict[str, int] = field(default_factory=dict)
    media_files: int = 0
    audit_problems: list = field(default_factory=list)


def read_archive(path: Path) -> tuple[dict, bytes, dict[str, bytes]]:
    """Open and check an archive: every member present and matching its checksum."""
    contents = {}
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive.getmembers():
                if not member.isfile():
                    continue
                if member.name.startswith("/") or ".." in Path(member.name).parts:
                    raise BackupError(f"Unsafe path in archive: {member.name}")
                contents[member.name] = archive.extractfile(member).read()
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise BackupError(f"Not a readable Kelola backup archive: {exc}") from exc
    if MANIFEST_MEMBER not in contents:
        raise BackupError("The archive has no manifest.")
    manifest = json.loads(contents.pop(MANIFEST_MEMBER))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unsupported backup format {manifest.get('format')}.")
    expected = manifest["files"]
    if set(expected) != set(contents):
        raise BackupError("The archive's members differ from its manifest.")
    for name, checksum in expected.items():
        if _sha256(contents[name]) != checksum:
            raise BackupError(f"Checksum mismatch for {name}: the archive was modified or damaged.")
    media = {
        name[len(MEDIA_PREFIX) :]: content
        for name, content in contents.items()
        if name.startswith(MEDIA_PREFIX)
    }
    return manifest, contents[DATA_MEMBER], media


def installation_is_empty() -> bool:
    from kelola.core.models import AuditEntry, Pemda, User

    return not (Pemda.objects.exists() or User.objects.exists() or AuditEntry.objects.exists())


def restore_backup(path: Path) -> RestoreResult:
    """Rebuild an empty, migrated installation from the archive at `path`."""
    from kelola.core.audit import verify_chain

    manifest, data, media = read_archive(path)
    applied = {f"{a}.{n}" for a, n in MigrationRecorder.Migration.objects.values_list("app", "name")}
    missing = sorted(set(manifest["migrations"]) - applied)
    if missing:
        raise BackupError(
            f"This installation lacks migrations the backup was made with: {', '.join(missing[:5])}"
        )
    if not installation_is_empty():
        raise BackupError("This installation already holds data; restore only into an empty installation.")
    connection = connections[DEFAULT_DB_ALIAS]
    loaded_models = set()
    with transaction.atomic():
        # Content types get their original ids back (audit hashes refer to them); permissions
        # that point at the fresh ids are rebuilt afterwards.
        from django.contrib.auth.models import Permission

        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        with connection.constraint_checks_disabled():
            for item in serializers.deserialize("json", data, handle_forward_references=True):
                item.save()
                loaded_models.add(type(item.object))
        connection.check_constraints()
        statements = connection.ops.sequence_reset_sql(no_style(), list(loaded_models))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    ContentType.objects.clear_cache()
    _rebuild_permissions()
    media_root = Path(settings.MEDIA_ROOT)
    for name, content in media.items():
        target = media_root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    result = RestoreResult(media_files=len(media))
    for label in manifest["counts"]:
        model = apps.get_model(label)
        result.counts[label] = model._base_manager.count()
    mismatched = {k: (v, result.counts[k]) for k, v in manifest["counts"].items() if result.counts[k] != v}
    if mismatched:
        raise BackupError(f"Row counts differ after restore: {mismatched}")
    result.audit_problems = verify_chain()
    return result


def _rebuild_permissions() -> None:
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
