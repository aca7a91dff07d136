"""Choices of the connectivity domain (DC-5, DC-6): constants and labels in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConnectionStatus(models.TextChoices):
    """Steps of a new connection point (004 Lamp.IV 2.2.2)."""

    SUBMITTED = "submitted", _("Diajukan")
    ISSUED = "issued", _("WO diteruskan ke IT Support")
    SURVEYED = "surveyed", _("Lokasi sudah dicek")
    RECOMMENDED = "recommended", _("Rekomendasi ke Infrastruktur")
    APPROVED = "approved", _("Disetujui Infrastruktur")
    INSTALLED = "installed", _("Terpasang")
    COMPLETED = "completed", _("Selesai")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Ditarik")


class EventStatus(models.TextChoices):
    """Steps of a temporary intranet/internet for an event (004 Lamp.IV 2.2.3)."""

    SUBMITTED = "submitted", _("Diajukan")
    APPROVED = "approved", _("Direkomendasikan")
    READY = "ready", _("Jaringan terpasang")
    DISMANTLED = "dismantled", _("Dibongkar")
    CLOSED = "closed", _("Ditutup")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Ditarik")


class UsageSource(models.TextChoices):
    CSV = "csv", _("Impor CSV")
    SNMP = "snmp", _("Ekspor penghitung SNMP")
    MANUAL = "manual", _("Isian manual")


class UsageClass(models.TextChoices):
    """Result of comparing a month's use with the allocation (002 Ps.35(2)c)."""

    OVER = "over", _("Melebihi alokasi")
    NORMAL = "normal", _("Wajar")
    UNDER = "under", _("Kurang dimanfaatkan")
    NO_DATA = "no_data", _("Tidak ada data pemakaian")
    NO_ALLOCATION = "no_allocation", _("Tanpa alokasi")
