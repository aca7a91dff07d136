"""Backup and restore of the whole platform (X-4, 002 Ps.30(2)).

One ``.tar.gz`` archive holds:

- ``data/<app>.<model>.json``: every backed-up table in Django's portable JSON serialisation,
  one member per model, in load order (content types first). The same archive loads into SQLite
  or PostgreSQL whatever it was made on.
- ``media/...``: every file under ``MEDIA_ROOT`` (uploaded documents, generated letters).
- ``manifest.json`` (last): format and Kelola version, creation time, source database vendor,
  the migrations applied per app, the load order and row count of every model, the content type
  of every content-type id, the audit chains' heads, and the SHA-256 of every other member.

Primary keys are kept as stored, for every table. Natural keys are not used for foreign keys on
purpose: an audit entry's hash covers the ids it names (actor, pemda, content type), so the
rows they refer to must come back under the same ids, and content types are restored with their
original ids before anything else. The one exception is ``auth.permission``: permissions are
not backed up but rebuilt by Django on restore under fresh ids, so the permissions granted to
users and groups are written with their natural keys (codename, app label, model).

Audit entries and chain heads are copied exactly as stored (times to the microsecond), and
restoring uses raw saves, which the audit signal handlers ignore: a restored chain verifies and
the restore itself adds no entry.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Prefetch
from django.utils import timezone

FORMAT_VERSION = 1
APPLICATION = "kelola"
MANIFEST_MEMBER = "manifest.json"
DATA_PREFIX = "data/"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024

#: Rows that belong to a running installation, not to its records: sessions, the admin's
#: own log, login-attempt bookkeeping, and permissions (rebuilt by Django from the models).
EXCLUDED_MODELS = frozenset(
    {
        "sessions.session",
        "admin.logentry",
        "auth.permission",
        "axes.accessattempt",
        "axes.accessattemptexpiration",
        "axes.accesslog",
        "axes.accessfailurelog",
    }
)
#: Excluded models that backed-up rows refer to by natural key (they get new ids on restore).
NATURAL_KEY_MODELS = (Permission,)


class BackupError(Exception):
    """A backup cannot be made or an archive cannot be restored; the message says why."""


# --- what is backed up ----------------------------------------------------------------------


def _dependencies(model, chosen: set) -> set:
    related = [f.remote_field.model for f in model._meta.get_fields() if f.concrete and f.is_relation]
    related += [f.remote_field.model for f in model._meta.many_to_many]
    return {m for m in related if m in chosen and m is not model}


def backed_up_models() -> list:
    """Models in load order: content types first, then every model after those it refers to."""
    chosen = {
        model
        for model in apps.get_models()
        if model._meta.label_lower not in EXCLUDED_MODELS and not model._meta.proxy and model._meta.managed
    }
    pending = {model: _dependencies(model, chosen) for model in chosen}
    ordered = [ContentType]
    done = {ContentType}
    pending.pop(ContentType)
    while pending:
        ready = sorted((m for m, deps in pending.items() if deps <= done), key=lambda m: m._meta.label_lower)
        if not ready:  # a cycle of foreign keys: constraints are checked at the end anyway
            ready = [min(pending, key=lambda m: m._meta.label_lower)]
        for model in ready:
            ordered.append(model)
            done.add(model)
            pending.pop(model)
    return ordered


def data_member(label: str) -> str:
    return f"{DATA_PREFIX}{label}.json"


def row_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}


def installation_rows() -> dict[str, int]:
    """Rows that make an installation non-empty (content types come with every migrated database)."""
    return {label: n for label, n in row_counts().items() if n and label != "contenttypes.contenttype"}


def installation_is_empty() -> bool:
    return not installation_rows()


def applied_migrations(connection) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    applied: dict[str, list[str]] = {}
    for app, name in recorder.migration_qs.order_by("app", "name").values_list("app", "name"):
        applied.setdefault(app, []).append(name)
    return applied


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


# --- serialisation ---------------------------------------------------------------------------


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to the millisecond; a backup keeps them as stored."""

    def default(self, o):
        import datetime

        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class _Serializer(JSONSerializer):
    """JSON serialiser writing permissions by natural key and every other reference by id."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = _ExactEncoder

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NATURAL_KEY_MODELS
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NATURAL_KEY_MODELS
        super().handle_m2m_field(obj, field)


def _rows(model) -> Iterator:
    queryset = model._base_manager.order_by("pk")
    for m2m in model._meta.many_to_many:
        if not m2m.remote_field.through._meta.auto_created:
            continue
        related = m2m.remote_field.model._base_manager.all()
        if m2m.remote_field.model is Permission:
            related = related.select_related("content_type")
        queryset = queryset.prefetch_related(Prefetch(m2m.name, queryset=related))
    return queryset.iterator(chunk_size=2000)


@contextmanager
def _consistent_read(connection) -> Iterator[None]:
    """One snapshot of the whole database for the dump, without blocking writers.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction. SQLite (WAL): a deferred read
    transaction, which sees the database as of its first read. An audit entry appended while
    the tables are being read is thus in none of them, never in the entries but not the head.
    """
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        with transaction.atomic(using=connection.alias):
            yield


class _Counting:
    def __init__(self, rows: Iterator):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def _audit_summary(problems=None) -> dict:
    from kelola.core.audit import verify_chain
    from kelola.core.models import AuditChainHead, AuditEntry

    problems = verify_chain() if problems is None else problems
    return {
        "entries": AuditEntry.objects.count(),
        "chains": {
            head.key: {"last_sequence": head.last_sequence, "last_hash": head.last_hash}
            for head in AuditChainHead.objects.order_by("key")
        },
        "verified": not problems,
        "problems": [
            {"chain": p.chain, "sequence": p.sequence, "entry_id": p.entry_id, "reason": p.reason}
            for p in problems
        ],
    }


# --- backup ----------------------------------------------------------------------------------


def _add_file(archive: tarfile.TarFile, name: str, path: Path, mtime: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = path.stat().st_size
    info.mtime = mtime
    info.mode = 0o644
    with path.open("rb") as handle:
        archive.addfile(info, handle)


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not p.is_symlink()
        and not p.relative_to(root).parts[0].startswith(".kelola-restore-")
    )


def create_backup(output: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write the archive to `output` (atomically: a failed backup leaves no archive) and return
    its manifest."""
    connection = connections[using]
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    chosen = backed_up_models()
    files: dict[str, str] = {}
    counts: dict[str, int] = {}
    now = timezone.now()
    mtime = int(now.timestamp())
    with tempfile.TemporaryDirectory(prefix="kelola-backup-") as scratch:
        scratch_dir = Path(scratch)
        with _consistent_read(connection):
            migrations = applied_migrations(connection)
            for model in chosen:
                label = model._meta.label_lower
                path = scratch_dir / f"{label}.json"
                rows = _Counting(_rows(model))
                with path.open("w", encoding="utf-8") as stream:
                    _Serializer().serialize(rows, stream=stream)
                counts[label] = rows.count
            content_types = {
                str(pk): f"{app_label}.{model_name}"
                for pk, app_label, model_name in ContentType.objects.order_by("pk").values_list(
                    "pk", "app_label", "model"
                )
            }
            audit = _audit_summary()
        partial = output.with_name(output.name + ".partial")
        media_bytes = 0
        with tarfile.open(partial, "w:gz") as archive:
            for model in chosen:
                label = model._meta.label_lower
                path = scratch_dir / f"{label}.json"
                files[data_member(label)] = _sha256_file(path)
                _add_file(archive, data_member(label), path, mtime)
            for path in _media_files(media_root):
                name = MEDIA_PREFIX + path.relative_to(media_root).as_posix()
                files[name] = _sha256_file(path)
                media_bytes += path.stat().st_size
                _add_file(archive, name, path, mtime)
            manifest = {
                "format": FORMAT_VERSION,
                "application": APPLICATION,
                "kelola_version": settings.KELOLA_VERSION,
                "created_at": now.isoformat(),
                "database_vendor": connection.vendor,
                "migrations": migrations,
                "models": [m._meta.label_lower for m in chosen],
                "counts": counts,
                "content_types": content_types,
                "audit": audit,
                "media": {"files": sum(1 for n in files if n.startswith(MEDIA_PREFIX)), "bytes": media_bytes},
                "files": files,
            }
            content = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST_MEMBER)
            info.size, info.mtime, info.mode = len(content), mtime, 0o644
            archive.addfile(info, io.BytesIO(content))
        os.replace(partial, output)
    return manifest


