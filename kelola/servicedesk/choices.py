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


#: A ticket still to be worked (the requester's queue, problems' open incidents, the home cards).
OPEN_TICKET_STATES = (
    TicketStatus.NEW,
    TicketStatus.IN_PROGRESS,
    TicketStatus.ESCALATED,
    TicketStatus.WAITING_USER,
)


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


class Procedure(models.TextChoices):
    """The four service-desk procedures of 004 Lampiran IV that run on work orders."""

    REQUEST = "request", _("Permintaan layanan (Lampiran IV 2.1.1)")
    COMPLAINT = "complaint", _("Pengaduan (Lampiran IV 2.1.2)")
    APP_FAULT_SUPPORT = "app_fault_support", _("Gangguan aplikasi — dukungan TI (Lampiran IV 1.2.1)")
    APP_FAULT_DATACENTER = "app_fault_datacenter", _("Gangguan aplikasi — pusat data (Lampiran IV 1.1.2)")


#: The team a work order of each procedure is issued to.
FIRST_TEAM = {
    Procedure.REQUEST: Team.IT_SUPPORT,
    Procedure.COMPLAINT: Team.IT_SUPPORT,
    Procedure.APP_FAULT_SUPPORT: Team.IT_SUPPORT,
    Procedure.APP_FAULT_DATACENTER: Team.DATACENTER,
}


class WorkOrderStatus(models.TextChoices):
    ISSUED = "issued", _("Diterbitkan")
    IN_PROGRESS = "in_progress", _("Dikerjakan")
    RETURNED = "returned", _("Dikembalikan ke help desk")
    CLOSED = "closed", _("Ditutup")
    CANCELLED = "cancelled", _("Dibatalkan")


class AppLocation(models.TextChoices):
    """Where the application of a fault runs, as the team found it."""

    DATACENTER = "datacenter", _("Di pusat data")
    ELSEWHERE = "elsewhere", _("Tidak di pusat data")


class FaultKind(models.TextChoices):
    """The data center's classification of a fault (Lampiran IV 1.1.2)."""

    APPLICATION = "application", _("Aplikasi")
    NETWORK = "network", _("Jaringan")
    USER_DEVICE = "user_device", _("Perangkat pengguna")


class WorkOrderOutcome(models.TextChoices):
    DONE = "done", _("Selesai dikerjakan")
    REFERRED = "referred", _("Dirujuk ke pengembang aplikasi")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    INVESTIGATING = "investigating", _("Diselidiki")
    KNOWN_ERROR = "known_error", _("Kesalahan diketahui")
    RESOLVED = "resolved", _("Diperbaiki")
    CLOSED = "closed", _("Ditutup")


class OutageSource(models.TextChoices):
    ENTERED = "entered", _("Dicatat petugas")
    DETECTED = "detected", _("Terdeteksi pemantauan")
