"""The audit log service (X-1, ARCHITECTURE rule 3).

Every create/update/delete of an audited model is recorded by the signal handlers below, with
the actor and request id taken from the current `audit_context` (set by the middleware for
web requests and by services and commands otherwise). Workflow steps, logins and refusals are
recorded explicitly with `record`. Entries are hash-chained per pemda; `verify_chain` finds
the first entry whose content or link no longer matches.
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditContext:
    actor: object | None = None
    request_id: str = ""
    comment: str = ""
    #: Set while a workflow transition saves its row, so the save is logged as that step.
    transition: str = ""


_context: contextvars.ContextVar[AuditContext] = contextvars.ContextVar(
    "kelola_audit",
    default=AuditContext(),  # noqa: B039 - frozen dataclass
)


def current_context() -> AuditContext:
    return _context.get()


@contextmanager
def audit_context(
    *, actor=None, request_id: str | None = None, comment: str | None = None, transition: str | None = None
) -> Iterator[None]:
    """Attribute the changes made inside the block to `actor`, with `comment`."""
    current = _context.get()
    changes = {}
    if transition is not None:
        changes["transition"] = transition
    if actor is not None:
        changes["actor"] = actor
    if request_id is not None:
        changes["request_id"] = request_id
    if comment is not None:
        changes["comment"] = comment
    token = _context.set(replace(current, **changes))
    try:
        yield
    finally:
        _context.reset(token)


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def snapshot(instance) -> dict:
    """The audited field values of `instance`, keyed by attribute name (FKs as ids)."""
    excluded = set(getattr(instance, "audit_exclude", ()))
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in excluded or field.attname in excluded:
            continue
        values[field.attname] = _jsonable(getattr(instance, field.attname))
    return values


def _loaded_snapshot(instance) -> dict:
    loaded = getattr(instance, "_audit_loaded", None)
    if loaded is None:
        return {}
    excluded = set(getattr(instance, "audit_exclude", ()))
    result = {}
    for field in instance._meta.concrete_fields:
        if field.attname in loaded and field.name not in excluded and field.attname not in excluded:
            result[field.attname] = _jsonable(loaded[field.attname])
    return result


def diff(before: dict, after: dict) -> dict:
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _pemda_id_of(instance) -> int | None:
    from kelola.core.models import Pemda

    if isinstance(instance, Pemda):
        return instance.pk
    # Rows that belong to a pemda through a parent (a form's table row) name it themselves.
    owner = getattr(instance, "audit_pemda_id", None)
    return owner if owner is not None else getattr(instance, "pemda_id", None)


def _chain_key(pemda_id: int | None) -> str:
    return f"pemda:{pemda_id}" if pemda_id else "platform"


def _now_to_milliseconds():
    """Entry times are kept to the millisecond: Django's portable JSON dumps keep no more, and
    the time is part of the hash, so a restored entry must carry exactly the same value."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def compute_hash(entry) -> str:
    payload = {
        "chain": entry.chain,
        "sequence": entry.sequence,
        "created_at": entry.created_at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "pemda_id": entry.pemda_id,
        "action": entry.action,
        "content_type_id": entry.content_type_id,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "changes": entry.changes,
        "request_id": entry.request_id,
        "comment": entry.comment,
        "previous_hash": entry.previous_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(
    action: str,
    obj=None,
    *,
    changes: dict | None = None,
    actor=None,
    comment: str | None = None,
    pemda_id: int | None = None,
):
    """Append one entry to the audit chain of the object's pemda and return it."""
    from kelola.core.models import AuditEntry

    context = current_context()
    actor = actor if actor is not None else context.actor
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if pemda_id is None and obj is not None:
        pemda_id = _pemda_id_of(obj)
    key = _chain_key(pemda_id)
    # No savepoint: a failed audit write must fail the change it records.
    with transaction.atomic(savepoint=False):
        head_id, last_sequence, last_hash = _locked_head(key)
        entry = AuditEntry(
            chain=key,
            sequence=last_sequence + 1,
            created_at=_now_to_milliseconds(),
            actor_id=getattr(actor, "pk", None),
            actor_name=str(actor)[:200] if actor is not None else "",
            pemda_id=pemda_id,
            action=action,
            content_type_id=ContentType.objects.get_for_model(obj).pk if obj is not None else None,
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=str(obj)[:300] if obj is not None else "",
            changes=json.loads(json.dumps(changes or {}, default=str)),
            request_id=context.request_id,
            comment=comment if comment is not None else context.comment,
            previous_hash=last_hash,
        )
        entry.entry_hash = compute_hash(entry)
        entry.save()
        _advance_head(head_id, entry.sequence, entry.entry_hash)
    return entry


# The chain head is read and advanced with two plain statements: every audited change passes
# here, and building them through the ORM cost more than writing the entry.


def _head_sql(statement: str) -> str:
    from kelola.core.models import AuditChainHead

    quote = connection.ops.quote_name
    names = {name: quote(name) for name in ("id", "key", "last_sequence", "last_hash")}
    return statement.format(table=quote(AuditChainHead._meta.db_table), **names)


def _locked_head(key: str) -> tuple[int, int, str]:
    """(id, last sequence, last hash) of the chain's head, locked until the transaction ends;
    the head is created with the chain's first entry."""
    from kelola.core.models import AuditChainHead

    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            _head_sql("SELECT {id}, {last_sequence}, {last_hash} FROM {table} WHERE {key} = %s") + lock,
            [key],
        )
        row = cursor.fetchone()
    if row is not None:
        return row
    try:
        with transaction.atomic():  # a savepoint: two first entries of a new chain may race
            head = AuditChainHead.objects.create(key=key, last_sequence=0, last_hash=GENESIS_HASH)
    except IntegrityError:
        head = AuditChainHead.objects.select_for_update().get(key=key)
    return head.pk, head.last_sequence, head.last_hash


