"""Connection points and event networks (DC-5, 004 Lamp.IV 2.2.2-2.2.3) and bandwidth (DC-6,
002 Ps.35): requests with their workflow steps, the pemda's purchased capacity, each OPD's needs
analysis, its allocation and its measured use. Rules live in `connection`, `events`,
`bandwidth` and `importing`."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kelola.core.models import AgencyModel, TenantModel
from kelola.core.urlcache import detail_url

from .choices import ConnectionStatus, EventStatus, UsageSource

MBPS = {"max_digits": 10, "decimal_places": 2}


def _user(verbose):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class ConnectionPointRequest(AgencyModel):
    """An OPD asks for new network connection points in a room. The help desk issues the work
    order to IT support, who checks the site (location, number of points, devices needed) and
    recommends; infrastructure analyses the recommendation and approves it or returns it; IT
    support installs and tests; the help desk closes the request (004 Lamp.IV 2.2.2)."""

    building = models.CharField(_("gedung/lokasi"), max_length=200)
    room = models.CharField(_("ruang"), max_length=200, blank=True)
    points = models.PositiveSmallIntegerField(
        _("jumlah titik"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    purpose = models.TextField(_("keperluan"))
    status = models.CharField(
        _("status"), max_length=12, choices=ConnectionStatus.choices, default=ConnectionStatus.SUBMITTED
    )
    requested_by = _user(_("diajukan oleh"))
    survey_location = models.TextField(_("hasil cek letak titik"), blank=True)
    survey_points = models.PositiveSmallIntegerField(
        _("jumlah titik hasil survei"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    survey_devices = models.TextField(_("kebutuhan perangkat"), blank=True)
    survey_notes = models.TextField(_("catatan survei"), blank=True)
    surveyed_at = models.DateTimeField(_("disurvei"), null=True, blank=True, editable=False)
    recommendation = models.TextField(_("rekomendasi IT Support"), blank=True)
    analysis = models.TextField(_("hasil analisis Infrastruktur"), blank=True)
    installation_report = models.TextField(_("laporan pemasangan"), blank=True)
    installed_at = models.DateTimeField(_("dipasang"), null=True, blank=True, editable=False)
    decision_reason = models.TextField(_("alasan penolakan"), blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("permintaan titik koneksi")
        verbose_name_plural = _("permintaan titik koneksi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(points__gte=1),
                name="conn_point_points_positive",
                violation_error_message=_("Jumlah titik paling sedikit 1."),
            ),
        ]

    scope_level = "connectivity_request"

    def __str__(self) -> str:
        if not self.pk:
            return str(_("Permintaan titik koneksi baru"))
        return str(_("Titik koneksi #%(n)s") % {"n": self.pk})

    def get_absolute_url(self) -> str:
        return detail_url("connectivity:connection_detail", self.pk)


class EventNetworkRequest(AgencyModel):
    """Temporary intranet and/or internet for an event: IT support checks the venue and
    recommends (participants, addresses needed); infrastructure sets the network up, reserving
    the addresses; after the event it is dismantled and the addresses released; the help desk
    closes it (004 Lamp.IV 2.2.3)."""

    name = models.CharField(_("nama acara"), max_length=200)
    venue = models.CharField(_("tempat"), max_length=300)
    start_at = models.DateTimeField(_("mulai"))
    end_at = models.DateTimeField(_("selesai"))
    participants = models.PositiveIntegerField(_("jumlah peserta"), validators=[MinValueValidator(1)])
    addresses_needed = models.PositiveIntegerField(
        _("alamat IP dibutuhkan"), validators=[MinValueValidator(1), MaxValueValidator(4096)]
    )
    needs_internet = models.BooleanField(_("internet"), default=True)
    needs_intranet = models.BooleanField(_("intranet"), default=False)
    bandwidth_mbps = models.DecimalField(
        _("bandwidth dibutuhkan (Mbps)"), null=True, blank=True, validators=[MinValueValidator(0)], **MBPS
    )
    notes = models.TextField(_("keterangan"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SUBMITTED
    )
    requested_by = _user(_("diajukan oleh"))
    recommendation = models.TextField(_("rekomendasi IT Support"), blank=True)
    prefix = models.ForeignKey(
        "network.Prefix",
        verbose_name=_("prefiks sumber alamat"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    addresses = models.ManyToManyField(
        "network.IpAddress", verbose_name=_("alamat yang dicadangkan"), blank=True, related_name="+"
    )
    #: The addresses as text: kept after they are released, for the record.
    reserved_addresses = models.TextField(_("daftar alamat yang dipakai"), blank=True, editable=False)
    setup_report = models.TextField(_("laporan pemasangan"), blank=True)
    decision_reason = models.TextField(_("alasan penolakan"), blank=True)
    dismantled_at = models.DateTimeField(_("dibongkar"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("permintaan jaringan acara")
        verbose_name_plural = _("permintaan jaringan acara")
        ordering = ["-start_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_at__gt=models.F("start_at")),
                name="conn_event_end",
                violation_error_message=_("Waktu selesai harus sesudah waktu mulai."),
            ),
            models.CheckConstraint(
                condition=models.Q(participants__gte=1, addresses_needed__gte=1),
                name="conn_event_counts",
                violation_error_message=_("Jumlah peserta dan alamat IP harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=models.Q(needs_internet=True) | models.Q(needs_intranet=True),
                name="conn_event_some_network",
                violation_error_message=_("Pilih internet, intranet, atau keduanya."),
            ),
        ]

    scope_level = "connectivity_request"

    def __str__(self) -> str:
        return self.name or str(_("Permintaan jaringan acara baru"))

    def get_absolute_url(self) -> str:
        return detail_url("connectivity:event_detail", self.pk)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            errors["end_at"] = [_("Waktu selesai harus sesudah waktu mulai.")]
        if not (self.needs_internet or self.needs_intranet):
            errors["needs_internet"] = [_("Pilih internet, intranet, atau keduanya.")]
        if errors:
            raise ValidationError(errors)


class BandwidthCapacity(TenantModel):
    """A link the pemda buys (an ISP contract) with its capacity in Mbps for a period; the sum of
    the links in force caps what can be allocated to the OPDs (002 Ps.35(2)b)."""

    name = models.CharField(_("nama jalur"), max_length=150)
    provider = models.CharField(_("penyedia (ISP)"), max_length=150, blank=True)
    capacity_mbps = models.DecimalField(_("kapasitas (Mbps)"), validators=[MinValueValidator(1)], **MBPS)
    valid_from = models.DateField(_("berlaku mulai"))
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    description = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("kapasitas bandwidth")
        verbose_name_plural = _("kapasitas bandwidth")
        ordering = ["-valid_from", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="conn_capacity_period",
                violation_error_message=_("Tanggal akhir tidak boleh sebelum tanggal mulai."),
            ),
        ]

    scope_level = "connectivity_capacity"

    def __str__(self) -> str:
        from .common import mbps_text

        return f"{self.name} ({mbps_text(self.capacity_mbps)} Mbps)"

    def get_absolute_url(self) -> str:
        return detail_url("connectivity:capacity_detail", self.pk)


class BandwidthNeed(AgencyModel):
    """An OPD's bandwidth needs analysis for one year (002 Ps.35(2)a): its users, the systems it
    runs, what it has and asks for; `recommended_mbps` is computed by `bandwidth.recommend`."""

    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    staff_users = models.PositiveIntegerField(_("jumlah pengguna (pegawai)"))
    systems_in_use = models.PositiveIntegerField(_("jumlah sistem elektronik yang dipakai"), default=0)
    current_mbps = models.DecimalField(
        _("bandwidth saat ini (Mbps)"), default=0, validators=[MinValueValidator(0)], **MBPS
    )
    requested_mbps = models.DecimalField(
        _("bandwidth yang diminta (Mbps)"), validators=[MinValueValidator(0)], **MBPS
    )
    justification = models.TextField(_("alasan kebutuhan"), blank=True)
    recommended_mbps = models.DecimalField(
        _("rekomendasi hasil analisis (Mbps)"), default=0, editable=False, **MBPS
    )

    class Meta:
        verbose_name = _("analisis kebutuhan bandwidth")
        verbose_name_plural = _("analisis kebutuhan bandwidth")
        ordering = ["-year", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="conn_need_unique_year",
                violation_error_message=_(
                    "Analisis kebutuhan perangkat daerah ini untuk tahun ini sudah ada."
                ),
            ),
        ]

    scope_level = "connectivity_need"

    def __str__(self) -> str:
        return str(_("Kebutuhan bandwidth %(agency)s %(year)s") % {"agency": self.agency, "year": self.year})

    def get_absolute_url(self) -> str:
        return detail_url("connectivity:need_detail", self.pk)


class BandwidthAllocation(AgencyModel):
    """The bandwidth committed to one OPD for a period (002 Ps.35(2)b). An OPD has one
    allocation at a time; together they may not exceed the capacity the pemda bought."""

    committed_mbps = models.DecimalField(
        _("alokasi (Mbps)"), validators=[MinValueValidator(Decimal("0.01"))], **MBPS
    )
    valid_from = models.DateField(_("berlaku mulai"))
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    link = models.ForeignKey(
        BandwidthCapacity,
        verbose_name=_("jalur/ISP"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    need = models.ForeignKey(
        BandwidthNeed,
        verbose_name=_("berdasarkan analisis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="allocations",
    )
    notes = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("alokasi bandwidth")
        verbose_name_plural = _("alokasi bandwidth")
        ordering = ["agency__name", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="conn_allocation_period",
                violation_error_message=_("Tanggal akhir tidak boleh sebelum tanggal mulai."),
            ),
        ]
        indexes = [models.Index(fields=["pemda", "valid_from"], name="conn_alloc_from")]

    scope_level = "connectivity_bandwidth"

    def __str__(self) -> str:
        from .common import mbps_text

        agency = self.agency if self.agency_id else "—"
        return str(
            _("Alokasi %(agency)s %(mbps)s Mbps") % {"agency": agency, "mbps": mbps_text(self.committed_mbps)}
        )

    def get_absolute_url(self) -> str:
        return detail_url("connectivity:allocation_detail", self.pk)


class BandwidthUsage(AgencyModel):
    """One day of an OPD's measured use: average and peak Mbps, from a CSV or an SNMP counter
    export (002 Ps.35(2)c: routine supervision of use)."""

    period = models.DateField(_("tanggal"))
    avg_mbps = models.DecimalField(_("rata-rata (Mbps)"), validators=[MinValueValidator(0)], **MBPS)
    peak_mbps = models.DecimalField(_("puncak (Mbps)"), validators=[MinValueValidator(0)], **MBPS)
    source = models.CharField(_("sumber"), max_length=8, choices=UsageSource.choices, default=UsageSource.CSV)
    imported_by = _user(_("diimpor oleh"))

    class Meta:
        verbose_name = _("pemakaian bandwidth")
        verbose_name_plural = _("pemakaian bandwidth")
        ordering = ["-period", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "period"],
                name="conn_usage_unique_day",
                violation_error_message=_("Pemakaian perangkat daerah ini pada tanggal ini sudah tercatat."),
            ),
            models.CheckConstraint(
                condition=models.Q(peak_mbps__gte=models.F("avg_mbps")),
                name="conn_usage_peak",
                violation_error_message=_("Puncak tidak boleh lebih kecil dari rata-rata."),
            ),
        ]
        indexes = [models.Index(fields=["pemda", "period"], name="conn_usage_period")]

    scope_level = "connectivity_bandwidth"

    def __str__(self) -> str:
        return f"{self.agency} {self.period:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return detail_url("connectivity:usage_detail", self.pk)
