"""Write helpers shared by the connectivity services: validate, save with the audit entry, and
turn Django's validation errors into one refusal with field messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.services import ensure, validate_new


def as_refusal(exc: ValidationError) -> KelolaError:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    messages = [m for problems in errors.values() for m in problems]
    return KelolaError(" ".join(messages), code=ErrorCode.INVALID, errors=errors)


def insert(model, *, actor, **data):
    """Validate and insert a row (the caller has checked the permission)."""
    obj = model(**data)
    try:
        validate_new(obj, data)
    except ValidationError as exc:
        raise as_refusal(exc) from exc
    with audit.audit_context(actor=actor):
        obj.save()
    return obj


def save_changes(stored, *, actor, data: dict) -> None:
    """Apply `data` to the locked row, validate, re-check the scope, save what changed."""
    changed = [name for name, value in data.items() if getattr(stored, name) != value]
    for name, value in data.items():
        setattr(stored, name, value)
    try:
        stored.full_clean()
    except ValidationError as exc:
        raise as_refusal(exc) from exc
    ensure(actor, "change", stored)  # still within the actor's scope after the change
    if changed:
        with audit.audit_context(actor=actor):
            stored.save(update_fields=[*changed, "updated_at"])


def remove(stored, *, actor) -> None:
    try:
        with audit.audit_context(actor=actor):
            stored.delete()
    except ProtectedError as exc:
        raise KelolaError(
            _("Data ini masih dipakai oleh data lain sehingga tidak dapat dihapus."), code=ErrorCode.CONFLICT
        ) from exc


def same_pemda(pemda_id, **related) -> None:
    errors = {
        name: [_("Harus dari pemda yang sama.")]
        for name, row in related.items()
        if row is not None and row.pemda_id != pemda_id
    }
    if errors:
        raise KelolaError(_("Data terkait harus dari pemda yang sama."), errors=errors)


def required_text(value, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise KelolaError(message, errors={field: [_("Wajib diisi.")]})
    return text


def mbps_text(value) -> str:
    """Decimal("40.50") → "40,5": Mbps as people write them (decimal comma, no trailing zeros)."""
    from decimal import Decimal

    if value is None:
        return "—"
    text = format(Decimal(value).quantize(Decimal("0.01")).normalize(), "f")
    return text.replace(".", ",")
