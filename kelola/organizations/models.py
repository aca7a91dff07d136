"""Organisations (ORG-1..5): people and positions, governance bodies with members and terms,
tier-1 technicians, the decrees register and the Mandiri TIK assessment.

The pemda and agency rows themselves live in `kelola.core` (they are the tenancy every
domain hangs on); this app owns everything else about the organisation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelola.core.choices import Classification
from kelola.core.models import AgencyModel, TenantModel
from kelola.core.urlcache import detail_url

from .choices import AssessmentStatus, BodyKind, DecreeKind, EmploymentKind, MemberRole


class Person(AgencyModel):
    """Someone working for an agency, with or without a Kelola account."""

    full_name = models.CharField(_("nama lengkap"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    employment = models.CharField(
        _("status kepegawaian"),
        max_length=10,
        choices=EmploymentKind.choices,
        default=EmploymentKind.CIVIL_SERVANT,
    )
    rank = models.CharField(_("pangkat/golongan"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    is_it_staff = models.BooleanField(_("SDM TIK"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun Kelola"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    classification = models.CharField(
        _("klasifikasi informasi"),
        max_length=10,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["full_name"]
        indexes = [models.Index(fields=["pemda", "agency", "full_name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "nip"], condition=~models.Q(nip=""), name="person_unique_nip_per_pemda"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return detail_url("organizations:person_detail", self.pk)


class Position(AgencyModel):
    """A post (jabatan) in an agency and who holds it; `is_head` marks the agency head."""

    title = models.CharField(_("jabatan"), max_length=200)
    is_head = models.BooleanField(_("kepala perangkat daerah"), default=False)
    holder = models.ForeignKey(
        Person,
        verbose_name=_("pejabat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )
    since = models.DateField(_("sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["-is_head", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency"], condition=models.Q(is_head=True), name="position_one_head_per_agency"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.holder_id and self.agency_id and self.holder.agency_id != self.agency_id:
            raise ValidationError({"holder": _("Pejabat harus pegawai perangkat daerah yang sama.")})

    def get_absolute_url(self) -> str:
        return detail_url("organizations:position_detail", self.pk)


class Decree(TenantModel):
    """A decision (Keputusan/SK) register entry (ORG-5): number, date, subject, what it decides,
    and the signed document."""

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah penerbit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(
        _("jenis"), max_length=20, choices=DecreeKind.choices, default=DecreeKind.HEAD_DECREE
    )
    number = models.CharField(_("nomor"), max_length=100)
    date = models.DateField(_("tanggal penetapan"))
    subject = models.CharField(_("tentang"), max_length=300)
    decides = models.TextField(_("yang diputuskan"))
    signed_by = models.CharField(_("ditandatangani oleh"), max_length=200)
    effective_from = models.DateField(_("berlaku mulai"), null=True, blank=True)
    effective_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    document = models.ForeignKey(
        "core.Document",
        verbose_name=_("dokumen SK bertanda tangan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    classification = models.CharField(
        _("klasifikasi informasi"),
        max_length=10,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )

    class Meta:
        verbose_name = _("keputusan (SK)")
        verbose_name_plural = _("keputusan (SK)")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "number"], name="decree_unique_number_per_pemda")
        ]

    scope_level = "decree"

    def __str__(self) -> str:
        return f"{self.number} — {self.subject}"

    def clean(self):
        errors = {}
        if self.effective_from and self.effective_until and self.effective_until < self.effective_from:
            errors["effective_until"] = _("Tanggal akhir tidak boleh sebelum tanggal mulai.")
        if self.agency_id and self.pemda_id and self.agency.pemda_id != self.pemda_id:
            errors["agency"] = _("Perangkat daerah harus berada di pemda yang sama.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return detail_url("organizations:decree_detail", self.pk)


class GoverningBody(TenantModel):
    """A governance body (Komite TIK, Tim Evaluator Internal, ...) established by a decree."""

    kind = models.CharField(_("jenis"), max_length=30, choices=BodyKind.choices)
    name = models.CharField(_("nama"), max_length=200)
    description = models.TextField(_("tugas dan fungsi"), blank=True)
    decree = models.ForeignKey(
        Decree,
        verbose_name=_("dasar pembentukan (SK)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("badan tata kelola")
        verbose_name_plural = _("badan tata kelola")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["pemda", "name"], name="body_unique_name_per_pemda")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.decree_id and self.pemda_id and self.decree.pemda_id != self.pemda_id:
            raise ValidationError({"decree": _("SK harus berasal dari pemda yang sama.")})

    def get_absolute_url(self) -> str:
        return detail_url("organizations:body_detail", self.pk)


class Membership(TenantModel):
    """A person's seat in a governing body for a term."""

    body = models.ForeignKey(
        GoverningBody, verbose_name=_("badan"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        _("kedudukan"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    term_start = models.DateField(_("awal masa tugas"))
    term_end = models.DateField(_("akhir masa tugas"), null=True, blank=True)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        ordering = ["body", "role", "person__full_name"]

    #: A seat names a person, so a "dikecualikan" person's seats are hidden with them.
    scope_level = "membership"

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} {self.body}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.term_start <= today and (self.term_end is None or self.term_end >= today)

    def get_absolute_url(self) -> str:
        return self.body.get_absolute_url()

    def clean(self):
        errors = {}
        if self.term_end and self.term_start and self.term_end < self.term_start:
            errors["term_end"] = _("Akhir masa tugas tidak boleh sebelum awal masa tugas.")
        if self.person_id and self.body_id and self.person.pemda_id != self.body.pemda_id:
            errors["person"] = _("Pegawai harus berada di pemda yang sama.")
        if errors:
            raise ValidationError(errors)


class TierOneTechnician(AgencyModel):
    """A service-desk tier-1 technician named by an agency (001 Ps.21, ORG-4)."""

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="tier_one_technicians",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("teknisi"), on_delete=models.PROTECT, related_name="tier_one_assignments"
    )
    since = models.DateField(_("sejak"), default=timezone.localdate)
    until = models.DateField(_("sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("teknisi tier 1")
        verbose_name_plural = _("teknisi tier 1")
        ordering = ["agency", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "person", "since"], name="tier_one_unique_assignment")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.agency})"

    def get_absolute_url(self) -> str:
        return detail_url("organizations:technician_detail", self.pk)

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.since <= today and (self.until is None or self.until >= today)

    def clean(self):
        errors = {}
        if self.person_id and self.agency_id and self.person.agency_id != self.agency_id:
            errors["person"] = _("Teknisi harus pegawai perangkat daerah yang sama.")
        if self.until and self.since and self.until < self.since:
            errors["until"] = _("Tanggal akhir tidak boleh sebelum tanggal mulai.")
        if errors:
            raise ValidationError(errors)


