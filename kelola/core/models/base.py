"""The base-model stack every domain model chooses from (STYLE practice 1).

- `KelolaModel`: timestamps, the scoped queryset (`visible_to`) and audit tracking.
- `TenantModel`: a row owned by one pemda.
- `AgencyModel`: a row owned by one agency (OPD) of a pemda.

Visibility and permissions come from the model's `access_policy` (see `kelola.core.access`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScopedQuerySet(models.QuerySet):
    """QuerySet whose reads for people go through `visible_to(user)`."""

    def visible_to(self, user) -> ScopedQuerySet:
        from kelola.core import access

        return access.restrict(self, user)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


class AuditedMixin:
    """Remembers the field values a row was loaded with, so saves can log before/after."""

    #: Fields left out of the change log (noise, or secrets).
    audit_exclude: tuple[str, ...] = ("updated_at", "password", "last_login")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._audit_loaded = dict(zip(field_names, values, strict=True))
        return instance

    def audit_snapshot(self) -> dict:
        from kelola.core.audit import snapshot

        return snapshot(self)


class ChildRowMixin:
    """A row that belongs to a pemda through its parent (a form's table row, a history entry):
    its audit entries join the parent's pemda chain. Set `audit_parent` to the parent's field."""

    audit_parent: str = ""

    @property
    def audit_pemda_id(self):
        if getattr(self, f"{self.audit_parent}_id", None) is None:
            return None
        return getattr(self, self.audit_parent).pemda_id


class KelolaModel(AuditedMixin, models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        abstract = True

    #: Key of the access policy that judges this model (see `kelola.core.access.POLICIES`).
    scope_level = "platform"


class TenantModel(KelolaModel):
    pemda = models.ForeignKey(
        "core.Pemda", verbose_name=_("pemda"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    scope_level = "pemda"


class AgencyModel(TenantModel):
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("perangkat daerah"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    scope_level = "agency"
