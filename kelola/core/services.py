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
        try:
            with audit.audit_context(actor=actor):
                stored.delete()
        except ProtectedError as exc:
            raise KelolaError(
                _("Data ini masih dipakai oleh data lain sehingga tidak dapat dihapus."),
                code=ErrorCode.CONFLICT,
            ) from exc
