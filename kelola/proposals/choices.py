from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalKind(models.TextChoices):
    """What an agency asks the IT office to recommend (002 Ps.15)."""

    NEW_APP = "new_app", _("Pembangunan aplikasi baru")
    DEVELOPMENT = "development", _("Pengembangan aplikasi")
    INFRASTRUCTURE = "infrastructure", _("Infrastruktur")
    HOSTING = "hosting", _("Hosting/kolokasi")
    OTHER = "other", _("Lainnya")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    REVIEWED = "reviewed", _("Direviu")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Ditarik")


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Disarankan disetujui")
    REJECT = "reject", _("Disarankan ditolak")


class OverlapDecision(models.TextChoices):
    """The reviewer's judgement of one suggested overlap (PROP-3)."""

    DUPLICATE = "duplicate", _("Duplikasi")
    PARTIAL = "partial", _("Tumpang tindih sebagian")
    DISTINCT = "distinct", _("Berbeda")


class SpendingCategory(models.TextChoices):
    """Kinds of SPBE spending (002 Ps.10-13); internet, intranet and common apps are cross-OPD."""

    APPLICATION = "application", _("Aplikasi")
    INFRASTRUCTURE = "infrastructure", _("Infrastruktur")
    INTERNET = "internet", _("Akses internet")
    INTRANET = "intranet", _("Intranet")
    HOSTING = "hosting", _("Hosting/pusat data")
    SECURITY = "security", _("Keamanan informasi")
    HUMAN_RESOURCES = "human_resources", _("SDM TIK")
    OTHER = "other", _("Lainnya")


class BudgetReview(models.TextChoices):
    PENDING = "pending", _("Belum direviu")
    CLEARED = "cleared", _("Sesuai")
    FLAGGED = "flagged", _("Perlu perbaikan")
