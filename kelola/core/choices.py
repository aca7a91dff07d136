"""Choice sets shared by several domains (STYLE practice 14: choices are data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PemdaKind(models.TextChoices):
    CITY = "kota", _("Kota")
    REGENCY = "kabupaten", _("Kabupaten")
    PROVINCE = "provinsi", _("Provinsi")


class AgencyKind(models.TextChoices):
    SECRETARIAT = "sekretariat", _("Sekretariat")
    INSPECTORATE = "inspektorat", _("Inspektorat")
    OFFICE = "dinas", _("Dinas")
    BOARD = "badan", _("Badan")
    DISTRICT = "kecamatan", _("Kecamatan")
    VILLAGE = "kelurahan", _("Kelurahan/Desa")
    UNIT = "unit", _("Unit/Bagian/UPT")
    HOSPITAL = "rsud", _("RSUD")
    OTHER = "lainnya", _("Lainnya")


class Classification(models.TextChoices):
    """Public information classification (002 Ps.26(3))."""

    PUBLIC = "public", _("Publik")
    EXEMPT = "exempt", _("Dikecualikan")


class Secrecy(models.TextChoices):
    """Security grading of official documents (naskah dinas)."""

    ORDINARY = "ordinary", _("Biasa")
    RESTRICTED = "restricted", _("Terbatas")
    SECRET = "secret", _("Rahasia")


class Timezone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("Aplikasi")
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")
