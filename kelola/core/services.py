"""Generic write paths shared by the registers' services (STYLE practice 5).

Each helper runs in one transaction: it loads the stored row, checks `can` on it, applies and
validates the change, checks again (so nobody moves a row out of their own scope), saves with
`update_fields`, and lets the audit log record the before/after. A refusal raises
`KelolaError`, changes nothing, and is itself logged.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from kelola.core import access, audit
from kelola.core.errors import ErrorCode, KelolaError


def ensure(actor, action: str, obj) -> None:
    """Raise a FORBIDDEN KelolaError unless `actor` may take `action` on `obj`."""
    if not access.can(actor, action, obj):
        raise KelolaError(_("Anda tidak berwenang melakukan tindakan ini."), code=ErrorCode.FORBIDDEN)


@contextmanager
def refusals_logged(actor, action: str, obj=None, model=None):
    """Log a refused write after its transaction rolled back, then re-raise."""
    try:
        yield
    except KelolaError as exc:
        audit.record(
            "refused",
            obj if obj is not None and obj.pk else None,
            actor=actor,
            pemda_id=getattr(obj, "pemda_id", None) if obj is not None else None,
            changes={
                "action": action,
                "code": str(exc.code),
                "reason": str(exc.message),
                "model": (model or type(obj))._meta.label if (model or obj is not None) else "",
            },
        )
        raise


def validate_new(obj, data: dict) -> None:
    """`full_clean`, except that related rows passed in as loaded instances are not looked up
    again (the database's foreign keys still guard them); unique and constraint checks run."""
    from django.core.exceptions import ValidationError
    from django.db.models import Model

    loaded = [
        f.name
        for f in type(obj)._meta.concrete_fields
        if f.is_relation and isinstance(data.get(f.name), Model) and data[f.name].pk is not None
    ]
    errors: dict = {}
    for check in (lambda: obj.clean_fields(exclude=loaded), obj.clean):
        try:
            check()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    for check in (obj.validate_unique, obj.validate_constraints):
        try:
            check(exclude=set(errors))
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


# --- building blocks for domain services that check permissions themselves ------------------


def as_refusal(exc) -> KelolaError:
    """A model's ValidationError as a refusal: every message, and the errors by field."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    messages = [m for problems in errors.values() for m in problems]
    return KelolaError(" ".join(messages), code=ErrorCode.INVALID, errors=errors)


def insert_validated(obj, *, actor, data: dict):
    """Validate (`validate_new`) and insert `obj`, audited; the caller checked the permission."""
    from django.core.exceptions import ValidationError

    try:
        validate_new(obj, data)
    except ValidationError as exc:
        raise as_refusal(exc) from exc
    with audit.audit_context(actor=actor):
        obj.save()
    return obj


def save_validated(stored, *, actor, data: dict) -> list[str]:
    """Apply `data` to a locked row, validate it, check the actor may still change it, and save
    the changed fields, audited. Returns the names of the fields that changed."""
    from django.core.exceptions import ValidationError

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
    return changed


def require_same_pemda(pemda_id, **related) -> None:
    """Refuse related rows (or lists of rows) of another pemda, naming the fields."""
    errors = {}
    for name, row in related.items():
        rows = row if isinstance(row, list | tuple | set) else [row]
        if any(r is not None and r.pemda_id != pemda_id for r in rows):
            errors[name] = [_("Harus dari pemda yang sama.")]
    if errors:
        raise KelolaError(_("Data terkait harus dari pemda yang sama."), errors=errors)


def delete_audited(stored, *, actor) -> None:
    """Delete, audited; a row other rows still point at is refused, not half-deleted."""
    try:
        with audit.audit_context(actor=actor):
            stored.delete()
    except ProtectedError as exc:
        raise KelolaError(
            _("Data ini masih dipakai oleh data lain sehingga tidak dapat dihapus."),
            code=ErrorCode.CONFLICT,
        ) from exc


def create_row(model, *, actor, **data):
    obj = model(**data)
    with refusals_logged(actor, "add", obj, model):
        ensure(actor, "add", obj)  # outside the write transaction: it only reads
        with transaction.atomic():
            validate_new(obj, data)
            with audit.audit_context(actor=actor):
                obj.save()
    return obj


def update_row(obj, *, actor, **data):
    model = type(obj)
    with refusals_logged(actor, "change", obj), transaction.atomic():
        stored = model.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "change", stored)
        changed = [name for name, value in data.items() if getattr(stored, name) != value]
        for name, value in data.items():
            setattr(stored, name, value)
        stored.full_clean()
        ensure(actor, "change", stored)
        if changed:
            fields = [model._meta.get_field(n).name for n in changed]
            if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                fields.append("updated_at")
            with audit.audit_context(actor=actor):
                stored.save(update_fields=fields)
    return stored


def delete_row(obj, *, actor) -> None:
    model = type(obj)
    with refusals_logged(actor, "delete", obj), transaction.atomic():
        stored = model.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "delete", stored)
        delete_audited(stored, actor=actor)