def _advance_head(head_id: int, sequence: int, entry_hash: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            _head_sql("UPDATE {table} SET {last_sequence} = %s, {last_hash} = %s WHERE {id} = %s"),
            [sequence, entry_hash, head_id],
        )


@dataclass
class ChainProblem:
    chain: str
    sequence: int
    entry_id: int
    reason: str


def verify_chain(chain: str | None = None) -> list[ChainProblem]:
    """Recompute every entry's hash and link; return the first problem of each chain."""
    from kelola.core.models import AuditChainHead, AuditEntry

    chains = (
        [chain] if chain else list(AuditEntry.objects.order_by().values_list("chain", flat=True).distinct())
    )
    problems = []
    for key in sorted(chains):
        previous = GENESIS_HASH
        expected_sequence = 1
        problem = None
        for entry in AuditEntry.objects.filter(chain=key).order_by("sequence").iterator(chunk_size=2000):
            if entry.sequence != expected_sequence:
                problem = ChainProblem(
                    key, entry.sequence, entry.pk, f"missing entry before sequence {entry.sequence}"
                )
            elif entry.previous_hash != previous:
                problem = ChainProblem(key, entry.sequence, entry.pk, "link to previous entry broken")
            elif compute_hash(entry) != entry.entry_hash:
                problem = ChainProblem(key, entry.sequence, entry.pk, "content modified")
            if problem:
                break
            previous = entry.entry_hash
            expected_sequence += 1
        if problem is None:
            head = AuditChainHead.objects.filter(key=key).first()
            if head and (head.last_sequence != expected_sequence - 1 or head.last_hash != previous):
                problem = ChainProblem(key, expected_sequence - 1, 0, "entries removed from the end")
        if problem:
            problems.append(problem)
    return problems


def history_for(obj):
    """Audit entries about `obj`, newest first."""
    from kelola.core.models import AuditEntry

    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


# --- automatic change logging -------------------------------------------------------------


def _is_audited(sender) -> bool:
    from kelola.core.models.base import AuditedMixin

    return isinstance(sender, type) and issubclass(sender, AuditedMixin)


def on_post_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not _is_audited(sender):
        return
    after = snapshot(instance)
    if created:
        record("create", instance, changes={k: [None, v] for k, v in after.items() if v not in (None, "")})
    else:
        before = _loaded_snapshot(instance)
        if update_fields:
            names = {instance._meta.get_field(f).attname for f in update_fields}
            after = {k: v for k, v in after.items() if k in names}
            before = {k: v for k, v in before.items() if k in names}
        changes = diff(before, after)
        transition = current_context().transition
        if transition:
            record("transition", instance, changes={**changes, "_transition": transition})
        elif changes:
            record("update", instance, changes=changes)
    instance._audit_loaded = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def on_post_delete(sender, instance, **kwargs):
    if not _is_audited(sender):
        return
    record(
        "delete",
        instance,
        changes={k: [v, None] for k, v in snapshot(instance).items() if v not in (None, "")},
    )


def connect_signals() -> None:
    models.signals.post_save.connect(on_post_save, dispatch_uid="kelola_audit_post_save")
    models.signals.post_delete.connect(on_post_delete, dispatch_uid="kelola_audit_post_delete")
