"""The one append-only, hash-chained change log (X-1) and the human timeline per object."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Dibuat")
    UPDATE = "update", _("Diubah")
    DELETE = "delete", _("Dihapus")
    TRANSITION = "transition", _("Perubahan status")
    REFUSED = "refused", _("Ditolak")
    LOGIN = "login", _("Masuk")
    LOGIN_FAILED = "login_failed", _("Gagal masuk")
    LOGOUT = "logout", _("Keluar")
    EXPORT = "export", _("Ekspor")
    DOWNLOAD = "download", _("Unduh")
    OTHER = "other", _("Lainnya")


class AuditChainHead(models.Model):
    """The newest entry of one chain; locked while an entry is appended so the chain is linear.

    There is one chain per pemda (and one for platform-level rows), so pemda do not queue
    behind each other and each pemda's log can be verified and exported on its own.
    """

    key = models.CharField(max_length=40, unique=True)
    last_sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("kepala rantai audit")

    def __str__(self) -> str:
        return f"{self.key}:{self.last_sequence}"


class AuditEntry(models.Model):
    """One recorded change or step. Never updated or deleted; `entry_hash` covers every field
    and the previous entry's hash, so any later modification is detectable (002 Ps.24(3)b)."""

    # Every index here is written with every change anywhere in Kelola: the chain is found
    # through its unique (chain, sequence), an object's history through the composite index.
    chain = models.CharField(max_length=40)
    sequence = models.BigIntegerField()
    created_at = models.DateTimeField(_("waktu"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField(_("nama pelaku"), max_length=200, blank=True)
    pemda = models.ForeignKey(
        "core.Pemda",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    action = models.CharField(_("tindakan"), max_length=20, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    request_id = models.CharField(_("ID permintaan"), max_length=64, blank=True)
    comment = models.TextField(_("keterangan"), blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("log audit")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "sequence"], name="audit_chain_sequence_unique")
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"]),
            # the API's object_id filter (a plain index: PostgreSQL's extra LIKE index is unused)
            models.Index(fields=["object_id"], name="audit_object_id"),
        ]

    def __str__(self) -> str:
        return f"#{self.chain}:{self.sequence} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.pop("force_audit_write", False):
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only.")


class TimelineEvent(models.Model):
    """A step in an object's human history (submitted, returned with advice, approved...)."""

    pemda = models.ForeignKey("core.Pemda", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("pelaku"), max_length=200, blank=True)
    verb = models.CharField(_("langkah"), max_length=60)
    label = models.CharField(_("keterangan langkah"), max_length=200)
    from_state = models.CharField(_("dari status"), max_length=40, blank=True)
    to_state = models.CharField(_("ke status"), max_length=40, blank=True)
    comment = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("riwayat langkah")
        verbose_name_plural = _("riwayat langkah")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.actor_name})"