# --- reading an archive ----------------------------------------------------------------------


def _check_member(member: tarfile.TarInfo) -> None:
    path = PurePosixPath(member.name)
    if not member.isreg():
        raise BackupError(f"Unexpected entry in archive (not a regular file): {member.name}")
    if path.is_absolute() or ".." in path.parts or member.name != path.as_posix():
        raise BackupError(f"Unsafe path in archive: {member.name}")
    if not (member.name == MANIFEST_MEMBER or member.name.startswith((DATA_PREFIX, MEDIA_PREFIX))):
        raise BackupError(f"Unexpected entry in archive: {member.name}")


#: What reading a damaged or foreign .tar.gz raises (BadGzipFile is an OSError).
_DAMAGED = (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error)


@contextmanager
def _open_archive(path: Path) -> Iterator[tarfile.TarFile]:
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the `with` below
    except (OSError, *_DAMAGED) as exc:
        raise BackupError(f"Not a readable Kelola backup archive: {exc}") from exc
    try:
        with archive:
            yield archive
    except _DAMAGED as exc:  # other errors (a full disk...) are not the archive's fault
        raise BackupError(f"Not a readable Kelola backup archive (damaged): {exc}") from exc


def _stream_hash(handle, sink=None) -> str:
    digest = hashlib.sha256()
    while block := handle.read(CHUNK):
        digest.update(block)
        if sink is not None:
            sink.write(block)
    return digest.hexdigest()


