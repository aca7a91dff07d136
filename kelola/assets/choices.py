"""Choices of the ICT asset register (ASSET-1, ASSET-2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssetKind(models.TextChoices):
    HARDWARE = "hardware", _("Perangkat keras")
    SOFTWARE = "software", _("Perangkat lunak")


class AssetCategory(models.TextChoices):
    COMPUTER = "computer", _("Komputer (PC)")
    LAPTOP = "laptop", _("Laptop")
    SERVER = "server", _("Server")
    NETWORK = "network", _("Perangkat jaringan")
    PRINTER = "printer", _("Printer/pemindai")
    STORAGE = "storage", _("Media penyimpanan")
    UPS = "ups", _("UPS")
    SOFTWARE_LICENCE = "software_licence", _("Lisensi perangkat lunak")
    OTHER = "other", _("Lainnya")


class FundingSource(models.TextChoices):
    APBD = "apbd", _("APBD")
    APBN = "apbn", _("APBN")
    DAK = "dak", _("DAK")
    GRANT = "grant", _("Hibah")
    OTHER = "other", _("Lainnya")


class Condition(models.TextChoices):
    GOOD = "good", _("Baik")
    LIGHT_DAMAGE = "light_damage", _("Rusak ringan")
    HEAVY_DAMAGE = "heavy_damage", _("Rusak berat")


class AssetStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    PROCURED = "procured", _("Sudah diadakan")
    IN_USE = "in_use", _("Digunakan")
    IN_REPAIR = "in_repair", _("Dalam perbaikan")
    DISPOSED = "disposed", _("Dihapuskan")


class LicenceType(models.TextChoices):
    PER_SEAT = "per_seat", _("Per pengguna/perangkat")
    SITE = "site", _("Lisensi situs")
    SUBSCRIPTION = "subscription", _("Langganan")
    OPEN_SOURCE = "open_source", _("Sumber terbuka")


#: How much a category's role weighs in the replacement score (servers and network devices
#: carry whole services; a failing printer stops one room).
ROLE_WEIGHT = {
    AssetCategory.SERVER: 1.0,
    AssetCategory.NETWORK: 1.0,
    AssetCategory.STORAGE: 0.8,
    AssetCategory.UPS: 0.7,
    AssetCategory.COMPUTER: 0.5,
    AssetCategory.LAPTOP: 0.5,
    AssetCategory.PRINTER: 0.3,
    AssetCategory.SOFTWARE_LICENCE: 0.3,
    AssetCategory.OTHER: 0.3,
}

#: Usual expected lifetime in years per category (Permenkeu masa manfaat peralatan TIK: 4 years
#: for computers; servers and network devices are planned for 5).
DEFAULT_LIFETIME = {
    AssetCategory.COMPUTER: 4,
    AssetCategory.LAPTOP: 4,
    AssetCategory.SERVER: 5,
    AssetCategory.NETWORK: 5,
    AssetCategory.PRINTER: 4,
    AssetCategory.STORAGE: 5,
    AssetCategory.UPS: 5,
    AssetCategory.SOFTWARE_LICENCE: 3,
    AssetCategory.OTHER: 4,
}


class LanReportKind(models.TextChoices):
    """Why an OPD filed a LAN diagram (001 Ps.17): the yearly update or a change report."""

    YEARLY = "yearly", _("Pembaruan tahunan")
    CHANGE = "change", _("Laporan perubahan")
