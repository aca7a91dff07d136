"""Choices of the configuration register (ASSET-3, COBIT BAI10): constants and labels in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CiKind(models.TextChoices):
    SERVICE = "service", _("Layanan TI")
    SYSTEM = "system", _("Sistem elektronik")
    SERVER = "server", _("Server fisik")
    VM = "vm", _("Mesin virtual (VM)")
    NETWORK = "network", _("Perangkat jaringan")
    STORAGE = "storage", _("Penyimpanan (storage)")
    SECURITY = "security", _("Perangkat keamanan")
    DEVICE = "device", _("Perangkat lain")
    RACK = "rack", _("Rak")
    DATACENTER = "datacenter", _("Pusat data")


#: Kinds that stand for a datacenter.Device row (network links join only these).
DEVICE_KINDS = frozenset(
    {CiKind.SERVER, CiKind.VM, CiKind.NETWORK, CiKind.STORAGE, CiKind.SECURITY, CiKind.DEVICE}
)

#: Bootstrap icon per kind, for the trees and lists.
KIND_ICONS = {
    CiKind.SERVICE: "bi-headset",
    CiKind.SYSTEM: "bi-window-stack",
    CiKind.SERVER: "bi-hdd-rack",
    CiKind.VM: "bi-boxes",
    CiKind.NETWORK: "bi-diagram-3",
    CiKind.STORAGE: "bi-device-hdd",
    CiKind.SECURITY: "bi-shield-lock",
    CiKind.DEVICE: "bi-cpu",
    CiKind.RACK: "bi-server",
    CiKind.DATACENTER: "bi-building",
}


class RelationKind(models.TextChoices):
    """Every relation reads "source <kind> target": the source depends on the target."""

    DEPENDS_ON = "depends_on", _("bergantung pada")
    RUNS_ON = "runs_on", _("berjalan di")
    HOSTED_ON = "hosted_on", _("di-host di")
    LOCATED_IN = "located_in", _("berada di")
    CONNECTED_TO = "connected_to", _("terhubung ke jaringan melalui")
    INTEGRATES_WITH = "integrates_with", _("terintegrasi dengan")


#: Kinds people record by hand; the others are derived from the domain registers.
MANUAL_KINDS = frozenset({RelationKind.DEPENDS_ON, RelationKind.CONNECTED_TO})


class Origin(models.TextChoices):
    DERIVED = "derived", _("Otomatis dari register")
    MANUAL = "manual", _("Dicatat manual")
