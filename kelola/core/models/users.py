"""People who log in, and their role assignments (user, role, scope)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelola.core.roles import AGENCY_ROLES, Role

from .base import AuditedMixin, ScopedManager, ScopedQuerySet


class UserManager(DjangoUserManager.from_queryset(ScopedQuerySet)):
    """Django's user-creation helpers plus `visible_to`."""


class User(AuditedMixin, AbstractUser):
    """An account. Its home pemda/agency is informative; rights come from role assignments."""

    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    whatsapp = models.CharField(_("nomor WhatsApp"), max_length=40, blank=True)
    pemda = models.ForeignKey(
        "core.Pemda",
        verbose_name=_("pemda"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    notify_by_email = models.BooleanField(_("kirim notifikasi lewat e-mail"), default=True)
    notify_by_whatsapp = models.BooleanField(_("kirim notifikasi lewat WhatsApp"), default=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["username"]

    scope_level = "user"

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)


class RoleAssignment(AuditedMixin, models.Model):
    """Grants `role` to `user` over a pemda, or over one agency (and its sub-units)."""

    user = models.ForeignKey(User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)
    pemda = models.ForeignKey(
        "core.Pemda", verbose_name=_("pemda"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    valid_from = models.DateField(_("berlaku mulai"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            # Two conditional constraints instead of NULLS NOT DISTINCT, which SQLite lacks.
            models.UniqueConstraint(
                fields=["user", "role", "pemda"],
                condition=models.Q(agency__isnull=True),
                name="role_assignment_unique_pemda_scope",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=models.Q(agency__isnull=False),
                name="role_assignment_unique_agency_scope",
            ),
        ]

    scope_level = "role_assignment"

    def __str__(self) -> str:
        scope = self.agency or self.pemda
        return f"{self.user} · {self.get_role_display()} · {scope}"

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        if self.valid_from and today < self.valid_from:
            return False
        return not (self.valid_until and today > self.valid_until)

    def clean(self):
        errors = {}
        if self.role in AGENCY_ROLES and not self.agency_id:
            errors["agency"] = _("Peran ini harus dikaitkan dengan satu perangkat daerah.")
        if self.agency_id and self.role not in AGENCY_ROLES and self.role != Role.VENDOR:
            errors["agency"] = _("Peran ini berlaku untuk seluruh pemda; kosongkan perangkat daerah.")
        if self.agency_id and self.pemda_id and self.agency.pemda_id != self.pemda_id:
            errors["agency"] = _("Perangkat daerah harus berada di pemda yang sama.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("Tanggal akhir tidak boleh sebelum tanggal mulai.")
        if errors:
            raise ValidationError(errors)
