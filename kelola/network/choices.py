"""Choices of the network register (DC-4): constants and labels in one place (STYLE practice 14)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Family(models.IntegerChoices):
    IPV4 = 4, "IPv4"
    IPV6 = 6, "IPv6"


class Scope(models.TextChoices):
    PUBLIC = "public", _("Publik")
    PRIVATE = "private", _("Lokal (privat)")


class AddressStatus(models.TextChoices):
    RESERVED = "reserved", _("Dicadangkan")
    ALLOCATED = "allocated", _("Dialokasikan")
    DHCP = "dhcp", _("DHCP")
    DEPRECATED = "deprecated", _("Tidak dipakai lagi")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Ditarik")


class DomainKind(models.TextChoices):
    PEMDA = "pemda", _("Domain utama pemda")
    OPD = "opd", _("Sub-domain perangkat daerah")
    VILLAGE = "village", _("Domain desa (desa.id)")
    OTHER = "other", _("Lainnya")


class DomainStatus(models.TextChoices):
    ACTIVE = "active", _("Aktif")
    PENDING = "pending", _("Dalam proses")
    EXPIRED = "expired", _("Kedaluwarsa")


class RecordType(models.TextChoices):
    A = "A", "A"
    AAAA = "AAAA", "AAAA"
    CNAME = "CNAME", "CNAME"
    MX = "MX", "MX"
    TXT = "TXT", "TXT"
    NS = "NS", "NS"
