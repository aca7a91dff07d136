from django.db import models
from django.utils.translation import gettext_lazy as _


class Priority(models.TextChoices):
    P1 = "p1", _("P1 — Kritis")
    P2 = "p2", _("P2 — Tinggi")
    P3 = "p3", _("P3 — Sedang")
    P4 = "p4", _("P4 — Rendah")


class Team(models.TextChoices):
    """The IT office's tier-2 teams of 004 Lampiran IV."""

    HELPDESK = "helpdesk", _("Help desk")
    IT_SUPPORT = "it_support", _("Dukungan TI")
    DATACENTER = "datacenter", _("Pusat data")
    INFRASTRUCTURE = "infrastructure", _("Infrastruktur")


class ServiceCategory(models.TextChoices):
    APPLICATION = "application", _("Dukungan aplikasi")
    ACCOUNT = "account", _("Akun dan akses")
    NETWORK = "network", _("Jaringan dan internet")
    HOSTING = "hosting", _("Hosting dan pusat data")
    HARDWARE = "hardware", _("Perangkat keras")
    OTHER = "other", _("Lainnya")


#: Default targets (response, resolution) in working minutes per priority.
DEFAULT_TARGETS = {
    Priority.P1: (30, 4 * 60),
    Priority.P2: (60, 8 * 60),
    Priority.P3: (4 * 60, 3 * 8 * 60),
    Priority.P4: (8 * 60, 5 * 8 * 60),
}
