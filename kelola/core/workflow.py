"""Declarative state machines (ARCHITECTURE rule 2, STYLE practice 6).

A workflow lists its transitions: from which states, to which state, which roles may take it
(pemda-wide, or on the object's own agency), what it requires (fields, attached documents, a
comment, or a custom check). `perform` is the one service call that takes a transition: it
locks the stored row, checks, applies, saves, logs one audit entry and one timeline event,
and notifies the next actors after commit. A refused transition changes nothing; only the
attempt is logged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.access import actor_for
from kelola.core.errors import ErrorCode, KelolaError, TransitionError


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    #: Roles that may take the transition when held for the object's whole pemda.
    pemda_roles: frozenset[str] = frozenset()
    #: Roles that may take it when held on the object's own agency.
    agency_roles: frozenset[str] = frozenset()
    #: Model fields that must be filled (after `changes` are applied).
    required_fields: tuple[str, ...] = ()
    #: Document kinds (core.DocumentKind) that must be attached to the object.
    required_documents: tuple[str, ...] = ()
    comment_required: bool = False
    #: Extra requirement: returns the list of what is missing, in words for people.
    check: Callable[[object], list[str]] | None = None
    #: Who to tell once the transition is committed.
    notify: Callable[[object], Iterable] | None = None
    #: Side effect applied to the locked row before it is saved (e.g. set a decision date).
    apply: Callable[[object, object], None] | None = None


@dataclass
class Workflow:
    transitions: tuple[Transition, ...]
    state_field: str = "status"
    agency_field: str = "agency_id"
    _by_name: dict[str, Transition] = field(init=False, repr=False)

    def __post_init__(self):
        self._by_name = {t.name: t for t in self.transitions}

    def get(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError as exc:
            raise TransitionError(
                _("Langkah alur kerja tidak dikenal."), code=ErrorCode.TRANSITION_NOT_ALLOWED
            ) from exc

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def may_take(self, user, transition: Transition, obj) -> bool:
        actor = actor_for(user)
        if not actor.is_authenticated:
            return False
        if actor.is_platform_admin:
            return True
        if actor.has_pemda_role(obj.pemda_id, transition.pemda_roles):
            return True
        return actor.has_agency_role(getattr(obj, self.agency_field, None), transition.agency_roles)

    def available(self, user, obj) -> list[Transition]:
        """Transitions `user` may take now (requirements may still be missing)."""
        state = self.state_of(obj)
        return [t for t in self.transitions if state in t.sources and self.may_take(user, t, obj)]

    def missing(self, transition: Transition, obj, comment: str = "") -> list[str]:
        missing = []
        for name in transition.required_fields:
            if getattr(obj, name, None) in (None, "", [], {}):
                missing.append(str(obj._meta.get_field(name).verbose_name))
        if transition.required_documents:
            from kelola.core.models import Document, DocumentKind

            attached = set(
                Document.objects.filter(
                    target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk), is_latest=True
                ).values_list("kind", flat=True)
            )
            for kind in transition.required_documents:
                if kind not in attached:
                    missing.append(_("dokumen: %(kind)s") % {"kind": DocumentKind(kind).label})
        if transition.comment_required and not comment.strip():
            missing.append(_("catatan/alasan"))
        if transition.check is not None:
            missing.extend(transition.check(obj))
        return missing


def perform(workflow: Workflow, obj, name: str, *, actor, comment: str = "", changes: dict | None = None):
    """Take transition `name` on `obj` as `actor`; return the updated row or raise."""
    model = type(obj)
    changes = changes or {}
    try:
        with transaction.atomic():
            stored = model.objects.select_for_update().get(pk=obj.pk)
            step = workflow.get(name)
            before = workflow.state_of(stored)
            if not workflow.may_take(actor, step, stored):
                raise KelolaError(_("Anda tidak berwenang mengambil langkah ini."), code=ErrorCode.FORBIDDEN)
            if before not in step.sources:
                raise TransitionError(
                    _("Langkah “%(step)s” tidak dapat diambil dari status “%(state)s”.")
                    % {"step": step.label, "state": _state_label(stored, workflow)}
                )
            for field_name, value in changes.items():
                setattr(stored, field_name, value)
            missing = workflow.missing(step, stored, comment)
            if missing:
                raise TransitionError(
                    _("Belum lengkap: %(missing)s.") % {"missing": ", ".join(missing)},
                    code=ErrorCode.TRANSITION_REQUIREMENTS_MISSING,
                    errors={"missing": missing},
                )
            if step.apply is not None:
                step.apply(stored, actor)
            setattr(stored, workflow.state_field, step.target)
            stored.full_clean()
            # An empty comment keeps the enclosing one (e.g. "demo").
            with audit.audit_context(actor=actor, comment=comment or None, transition=name):
                stored.save()
            _add_timeline(stored, actor, step, before, comment)
            if step.notify is not None:
                recipients = [u for u in step.notify(stored) if u is not None and u != actor]
                _notify_on_commit(stored, step, recipients, actor, comment)
    except KelolaError as exc:
        audit.record(
            "refused",
            obj,
            actor=actor,
            changes={"transition": name, "code": str(exc.code), "reason": str(exc.message)},
            comment=comment,
        )
        raise
    obj.__dict__.update(stored.__dict__)
    return stored


def _state_label(obj, workflow: Workflow) -> str:
    display = getattr(obj, f"get_{workflow.state_field}_display", None)
    return str(display()) if display else workflow.state_of(obj)


def _add_timeline(obj, actor, step: Transition, before: str, comment: str) -> None:
    from kelola.core.models import TimelineEvent

    TimelineEvent.objects.create(
        pemda_id=getattr(obj, "pemda_id", None),
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=str(actor) if actor is not None else "",
        verb=step.name,
        label=str(step.label),
        from_state=before,
        to_state=step.target,
        comment=comment,
    )


def _notify_on_commit(obj, step: Transition, recipients, actor, comment: str) -> None:
    from kelola.core import notifications

    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    title = _("%(step)s: %(object)s") % {"step": step.label, "object": obj}
    body = _("Oleh %(actor)s.") % {"actor": actor}
    if comment:
        body += "\n" + comment
    notifications.notify(
        recipients,
        kind=f"workflow.{step.name}",
        title=title,
        body=body,
        url=url,
        pemda_id=getattr(obj, "pemda_id", None),
    )


def timeline_for(obj):
    from kelola.core.models import TimelineEvent

    return TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")
