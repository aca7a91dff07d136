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


class TicketKind(models.TextChoices):
    REQUEST = "request", _("Permintaan layanan")
    INCIDENT = "incident", _("Pengaduan/gangguan")


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("Datang langsung")
    PHONE = "phone", _("Telepon")
    WEB = "web", _("Web")
    EMAIL = "email", _("E-mail")
    API = "api", _("API")


class Level(models.TextChoices):
    HIGH = "high", _("Tinggi")
    MEDIUM = "medium", _("Sedang")
    LOW = "low", _("Rendah")


class TicketStatus(models.TextChoices):
    NEW = "new", _("Baru")
    IN_PROGRESS = "in_progress", _("Dikerjakan")
    WAITING_USER = "waiting_user", _("Menunggu pengguna")
    ESCALATED = "escalated", _("Dieskalasi ke tier 2")
    RESOLVED = "resolved", _("Selesai dikerjakan")
    CLOSED = "closed", _("Ditutup")


#: Impact and urgency → priority (the usual service-desk matrix).
PRIORITY_MATRIX = {
    ("high", "high"): Priority.P1,
    ("high", "medium"): Priority.P2,
    ("medium", "high"): Priority.P2,
    ("high", "low"): Priority.P3,
    ("medium", "medium"): Priority.P3,
    ("low", "high"): Priority.P3,
    ("medium", "low"): Priority.P4,
    ("low", "medium"): Priority.P4,
    ("low", "low"): Priority.P4,
}
REOPEN_DAYS = 7


class Audience(models.TextChoices):
    """Who reads a knowledge-base article (OPS-2)."""

    PUBLIC = "public", _("Publik")
    STAFF = "staff", _("Semua pegawai")
    IT_STAFF = "it_staff", _("Petugas TI")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")
    ARCHIVED = "archived", _("Diarsipkan")
