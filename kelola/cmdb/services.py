"""Manual configuration relations: recorded and removed by the data-center and infrastructure
teams, with their rules and the reasons in Indonesian (ASSET-3).

- Only network links (connected_to, between two devices) and other dependencies (depends_on,
  between any two items) are recorded by hand; the other kinds are derived from the domain
  registers (`sync`) and are changed there.
- Both items must be of the same pemda and visible to the actor; an item never relates to
  itself; the same relation (ends and kind, manual or derived) is recorded once.
- A dependency may not close a cycle (X depends on Y while Y already depends on X, directly or
  through others). Network links may: a ring or a stack is recorded both ways
  (`both_ways=True` adds the reverse link in the same transaction).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kelola.core import access, audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.services import as_refusal, ensure, refusals_logged, validate_new

from . import graph
from .choices import DEVICE_KINDS, MANUAL_KINDS, Origin, RelationKind
from .models import ConfigurationItem, Relation


def _refuse(message, *, field: str | None = None, code=ErrorCode.INVALID) -> KelolaError:
    return KelolaError(message, code=code, errors={field or "__all__": [message]})


def _check(
    actor, source: ConfigurationItem, target: ConfigurationItem, kind: str, *, exclude_pk=None
) -> None:
    if kind not in MANUAL_KINDS:
        raise _refuse(
            _("Relasi jenis ini dicatat otomatis dari register asalnya; ubahlah data di register tersebut."),
            field="kind",
        )
    for name, item in (("source", source), ("target", target)):
        if not access.can(actor, "view", item):
            raise _refuse(_("Item konfigurasi tidak ditemukan."), field=name, code=ErrorCode.NOT_FOUND)
    if source.pk == target.pk:
        raise _refuse(_("Item tidak dapat berelasi dengan dirinya sendiri."), field="target")
    if source.pemda_id != target.pemda_id:
        raise _refuse(_("Kedua item harus dari pemda yang sama."), field="target")
    if kind == RelationKind.CONNECTED_TO and not (
        source.kind in DEVICE_KINDS and target.kind in DEVICE_KINDS
    ):
        raise _refuse(_("Tautan jaringan hanya antara dua server/perangkat."), field="target")
    duplicate = Relation.objects.filter(source=source, target=target, kind=kind).exclude(pk=exclude_pk)
    if duplicate.exists():
        raise _refuse(_("Relasi ini sudah tercatat."), field="target", code=ErrorCode.CONFLICT)
    if kind == RelationKind.DEPENDS_ON and graph.reaches(target.pk, source.pk):
        raise _refuse(
            _("Relasi ini membuat ketergantungan melingkar: %(target)s sudah bergantung pada %(source)s.")
            % {"target": target, "source": source},
            field="target",
            code=ErrorCode.CONFLICT,
        )


def _refuse_derived(relation: Relation) -> None:
    if relation.origin == Origin.DERIVED:
        raise _refuse(
            _("Relasi otomatis mengikuti register asalnya dan tidak dapat diubah atau dihapus di sini."),
            code=ErrorCode.FORBIDDEN,
        )


def _insert(actor, source, target, kind: str, note: str) -> Relation:
    data = dict(
        pemda_id=source.pemda_id, source=source, target=target, kind=kind, origin=Origin.MANUAL, note=note
    )
    relation = Relation(**data)
    try:
        validate_new(relation, data)
    except ValidationError as exc:
        raise as_refusal(exc) from exc
    with audit.audit_context(actor=actor):
        relation.save()
    return relation


def relation_create(
    *, actor, source: ConfigurationItem, target: ConfigurationItem, kind: str, note: str = "", both_ways=False
) -> Relation:
    """Record a manual relation "source <kind> target" (and, for a network link, its reverse)."""
    probe = Relation(pemda_id=source.pemda_id, source=source, target=target, kind=kind, origin=Origin.MANUAL)
    with refusals_logged(actor, "add", probe, Relation), transaction.atomic():
        ensure(actor, "add", probe)
        _check(actor, source, target, kind)
        relation = _insert(actor, source, target, kind, note)
        if both_ways:
            if kind != RelationKind.CONNECTED_TO:
                raise _refuse(_("Hanya tautan jaringan yang dapat dicatat dua arah."), field="both_ways")
            if not Relation.objects.filter(source=target, target=source, kind=kind).exists():
                _insert(actor, target, source, kind, note)
    return relation


def relation_update(relation: Relation, *, actor, **data) -> Relation:
    """Change a manual relation's kind or note (its ends are fixed: delete and add instead)."""
    with refusals_logged(actor, "change", relation), transaction.atomic():
        stored = Relation.objects.select_for_update().select_related("source", "target").get(pk=relation.pk)
        _refuse_derived(stored)
        ensure(actor, "change", stored)
        kind = data.get("kind", stored.kind)
        note = data.get("note", stored.note)
        if kind != stored.kind:
            _check(actor, stored.source, stored.target, kind, exclude_pk=stored.pk)
        changed = [name for name, value in (("kind", kind), ("note", note)) if getattr(stored, name) != value]
        stored.kind, stored.note = kind, note
        try:
            stored.full_clean()
        except ValidationError as exc:
            raise as_refusal(exc) from exc
        if changed:
            with audit.audit_context(actor=actor):
                stored.save(update_fields=[*changed, "updated_at"])
    return stored


def relation_delete(relation: Relation, *, actor) -> None:
    with refusals_logged(actor, "delete", relation), transaction.atomic():
        stored = Relation.objects.select_for_update().select_related("source", "target").get(pk=relation.pk)
        _refuse_derived(stored)
        ensure(actor, "delete", stored)
        with audit.audit_context(actor=actor):
            stored.delete()
