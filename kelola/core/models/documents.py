"""Documents (X-2): uploaded files with type, classification, checksum and versions; and
numbered official letters generated from data."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kelola.core.choices import Classification, Secrecy

from .base import TenantModel


class DocumentKind(models.TextChoices):
    LETTER = "letter", _("Surat")
    MEMO = "memo", _("Nota Dinas")
    DECREE = "decree", _("Keputusan (SK)")
    EVIDENCE = "evidence", _("Bukti dukung")
    REPORT = "report", _("Laporan")
    DIAGRAM = "diagram", _("Diagram")
    POLICY = "policy", _("Kebijakan / SOP")
    CONTRACT = "contract", _("Kontrak")
    SOURCE_CODE = "source_code", _("Kode sumber")
    OTHER = "other", _("Lainnya")


def document_upload_to(instance: Document, filename: str) -> str:
    # The stored name is random so that a guessed URL reveals nothing; the original name is kept.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/{instance.pemda_id}/{instance.series}/{uuid.uuid4().hex}.{suffix}"


class Document(TenantModel):
    """One version of an uploaded file. Versions of the same document share `series`."""

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("judul"), max_length=255)
    kind = models.CharField(
        _("jenis"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    classification = models.CharField(
        _("klasifikasi informasi"),
        max_length=10,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )
    secrecy = models.CharField(
        _("sifat naskah"), max_length=12, choices=Secrecy.choices, default=Secrecy.ORDINARY
    )
    description = models.TextField(_("keterangan"), blank=True)
    file = models.FileField(_("berkas"), upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    mime_type = models.CharField(_("tipe berkas"), max_length=100)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    series = models.UUIDField(_("seri"), default=uuid.uuid4, db_index=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    is_latest = models.BooleanField(_("versi terbaru"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengunggah"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the document belongs to (an assessment, a decree, a ticket...), if anything.
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["series", "version"], name="document_series_version_unique")
        ]
        indexes = [models.Index(fields=["target_type", "target_id"]), models.Index(fields=["pemda", "kind"])]

    scope_level = "document"

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        from kelola.core.urlcache import detail_url

        return detail_url("core:document_detail", self.pk)


class LetterKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Surat Rekomendasi")
    NOTIFICATION = "notification", _("Surat Pemberitahuan")
    REMINDER = "reminder", _("Surat Pengingat")
    WARNING = "warning", _("Surat Teguran")
    INVITATION = "invitation", _("Undangan")
    OTHER = "other", _("Surat Lainnya")


class LetterCounter(models.Model):
    """Last number used for letters of a pemda in a year; locked while a number is taken."""

    pemda = models.ForeignKey("core.Pemda", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pemda", "year"], name="letter_counter_unique")]

    def __str__(self) -> str:
        return f"{self.pemda_id}/{self.year}: {self.last_value}"


class Letter(TenantModel):
    """A numbered official letter generated from data and rendered to PDF."""

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("penerbit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah tujuan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=LetterKind.choices)
    year = models.PositiveIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    number = models.CharField(_("nomor surat"), max_length=100)
    date = models.DateField(_("tanggal"))
    subject = models.CharField(_("perihal"), max_length=255)
    recipient = models.TextField(_("kepada"))
    body = models.TextField(_("isi"))
    secrecy = models.CharField(_("sifat"), max_length=12, choices=Secrecy.choices, default=Secrecy.ORDINARY)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200)
    signatory_nip = models.CharField(_("NIP penanda tangan"), max_length=30, blank=True)
    document = models.OneToOneField(
        Document,
        verbose_name=_("berkas PDF"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letter",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")

    class Meta:
        verbose_name = _("surat")
        verbose_name_plural = _("surat")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "year", "sequence"], name="letter_number_unique_per_pemda_year"
            )
        ]

    scope_level = "letter"

    def __str__(self) -> str:
        return f"{self.number} — {self.subject}"

    def get_absolute_url(self) -> str:
        from kelola.core.urlcache import detail_url

        return detail_url("core:letter_detail", self.pk)
