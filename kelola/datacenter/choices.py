"""Choices of the data-center facilities register (DC-3): constants and labels in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilityKind(models.TextChoices):
    MAIN = "main", _("Pusat data utama pemda")
    BACKUP = "backup", _("Pusat data cadangan (DRC)")
    AGENCY = "agency", _("Pusat data milik perangkat daerah")
    NATIONAL = "national", _("Pusat Data Nasional")


class DeviceKind(models.TextChoices):
    SERVER = "server", _("Server fisik")
    VM = "vm", _("Mesin virtual (VM)")
    NETWORK = "network", _("Perangkat jaringan")
    STORAGE = "storage", _("Penyimpanan (storage)")
    SECURITY = "security", _("Perangkat keamanan")
    OTHER = "other", _("Lainnya")


#: Kinds that sit in a rack (a VM runs on a host instead).
RACKED_KINDS = frozenset(
    {DeviceKind.SERVER, DeviceKind.NETWORK, DeviceKind.STORAGE, DeviceKind.SECURITY, DeviceKind.OTHER}
)


class DeviceStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    ACTIVE = "active", _("Aktif")
    OFFLINE = "offline", _("Tidak aktif")
    DECOMMISSIONED = "decommissioned", _("Dihentikan")


class DeviceOrigin(models.TextChoices):
    """Why the device is in the data center (002 Ps.33-34)."""

    PEMDA = "pemda", _("Milik pusat data")
    COLOCATION = "colocation", _("Kolokasi perangkat daerah")
    HOSTING = "hosting", _("Hosting aplikasi")
    VPS = "vps", _("VPS perangkat daerah")
    BACKUP = "backup", _("Sistem cadangan perangkat daerah")