def verify_archive(path: Path) -> dict:
    """Check every member of the archive against the manifest's checksums; return the manifest.

    Nothing is written anywhere: a damaged or modified archive is refused before the database
    or the media directory is touched."""
    hashes: dict[str, str] = {}
    raw_manifest = None
    with _open_archive(Path(path)) as archive:
        for member in archive:
            _check_member(member)
            handle = archive.extractfile(member)
            if member.name == MANIFEST_MEMBER:
                raw_manifest = handle.read()
            elif member.name in hashes:
                raise BackupError(f"Duplicate entry in archive: {member.name}")
            else:
                hashes[member.name] = _stream_hash(handle)
    if raw_manifest is None:
        raise BackupError("The archive has no manifest.json: it is not a Kelola backup.")
    try:
        manifest = json.loads(raw_manifest)
    except ValueError as exc:
        raise BackupError(f"The archive's manifest is not valid JSON: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("application") != APPLICATION:
        raise BackupError("The archive's manifest is not a Kelola manifest.")
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"Unsupported backup format {manifest.get('format')!r} "
            f"(this Kelola reads format {FORMAT_VERSION})."
        )
    expected = manifest.get("files") or {}
    missing = sorted(set(expected) - set(hashes))
    extra = sorted(set(hashes) - set(expected))
    if missing or extra:
        raise BackupError(
            "The archive's members differ from its manifest"
            + (f"; missing: {', '.join(missing[:5])}" if missing else "")
            + (f"; not in the manifest: {', '.join(extra[:5])}" if extra else "")
            + "."
        )
    for name in sorted(expected):
        if hashes[name] != expected[name]:
            raise BackupError(f"Checksum mismatch for {name}: the archive was modified or damaged.")
    absent = [label for label in manifest.get("models", []) if data_member(label) not in expected]
    if absent or not manifest.get("models") or manifest["models"][0] != "contenttypes.contenttype":
        raise BackupError("The archive's manifest lists no complete data set.")
    return manifest


