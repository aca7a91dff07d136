"""Document services (X-2, ARCHITECTURE rule 4).

Uploads are checked for size and for their real type (the bytes, not the name), hashed with
SHA-256 and stored as versions of a series. Downloads are permission-checked and audited.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.choices import Classification, Secrecy
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.services import ensure, refusals_logged

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AllowedType:
    mime: str
    #: The type `filetype` detects from the bytes, or None for plain-text formats it cannot sniff.
    detected: tuple[str, ...] | None


#: Extension → what the file must really be. Office formats are ZIP containers underneath.
ALLOWED_TYPES: dict[str, AllowedType] = {
    "pdf": AllowedType("application/pdf", ("application/pdf",)),
    "png": AllowedType("image/png", ("image/png",)),
    "jpg": AllowedType("image/jpeg", ("image/jpeg",)),
    "jpeg": AllowedType("image/jpeg", ("image/jpeg",)),
    "docx": AllowedType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ),
    "xlsx": AllowedType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ("application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ),
    "pptx": AllowedType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("application/zip", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ),
    "odt": AllowedType(
        "application/vnd.oasis.opendocument.text",
        ("application/zip", "application/vnd.oasis.opendocument.text"),
    ),
    "ods": AllowedType(
        "application/vnd.oasis.opendocument.spreadsheet",
        ("application/zip", "application/vnd.oasis.opendocument.spreadsheet"),
    ),
    "zip": AllowedType("application/zip", ("application/zip",)),
    "gz": AllowedType("application/gzip", ("application/gzip",)),
    "csv": AllowedType("text/csv", None),
    "txt": AllowedType("text/plain", None),
    "svg": AllowedType("image/svg+xml", None),
}


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character may be cut at the end of the sample.
        if exc.start < len(head) - 4:
            return False
    return True


def validate_upload(upload) -> AllowedType:
    """Refuse oversized files and files whose bytes are not what their name claims."""
    limit = settings.KELOLA_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise KelolaError(
            _("Berkas terlalu besar (%(size)s). Batas ukuran %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code=ErrorCode.UPLOAD_TOO_LARGE,
            errors={"file": [_("Berkas terlalu besar.")]},
        )
    if upload.size == 0:
        raise KelolaError(_("Berkas kosong."), errors={"file": [_("Berkas kosong.")]})
    extension = _extension(upload.name)
    allowed = ALLOWED_TYPES.get(extension)
    if allowed is None:
        names = ", ".join(sorted(ALLOWED_TYPES))
        raise KelolaError(
            _("Jenis berkas .%(ext)s tidak diterima. Jenis yang diterima: %(names)s.")
            % {"ext": extension, "names": names},
            code=ErrorCode.UPLOAD_TYPE_REJECTED,
            errors={"file": [_("Jenis berkas tidak diterima.")]},
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    detected = filetype.guess_mime(head)
    genuine = (
        detected in allowed.detected
        if allowed.detected is not None
        else detected is None and _looks_like_text(head)
    )
    if extension == "svg" and genuine:
        lowered = upload.read().lower()
        upload.seek(0)
        genuine = b"<svg" in lowered and b"<script" not in lowered and b"javascript:" not in lowered
    if not genuine:
        raise KelolaError(
            _("Isi berkas tidak sesuai dengan jenisnya (.%(ext)s). Berkas ditolak.") % {"ext": extension},
            code=ErrorCode.UPLOAD_TYPE_REJECTED,
            errors={"file": [_("Isi berkas tidak sesuai dengan jenisnya.")]},
        )
    return allowed


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def document_upload(
    *,
    actor,
    upload,
    pemda,
    title: str,
    kind: str,
    agency=None,
    classification: str = Classification.PUBLIC,
    secrecy: str = Secrecy.ORDINARY,
    description: str = "",
    target=None,
    replaces=None,
):
    """Store `upload` as a new document, or as the next version of `replaces`."""
    from kelola.core.models import Document

    document = Document(
        pemda=pemda,
        agency=agency,
        title=title,
        kind=kind,
        classification=classification,
        secrecy=secrecy,
        description=description,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with refusals_logged(actor, "add", document), transaction.atomic():
        ensure(actor, "add", document)
        allowed = validate_upload(upload)
        if target is not None:
            document.target_type = ContentType.objects.get_for_model(target)
            document.target_id = str(target.pk)
        if replaces is not None:
            previous = Document.objects.select_for_update().get(pk=replaces.pk)
            ensure(actor, "view", previous)
            if previous.pemda_id != pemda.pk:
                raise KelolaError(_("Versi baru harus berada di pemda yang sama."), code=ErrorCode.FORBIDDEN)
            latest = Document.objects.filter(series=previous.series).order_by("-version").first()
            document.series = previous.series
            document.version = latest.version + 1
            document.target_type_id = document.target_type_id or previous.target_type_id
            document.target_id = document.target_id or previous.target_id
            Document.objects.filter(series=previous.series, is_latest=True).update(is_latest=False)
        document.original_name = upload.name[:255]
        document.mime_type = (
            allowed.mime or mimetypes.guess_type(upload.name)[0] or "application/octet-stream"
        )
        document.size = upload.size
        document.sha256 = _sha256(upload)
        document.file.save(upload.name, upload, save=False)
        try:
            document.full_clean()
            with audit.audit_context(actor=actor):
                document.save()
        except Exception:
            # Nothing is half-written: a row that was not saved leaves no file behind.
            document.file.delete(save=False)
            raise
    return document


def documents_of(target, user):
    """The latest version of every document attached to `target` that `user` may see."""
    from kelola.core.models import Document

    return (
        Document.objects.visible_to(user)
        .filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk), is_latest=True
        )
        .select_related("uploaded_by")
        .order_by("-created_at")
    )


def record_download(document, user, *, via=None) -> None:
    """Audit one download (who, which version, its checksum; `via` = the letter etc. it came by)."""
    changes = {"sha256": document.sha256, "version": document.version, "name": document.original_name}
    if via is not None:
        changes["via"] = f"{via._meta.label}:{via.pk}"
    audit.record("download", document, actor=user, changes=changes)


def download_response(document, user, *, via=None):
    """Audit the download and stream the file under its original name (never rendered inline).

    A row whose file is missing from storage (e.g. a restore without media) answers 404 and is
    logged; no download is recorded for it."""
    from django.http import FileResponse, Http404

    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        logger.error("document file missing", extra={"document": document.pk, "file": document.file.name})
        raise Http404(_("Data tidak ditemukan.")) from exc
    record_download(document, user, via=via)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.mime_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def target_label(target) -> str:
    """The "app_label.model" of a target row, as the attach form and the API name it."""
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}"


def resolve_target(user, label: str, object_id):
    """The row named by "app_label.model" and primary key, looked up inside what `user` may see.

    Only models with a pemda and a `visible_to` manager can carry documents; anything else, a
    missing row and a row outside the user's scope all raise Http404 alike (never leak existence).
    """
    from django.http import Http404

    from kelola.core import access

    try:
        app_label, model_name = str(label).split(".", 1)
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except (ValueError, ContentType.DoesNotExist) as exc:
        raise Http404(_("Data tidak ditemukan.")) from exc
    if (
        model is None
        or not hasattr(model.objects, "visible_to")
        or not any(f.name == "pemda" for f in model._meta.concrete_fields)
    ):
        raise Http404(_("Data tidak ditemukan."))
    return access.get_visible_or_404(model, user, pk=object_id)


def can_attach(user, target) -> bool:
    """Documents are attached by those who may change the object they belong to."""
    from kelola.core import access

    return access.can(user, "change", target)


def attach_document(*, actor, target, upload, title: str, kind: str, **options):
    """Upload a document belonging to `target` (its pemda; its agency when it has one)."""
    if not can_attach(actor, target):
        raise KelolaError(_("Anda tidak berwenang melakukan tindakan ini."), code=ErrorCode.FORBIDDEN)
    options.setdefault("agency", _owning_agency(target))
    return document_upload(
        actor=actor, upload=upload, pemda=target.pemda, title=title, kind=kind, target=target, **options
    )


def _owning_agency(target):
    """The agency a target belongs to: itself for an agency, else its `agency` foreign key."""
    from kelola.core.models import Agency

    if isinstance(target, Agency):
        return target
    field = next((f for f in target._meta.concrete_fields if f.name == "agency"), None)
    if field is not None and getattr(field, "related_model", None) is Agency:
        return getattr(target, "agency", None)
    return None