class SelfRelianceAssessment(AgencyModel):
    """The Dinas's assessment of an agency as Perangkat Daerah Mandiri TIK (001 Ps.19).

    Criteria: the agency has IT staff, and has built/managed/developed SPBE applications
    itself; each with evidence. The Eksekutif decides; the decree makes the status active.
    """

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        db_index=True,
    )
    has_it_staff = models.BooleanField(_("memiliki SDM TIK"), null=True, blank=True)
    it_staff_evidence = models.TextField(_("bukti SDM TIK"), blank=True)
    has_built_systems = models.BooleanField(
        _("pernah membangun/mengelola/mengembangkan aplikasi SPBE sendiri"), null=True, blank=True
    )
    built_systems_evidence = models.TextField(_("bukti pembangunan aplikasi"), blank=True)
    assessor_notes = models.TextField(_("catatan penilai"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penilai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("diusulkan"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decision_notes = models.TextField(_("catatan keputusan"), blank=True)
    decree = models.ForeignKey(
        Decree,
        verbose_name=_("SK penetapan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    activated_at = models.DateTimeField(_("ditetapkan"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revocation_decree = models.ForeignKey(
        Decree,
        verbose_name=_("SK pencabutan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("penilaian Mandiri TIK")
        verbose_name_plural = _("penilaian Mandiri TIK")
        ordering = ["-created_at"]
        constraints = [
            # One open assessment per agency at a time.
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(status__in=["draft", "proposed", "approved", "active"]),
                name="assessment_one_open_per_agency",
            )
        ]

    #: Read like agency rows; written only by the Dinas (see policies.AssessmentPolicy).
    scope_level = "self_reliance_assessment"

    def __str__(self) -> str:
        return _("Mandiri TIK: %(agency)s") % {"agency": self.agency}

    def get_absolute_url(self) -> str:
        return detail_url("organizations:assessment_detail", self.pk)

    @property
    def meets_criteria(self) -> bool:
        return bool(self.has_it_staff and self.has_built_systems)