def check_migrations(manifest: dict, *, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Refuse an unmigrated installation or a backup from a newer schema; return warnings."""
    connection = connections[using]
    applied = applied_migrations(connection)
    if not applied:
        raise BackupError("This database is not migrated: run `manage.py migrate` first, then restore.")
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError(
            "This database has unapplied migrations: run `manage.py migrate` first, then restore."
        )
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if name not in applied.get(app, [])
    )
    if unknown:
        raise BackupError(
            "The backup was made by a newer Kelola (migrations unknown here: "
            f"{', '.join(unknown[:5])}{'...' if len(unknown) > 5 else ''}). "
            "Install the same or a later Kelola version, migrate, then restore."
        )
    newer = sorted(
        f"{app}.{name}"
        for app, names in applied.items()
        for name in names
        if name not in manifest.get("migrations", {}).get(app, [])
    )
    if newer:
        return [
            f"This installation has {len(newer)} migration(s) newer than the backup "
            f"(e.g. {newer[0]}); the data is loaded into the newer schema."
        ]
    return []


# --- restore ---------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    manifest: dict
    counts: dict[str, int] = field(default_factory=dict)
    media_files: int = 0
    audit_entries: int = 0
    audit_chains: int = 0
    audit_problems: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _load_model_data(content: bytes, using: str) -> list:
    """Save every object of one data member (raw saves: no audit, no save() overrides).

    What ``DeserializedObject.save`` does, but as plain inserts: the tables are empty, so the
    UPDATE Django tries first for a row with a primary key would only cost a query per row."""
    deferred = []
    for item in serializers.deserialize(
        "json", content.decode("utf-8"), using=using, handle_forward_references=True
    ):
        models.Model.save_base(item.object, using=using, raw=True, force_insert=True)
        for accessor_name, related in (item.m2m_data or {}).items():
            getattr(item.object, accessor_name).set(related)
        if item.deferred_fields:
            deferred.append(item)
    return deferred


def _reset_sequences(connection, model_list: list) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _rebuild_permissions(using: str) -> None:
    from django.contrib.auth.management import create_permissions

    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)


def _empty_auth_tables(using: str) -> None:
    # Both tables hold only what `migrate` created; the archive's content types replace them
    # (same ids as in the source), permissions are rebuilt on top of those.
    Permission.objects.using(using).all().delete()
    ContentType.objects.using(using).all().delete()
    ContentType.objects.clear_cache()


def restore_backup(
    path: Path,
    *,
    force: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    log: Callable[[str], None] | None = None,
) -> RestoreResult:
    """Rebuild an empty, migrated installation from the archive at `path`.

    Order: every checksum is verified; the schema is checked; the installation must be empty
    (or, with `force`, is flushed); then all data is loaded in one transaction, which is rolled
    back if the row counts, the content types or a previously verifying audit chain do not come
    back as recorded in the manifest; media files are staged while the data loads and moved
    into MEDIA_ROOT only after the commit.
    """
    say = log or (lambda message: None)
    path = Path(path)
    manifest = verify_archive(path)
    say(f"Archive verified: {len(manifest['files'])} files, checksums match.")
    result = RestoreResult(manifest=manifest)
    result.warnings = check_migrations(manifest, using=using)
    occupied = installation_rows()
    if occupied and not force:
        sample = ", ".join(f"{label} ({n})" for label, n in sorted(occupied.items())[:4])
        raise BackupError(
            "This installation already holds data "
            f"({sample}); restore only into an empty installation, or use --force to erase it first."
        )
    labels = manifest["models"]
    models_by_label = {}
    for label in labels:
        try:
            models_by_label[label] = apps.get_model(label)
        except LookupError as exc:
            raise BackupError(f"The backup holds data of a model this Kelola does not have: {label}") from exc
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    staging = _staging_directory(media_root)
    keep_staging = False
    try:
        staged: list[str] = []
        try:
            _load_archive(path, manifest, models_by_label, occupied, staging, staged, result, using, say)
        except (DeserializationError, DatabaseError) as exc:  # rolled back: nothing was kept
            raise BackupError(f"The data could not be loaded, nothing was changed: {exc}") from exc
        finally:
            ContentType.objects.clear_cache()  # ids cached inside a rolled-back transaction
        # Committed: the files take their places.
        try:
            for relative in staged:
                target = media_root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(staging / relative), target)
        except OSError as exc:
            keep_staging = True
            raise BackupError(
                f"The data was restored, but the media files could not be put in {media_root} ({exc}); "
                f"the files not yet moved are in {staging}: move them there by hand."
            ) from exc
        result.media_files = len(staged)
    finally:
        if not keep_staging:
            shutil.rmtree(staging, ignore_errors=True)
    return result


def _load_archive(path, manifest, models_by_label, occupied, staging, staged, result, using, say) -> None:
    """The restore transaction: erase (--force), load every table, stage media, check."""
    connection = connections[using]
    labels = manifest["models"]
    with transaction.atomic(using=using):
        if occupied:
            say("Erasing the data of this installation (--force).")
            call_command("flush", interactive=False, verbosity=0, database=using, inhibit_post_migrate=True)
        _empty_auth_tables(using)
        deferred = []
        loaded = []
        with _open_archive(path) as archive:
            for member in archive:
                _check_member(member)
                if member.name == MANIFEST_MEMBER:
                    continue
                handle = archive.extractfile(member)
                if member.name.startswith(MEDIA_PREFIX):
                    relative = member.name[len(MEDIA_PREFIX) :]
                    target = staging / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with target.open("wb") as sink:
                        checksum = _stream_hash(handle, sink)
                    staged.append(relative)
                else:
                    content = handle.read()
                    checksum = hashlib.sha256(content).hexdigest()
                    label = member.name[len(DATA_PREFIX) : -len(".json")]
                    if label not in models_by_label:
                        raise BackupError(f"Unexpected data member: {member.name}")
                    if not loaded and label != "contenttypes.contenttype":
                        raise BackupError("Archive members are out of order: content types must come first.")
                    if checksum == manifest["files"][member.name]:
                        deferred += _load_model_data(content, using)
                        loaded.append(label)
                        if label == "contenttypes.contenttype":
                            _reset_sequences(connection, [ContentType])
                            _rebuild_permissions(using)
                if checksum != manifest["files"][member.name]:
                    raise BackupError(f"{member.name} changed while it was being restored.")
        for item in deferred:
            item.save_deferred_fields(using=using)
        if sorted(loaded) != sorted(labels):
            raise BackupError("The archive's data members do not match its manifest.")
        connection.check_constraints()
        _reset_sequences(connection, list(models_by_label.values()))
        ContentType.objects.clear_cache()
        _check_restored(manifest, models_by_label, result, using)


def _staging_directory(media_root: Path) -> Path:
    """Where media files wait for the commit: next to MEDIA_ROOT (same file system), else in it."""
    try:
        return Path(tempfile.mkdtemp(prefix=".kelola-restore-", dir=media_root.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix=".kelola-restore-", dir=media_root))


def _check_restored(manifest: dict, models_by_label: dict, result: RestoreResult, using: str) -> None:
    """Inside the restore transaction: anything missing rolls the whole restore back."""
    from kelola.core.audit import verify_chain

    for label, model in models_by_label.items():
        result.counts[label] = model._base_manager.using(using).count()
    mismatched = {
        label: (expected, result.counts.get(label))
        for label, expected in manifest["counts"].items()
        if label != "contenttypes.contenttype" and result.counts.get(label) != expected
    }
    if mismatched:
        raise BackupError(f"Row counts differ after restore (expected, found): {mismatched}")
    stored = {
        str(pk): f"{a}.{m}"
        for pk, a, m in ContentType.objects.using(using).values_list("pk", "app_label", "model")
    }
    wrong = {pk: label for pk, label in manifest["content_types"].items() if stored.get(pk) != label}
    if wrong:
        raise BackupError(f"Content types did not keep their ids: {sorted(wrong.items())[:5]}")
    problems = verify_chain()
    summary = _audit_summary(problems)
    result.audit_entries = summary["entries"]
    result.audit_chains = len(summary["chains"])
    result.audit_problems = problems
    source = manifest["audit"]
    if source["verified"] and (problems or summary["chains"] != source["chains"]):
        raise BackupError(
            "The audit chain verified when the backup was made but does not after restoring it: "
            + "; ".join(f"{p.chain} at {p.sequence}: {p.reason}" for p in problems[:3])
        )
