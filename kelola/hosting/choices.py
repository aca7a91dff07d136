"""Choices of the hosting register (DC-1, DC-2): constants and labels in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HostingKind(models.TextChoices):
    """What the OPD places in the data center (002 Ps.33(1), Ps.34(1))."""

    COLOCATION = "colocation", _("Kolokasi (server dan aplikasi)")
    HOSTING = "hosting", _("Hosting (aplikasi saja)")
    BACKUP = "backup", _("Sistem cadangan (pusat data sendiri)")


class HostingStatus(models.TextChoices):
    """The steps of 004 Lampiran IV 1.1.1 "Penitipan Aplikasi"."""

    SUBMITTED = "submitted", _("Diajukan")
    REVIEWED = "reviewed", _("Dikaji, menunggu klasifikasi")
    PHYSICAL_CHECK = "physical_check", _("Pemeriksaan fisik")
    RECOMMENDATION = "recommendation", _("Menunggu rekomendasi pimpinan")
    SETUP = "setup", _("Setting oleh rekanan (2 x 24 jam)")
    PLACEMENT = "placement", _("Menunggu penempatan server")
    APP_CHECK = "app_check", _("Pemeriksaan aplikasi")
    APP_DECISION = "app_decision", _("Menunggu persetujuan pimpinan atas aplikasi")
    INSTALL = "install", _("Pemasangan aplikasi")
    ADDRESSING = "addressing", _("Penetapan alamat IP")
    COMPLETED = "completed", _("Selesai")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Ditarik")


#: States in which nothing more happens.
HOSTING_FINAL = frozenset({HostingStatus.COMPLETED, HostingStatus.REJECTED, HostingStatus.WITHDRAWN})


class CheckStage(models.TextChoices):
    PHYSICAL = "physical", _("Pemeriksaan fisik")
    APPLICATION = "application", _("Pemeriksaan aplikasi")


class CheckItem(models.TextChoices):
    """The checks the SOP lists, before placement (physical) and after it (application)."""

    RACK = "rack", _("Ketersediaan rak")
    POWER = "power", _("Ketersediaan catu daya")
    OUTLET = "outlet", _("Ketersediaan wall outlet")
    SERVER = "server", _("Kondisi server dan aplikasi")
    SOFTWARE = "software", _("Legalitas perangkat lunak (OS, basis data)")
    APP_LEGALITY = "app_legality", _("Legalitas perangkat lunak aplikasi")
    COMPLETENESS = "completeness", _("Kelengkapan aplikasi")
    VULNERABILITY = "vulnerability", _("Celah keamanan (hole)")


PHYSICAL_ITEMS = (CheckItem.RACK, CheckItem.POWER, CheckItem.OUTLET, CheckItem.SERVER, CheckItem.SOFTWARE)
APPLICATION_ITEMS = (CheckItem.APP_LEGALITY, CheckItem.COMPLETENESS, CheckItem.VULNERABILITY)


def stage_of(item: str) -> str:
    return CheckStage.PHYSICAL if item in PHYSICAL_ITEMS else CheckStage.APPLICATION


class VpsStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    APPROVED = "approved", _("Disetujui, menunggu penyediaan")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Ditarik")
    PROVISIONED = "provisioned", _("Aktif")
    EXPIRED = "expired", _("Kedaluwarsa")
    TERMINATED = "terminated", _("Dihentikan")


class RenewalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
