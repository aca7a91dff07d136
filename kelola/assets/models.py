"""ICT asset register (ASSET-1, ASSET-2; 002 Ps.44, 003 BAI09): hardware and software per OPD,
licences with their seats, maintenance schedules and records.

Every row is owned by an agency (OPD). Child rows (licence assignments, maintenance) carry the
same pemda and agency as their parent, so that one policy and one index serve their lists.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.models import AgencyModel
from kelola.core.urlcache import detail_url

from .choices import (
    AssetCategory,
    AssetKind,
    AssetStatus,
    Condition,
    FundingSource,
    LanReportKind,
    LicenceType,
)

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def same_pemda_errors(row, *names) -> dict:
    errors = {}
    for name in names:
        if getattr(row, f"{name}_id", None) and row.pemda_id and getattr(row, name).pemda_id != row.pemda_id:
            errors[name] = _("Harus dari pemda yang sama.")
    return errors


class Asset(AgencyModel):
    """One ICT asset of an OPD (a computer, a server, a switch, a software package...) and where
    it is in its life: planned, procured, in use, in repair, disposed."""

    kind = models.CharField(_("jenis"), max_length=10, choices=AssetKind.choices, default=AssetKind.HARDWARE)
    category = models.CharField(_("kategori"), max_length=20, choices=AssetCategory.choices)
    name = models.CharField(_("nama aset"), max_length=200)
    brand_model = models.CharField(_("merek/tipe"), max_length=200, blank=True)
    specs = models.TextField(_("spesifikasi"), blank=True)
    serial_number = models.CharField(
        _("nomor seri"), max_length=100, blank=True, help_text=_("Unik di lingkungan pemda bila diisi.")
    )
    acquisition_date = models.DateField(_("tanggal perolehan"), null=True, blank=True)
    acquisition_cost = models.DecimalField(
        _("nilai perolehan (Rp)"), max_digits=16, decimal_places=2, default=0, validators=NOT_NEGATIVE
    )
    funding_source = models.CharField(
        _("sumber dana"), max_length=10, choices=FundingSource.choices, default=FundingSource.APBD
    )
    condition = models.CharField(
        _("kondisi"), max_length=15, choices=Condition.choices, default=Condition.GOOD
    )
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    custodian = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("pemegang/penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AssetStatus.choices, default=AssetStatus.PLANNED
    )
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik yang dilayani"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expected_lifetime_years = models.PositiveSmallIntegerField(
        _("umur ekonomis (tahun)"), default=4, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    #: How many times the asset went into repair (one per "in repair" transition, kept here so
    #: the replacement list need not read every asset's timeline).
    repair_count = models.PositiveIntegerField(_("jumlah perbaikan"), default=0, editable=False)
    disposal_date = models.DateField(_("tanggal penghapusan"), null=True, blank=True)
    disposal_reason = models.TextField(_("alasan penghapusan"), blank=True)

    class Meta:
        verbose_name = _("aset TIK")
        verbose_name_plural = _("aset TIK")
        ordering = ["name", "id"]
        indexes = [
            # The list's default order within what a reader sees (a pemda, or one agency).
            models.Index(fields=["pemda", "name", "id"], name="asset_pemda_name"),
            models.Index(fields=["agency", "name", "id"], name="asset_agency_name"),
            # The list's filters and the dashboard's counts.
            models.Index(fields=["pemda", "status", "name"], name="asset_pemda_status"),
            models.Index(fields=["agency", "status", "name"], name="asset_agency_status"),
            models.Index(fields=["pemda", "category", "name"], name="asset_pemda_category"),
            models.Index(fields=["pemda", "acquisition_date"], name="asset_pemda_acquired"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "serial_number"],
                condition=~Q(serial_number=""),
                name="asset_unique_serial_per_pemda",
                violation_error_message=_("Nomor seri ini sudah terdaftar di pemda Anda."),
            ),
            models.CheckConstraint(
                condition=Q(acquisition_cost__gte=0),
                name="asset_cost_not_negative",
                violation_error_message=_("Nilai perolehan tidak boleh negatif."),
            ),
        ]

    scope_level = "asset"

    def __str__(self) -> str:
        return f"{self.name} ({self.serial_number})" if self.serial_number else self.name

    def get_absolute_url(self) -> str:
        return detail_url("assets:asset_detail", self.pk)

    def clean(self):
        errors = same_pemda_errors(self, "custodian", "system")
        if self.agency_id and self.pemda_id and self.agency.pemda_id != self.pemda_id:
            errors["agency"] = _("Perangkat daerah harus dari pemda yang sama.")
        if self.status == AssetStatus.DISPOSED:
            if not self.disposal_reason.strip():
                errors["disposal_reason"] = _("Penghapusan aset wajib disertai alasan.")
            if not self.disposal_date:
                errors["disposal_date"] = _("Penghapusan aset wajib disertai tanggal.")
        if self.disposal_date and self.acquisition_date and self.disposal_date < self.acquisition_date:
            errors["disposal_date"] = _("Tanggal penghapusan tidak boleh sebelum tanggal perolehan.")
        if self.acquisition_date and self.acquisition_date > datetime.date.today() + datetime.timedelta(
            days=366
        ):
            errors["acquisition_date"] = _("Tanggal perolehan terlalu jauh di masa depan.")
        if errors:
            raise ValidationError(errors)

    def age_years(self, today: datetime.date | None = None) -> float | None:
        if not self.acquisition_date:
            return None
        today = today or datetime.date.today()
        return max(0.0, (today - self.acquisition_date).days / 365.25)


class Licence(AgencyModel):
    """A software licence held by an OPD: how many seats it grants and until when."""

    software_name = models.CharField(_("nama perangkat lunak"), max_length=200)
    vendor = models.CharField(_("vendor/penerbit"), max_length=200, blank=True)
    licence_type = models.CharField(
        _("jenis lisensi"), max_length=15, choices=LicenceType.choices, default=LicenceType.PER_SEAT
    )
    seats = models.PositiveIntegerField(
        _("jumlah lisensi (seat)"),
        null=True,
        blank=True,
        help_text=_("Kosongkan untuk lisensi situs atau sumber terbuka tanpa batas."),
    )
    expiry_date = models.DateField(_("berlaku sampai"), null=True, blank=True)
    cost = models.DecimalField(
        _("biaya (Rp)"), max_digits=16, decimal_places=2, default=0, validators=NOT_NEGATIVE
    )
    notes = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("lisensi perangkat lunak")
        verbose_name_plural = _("lisensi perangkat lunak")
        ordering = ["software_name", "id"]
        indexes = [
            models.Index(fields=["pemda", "expiry_date"], name="licence_pemda_expiry"),
            models.Index(fields=["agency", "software_name"], name="licence_agency_name"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="licence_cost_not_negative"),
        ]

    scope_level = "asset"

    def __str__(self) -> str:
        return self.software_name

    def get_absolute_url(self) -> str:
        return detail_url("assets:licence_detail", self.pk)

    def clean(self):
        if self.licence_type == LicenceType.PER_SEAT and not self.seats:
            raise ValidationError({"seats": _("Lisensi per pengguna/perangkat wajib menyebut jumlah seat.")})


class LicenceAssignment(AgencyModel):
    """One seat of a licence given to an asset or to a person."""

    licence = models.ForeignKey(
        Licence, verbose_name=_("lisensi"), on_delete=models.CASCADE, related_name="assignments"
    )
    asset = models.ForeignKey(
        Asset,
        verbose_name=_("aset"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="licence_assignments",
    )
    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("pegawai"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    assigned_on = models.DateField(_("tanggal penugasan"), default=datetime.date.today)

    class Meta:
        verbose_name = _("penugasan lisensi")
        verbose_name_plural = _("penugasan lisensi")
        ordering = ["-assigned_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(asset__isnull=False) & Q(person__isnull=True))
                | (Q(asset__isnull=True) & Q(person__isnull=False)),
                name="licence_assignment_one_target",
                violation_error_message=_("Pilih aset atau pegawai (salah satu)."),
            ),
            models.UniqueConstraint(
                fields=["licence", "asset"],
                name="licence_assignment_unique_asset",
                violation_error_message=_("Aset ini sudah memakai lisensi tersebut."),
            ),
            models.UniqueConstraint(
                fields=["licence", "person"],
                name="licence_assignment_unique_person",
                violation_error_message=_("Pegawai ini sudah memakai lisensi tersebut."),
            ),
        ]

    scope_level = "asset"

    def __str__(self) -> str:
        return f"{self.licence} → {self.asset or self.person}"

    def get_absolute_url(self) -> str:
        return detail_url("assets:licence_detail", self.licence_id)

    def clean(self):
        errors = same_pemda_errors(self, "asset", "person")
        if self.licence_id and self.pemda_id and self.licence.pemda_id != self.pemda_id:
            errors["licence"] = _("Harus dari pemda yang sama.")
        if errors:
            raise ValidationError(errors)


class MaintenanceSchedule(AgencyModel):
    """A recurring maintenance task of an asset: every `interval_months`, next due `next_due`."""

    asset = models.ForeignKey(
        Asset, verbose_name=_("aset"), on_delete=models.CASCADE, related_name="maintenance_schedules"
    )
    task = models.CharField(_("pekerjaan"), max_length=200)
    interval_months = models.PositiveSmallIntegerField(
        _("interval (bulan)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    next_due = models.DateField(_("jatuh tempo berikutnya"))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jadwal pemeliharaan")
        verbose_name_plural = _("jadwal pemeliharaan")
        ordering = ["next_due", "id"]
        indexes = [models.Index(fields=["pemda", "is_active", "next_due"], name="maint_pemda_due")]

    scope_level = "asset_maintenance"

    def __str__(self) -> str:
        return f"{self.task} — {self.asset}"

    def get_absolute_url(self) -> str:
        return detail_url("assets:asset_detail", self.asset_id)


class MaintenanceRecord(AgencyModel):
    """Maintenance done on an asset: when, what, at what cost, by whom."""

    asset = models.ForeignKey(
        Asset, verbose_name=_("aset"), on_delete=models.PROTECT, related_name="maintenance_records"
    )
    schedule = models.ForeignKey(
        MaintenanceSchedule,
        verbose_name=_("jadwal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    date = models.DateField(_("tanggal"))
    work = models.TextField(_("pekerjaan yang dilakukan"))
    cost = models.DecimalField(
        _("biaya (Rp)"), max_digits=16, decimal_places=2, default=0, validators=NOT_NEGATIVE
    )
    performed_by = models.CharField(_("dikerjakan oleh"), max_length=200)

    class Meta:
        verbose_name = _("catatan pemeliharaan")
        verbose_name_plural = _("catatan pemeliharaan")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="maint_record_cost_not_negative"),
        ]

    scope_level = "asset_maintenance"

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.asset}"

    def get_absolute_url(self) -> str:
        return detail_url("assets:asset_detail", self.asset_id)

    def clean(self):
        errors = {}
        if self.schedule_id and self.asset_id and self.schedule.asset_id != self.asset_id:
            errors["schedule"] = _("Jadwal harus milik aset yang sama.")
        if self.date and self.date > datetime.date.today():
            errors["date"] = _("Tanggal pemeliharaan tidak boleh di masa depan.")
        if errors:
            raise ValidationError(errors)


class LanDiagram(AgencyModel):
    """One LAN infrastructure diagram filed by an OPD (ASSET-4; 001 Ps.17): at least once a
    year (the yearly update), and whenever its LAN changes (a change report, with what changed).
    The OPD's current diagram is its latest by effective date; earlier ones are its history.
    The file itself is a core Document (checked for type and size, hashed)."""

    report_kind = models.CharField(
        _("jenis penyampaian"), max_length=10, choices=LanReportKind.choices, default=LanReportKind.YEARLY
    )
    effective_date = models.DateField(
        _("tanggal berlaku"), help_text=_("Tanggal kondisi jaringan yang digambarkan diagram ini.")
    )
    change_summary = models.TextField(
        _("ringkasan perubahan"), blank=True, help_text=_("Wajib untuk laporan perubahan.")
    )
    document = models.ForeignKey(
        "core.Document", verbose_name=_("berkas diagram"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("diagram LAN")
        verbose_name_plural = _("diagram LAN")
        ordering = ["-effective_date", "-id"]
        indexes = [
            models.Index(fields=["agency", "effective_date"], name="lan_agency_effective"),
            models.Index(fields=["pemda", "effective_date"], name="lan_pemda_effective"),
        ]

    scope_level = "lan_diagram"

    def __str__(self) -> str:
        date = self.effective_date.strftime("%d-%m-%Y") if self.effective_date else "—"
        return _("Diagram LAN %(agency)s per %(date)s") % {"agency": self.agency.name, "date": date}

    def get_absolute_url(self) -> str:
        return detail_url("assets:lan_diagram_detail", self.pk)

    def clean(self):
        errors = {}
        if self.agency_id and self.pemda_id and self.agency.pemda_id != self.pemda_id:
            errors["agency"] = _("Perangkat daerah harus dari pemda yang sama.")
        if self.report_kind == LanReportKind.CHANGE and not self.change_summary.strip():
            errors["change_summary"] = _("Laporan perubahan wajib menjelaskan perubahan jaringan LAN.")
        if self.effective_date and self.effective_date > datetime.date.today():
            errors["effective_date"] = _("Tanggal berlaku tidak boleh di masa depan.")
        if errors:
            raise ValidationError(errors)
