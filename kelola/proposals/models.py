"""IT proposals and SPBE spending (PROP-1..5).

- `Proposal`: an agency's request for the IT office's recommendation (002 Ps.15-16), reviewed
  by the Dinas, decided by the GCIO; a rejected one is revised and resubmitted, each earlier
  submission kept as a `ProposalRevision`.
- `OverlapReview`: a similar system or proposal the detector suggested, with the reviewer's
  decision (PROP-3).
- `BudgetLine`: a yearly SPBE spending line of an agency, planned vs realised, reviewed by
  Bappeda (PROP-5).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kelola.core.choices import Classification
from kelola.core.models import AgencyModel, ChildRowMixin, KelolaModel
from kelola.core.urlcache import detail_url
from kelola.portfolio.reference import SECTORS

from .choices import (
    BudgetReview,
    OverlapDecision,
    ProposalKind,
    ProposalStatus,
    Recommendation,
    SpendingCategory,
)

RUPIAH = {"max_digits": 16, "decimal_places": 0, "validators": [MinValueValidator(0)]}


class Proposal(AgencyModel):
    kind = models.CharField(_("jenis usulan"), max_length=20, choices=ProposalKind.choices)
    title = models.CharField(_("judul"), max_length=300)
    fiscal_year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik terkait"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text=_("Untuk pengembangan atau hosting aplikasi yang sudah terdaftar."),
    )
    sector = models.CharField(_("ruang lingkup"), max_length=30, choices=SECTORS, blank=True)
    program_achievement = models.TextField(_("capaian program"), blank=True)
    program_needs = models.TextField(_("kebutuhan program"), blank=True)
    program_output = models.TextField(_("keluaran program"), blank=True)
    terms_of_reference = models.TextField(_("kerangka acuan kerja (KAK)"), blank=True)
    needs_analysis = models.TextField(_("analisis kebutuhan"), blank=True)
    benefit_analysis = models.TextField(_("analisis manfaat"), blank=True)
    functions = models.TextField(
        _("fungsi yang diusulkan"), blank=True, help_text=_("Satu fungsi per baris.")
    )
    data_sets = models.TextField(_("data yang dikelola"), blank=True, help_text=_("Satu data per baris."))
    cost_estimate = models.DecimalField(_("perkiraan biaya (Rp)"), null=True, blank=True, **RUPIAH)
    classification = models.CharField(
        _("klasifikasi informasi"),
        max_length=10,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    revision = models.PositiveSmallIntegerField(_("revisi ke"), default=1)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    # Review by the IT office (002 Ps.16): references checked, recommendation, cost analysis or advice.
    recommendation = models.CharField(
        _("rekomendasi reviewer"), max_length=10, choices=Recommendation.choices, blank=True
    )
    review_references = models.TextField(
        _("rujukan reviu"),
        blank=True,
        help_text=_("Rencana induk, arsitektur SPBE, portofolio yang dirujuk."),
    )
    cost_analysis = models.TextField(_("analisis biaya"), blank=True)
    advice = models.TextField(_("saran perbaikan"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("direviu pada"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    letter = models.ForeignKey(
        "core.Letter",
        verbose_name=_("surat rekomendasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("usulan TIK")
        verbose_name_plural = _("usulan TIK")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["pemda", "status"], name="proposal_pemda_status"),
            models.Index(fields=["pemda", "agency"], name="proposal_pemda_agency"),
        ]

    scope_level = "proposal"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return detail_url("proposals:proposal_detail", self.pk)

    def clean(self):
        errors = {}
        if self.system_id and self.system.pemda_id != self.pemda_id:
            errors["system"] = _("Sistem elektronik harus dari pemda yang sama.")
        if self.fiscal_year and not 2000 <= self.fiscal_year <= 2100:
            errors["fiscal_year"] = _("Tahun anggaran tidak wajar.")
        if errors:
            raise ValidationError(errors)

    def function_list(self) -> list[str]:
        return [line.strip() for line in self.functions.splitlines() if line.strip()]

    def data_list(self) -> list[str]:
        return [line.strip() for line in self.data_sets.splitlines() if line.strip()]


#: The fields a revision keeps of each earlier submission, shown side by side.
REVISION_FIELDS = (
    "kind",
    "title",
    "fiscal_year",
    "program_achievement",
    "program_needs",
    "program_output",
    "terms_of_reference",
    "needs_analysis",
    "benefit_analysis",
    "functions",
    "data_sets",
    "cost_estimate",
    "recommendation",
    "review_references",
    "cost_analysis",
    "advice",
)


class ProposalRevision(ChildRowMixin, KelolaModel):
    """An earlier submission of a proposal with its review and decision, kept when revised."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("revisi ke"))
    snapshot = models.JSONField(_("isi"))
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    class Meta:
        verbose_name = _("revisi usulan")
        verbose_name_plural = _("revisi usulan")
        ordering = ["proposal", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="proposal_revision_unique")
        ]

    audit_parent = "proposal"

    def __str__(self) -> str:
        return f"{self.proposal} (revisi {self.number})"


class OverlapReview(ChildRowMixin, KelolaModel):
    """One suggested overlap of a proposal and the reviewer's decision on it (PROP-3)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("usulan"), on_delete=models.CASCADE, related_name="overlaps"
    )
    candidate_key = models.CharField(_("kandidat"), max_length=40)
    candidate_label = models.CharField(_("nama kandidat"), max_length=300)
    score = models.FloatField(_("skor kemiripan"))
    reasons = models.JSONField(_("alasan"), default=list)
    decision = models.CharField(_("keputusan reviewer"), max_length=10, choices=OverlapDecision.choices)
    note = models.TextField(_("catatan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tinjauan tumpang tindih")
        verbose_name_plural = _("tinjauan tumpang tindih")
        ordering = ["proposal", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "candidate_key"], name="proposal_overlap_unique")
        ]

    audit_parent = "proposal"

    def __str__(self) -> str:
        return f"{self.proposal} ≈ {self.candidate_label}"


class BudgetLine(AgencyModel):
    """A yearly SPBE spending line of an agency (PROP-5)."""

    fiscal_year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    title = models.CharField(_("uraian belanja"), max_length=300)
    category = models.CharField(_("kategori"), max_length=20, choices=SpendingCategory.choices)
    planned_amount = models.DecimalField(_("pagu (Rp)"), **RUPIAH)
    realised_amount = models.DecimalField(_("realisasi (Rp)"), null=True, blank=True, **RUPIAH)
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("usulan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
    )
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
    )
    review = models.CharField(
        _("reviu Bappeda"), max_length=10, choices=BudgetReview.choices, default=BudgetReview.PENDING
    )
    review_note = models.TextField(_("catatan Bappeda"), blank=True)

    class Meta:
        verbose_name = _("belanja SPBE")
        verbose_name_plural = _("belanja SPBE")
        ordering = ["-fiscal_year", "agency", "title"]
        indexes = [models.Index(fields=["pemda", "fiscal_year"], name="budget_pemda_year")]

    scope_level = "budget_line"

    def __str__(self) -> str:
        return f"{self.title} ({self.fiscal_year})"

    def get_absolute_url(self) -> str:
        return detail_url("proposals:budget_detail", self.pk)

    def clean(self):
        errors = {}
        for name in ("proposal", "system"):
            related = getattr(self, name)
            if related is not None and related.pemda_id != self.pemda_id:
                errors[name] = _("Harus dari pemda yang sama.")
        if errors:
            raise ValidationError(errors)
