"""Placing OPD applications and servers in the pemda's data center (DC-1, 004 Lampiran IV 1.1.1;
002 Ps.33-34) and the VPS the IT office provides to OPDs without their own server (DC-2,
001 Ps.9(5)).

A hosting request walks the SOP's steps (see `hosting.HOSTING`); its checks, the reminder
letters of the vendor's 2 x 24 h setup window, the placed device and the assigned addresses
hang off it. A VPS request is approved, provisioned as a VM with an address, and renewed
before it expires. Rules live in `hosting` and `vps`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kelola.core.models import AgencyModel
from kelola.core.urlcache import detail_url

from .choices import CheckItem, CheckStage, HostingKind, HostingStatus, RenewalStatus, VpsStatus


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


class HostingRequest(AgencyModel):
    """An OPD's letter asking to place a server with its application (colocation), only an
    application (hosting) or, for an OPD with its own standard data center, its backup system
    (002 Ps.34(1)) in the data center, and everything the SOP records on the way."""

    kind = models.CharField(
        _("jenis penitipan"), max_length=12, choices=HostingKind.choices, default=HostingKind.COLOCATION
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HostingStatus.choices, default=HostingStatus.SUBMITTED
    )
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik"),
        on_delete=models.PROTECT,
        related_name="hosting_requests",
    )
    letter_number = models.CharField(_("nomor surat permintaan"), max_length=100)
    letter_date = models.DateField(_("tanggal surat permintaan"))
    purpose = models.TextField(_("keterangan permintaan"), blank=True)
    vendor = models.CharField(
        _("rekanan/pengembang"),
        max_length=200,
        blank=True,
        help_text=_("Pihak yang melakukan setting server."),
    )
    server_brand = models.CharField(_("merek/model server"), max_length=150, blank=True)
    serial_number = models.CharField(_("nomor seri server"), max_length=100, blank=True)
    u_height = models.PositiveSmallIntegerField(
        _("tinggi server (U)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    power_watt = models.PositiveIntegerField(_("daya server (watt)"), null=True, blank=True)
    operating_system = models.CharField(_("sistem operasi"), max_length=100, blank=True)
    requested_by = _user(_("diajukan oleh"))
    review_note = models.TextField(_("hasil pengkajian"), blank=True)
    recommendation = models.TextField(_("rekomendasi pimpinan"), blank=True)
    decision_reason = models.TextField(_("alasan penolakan"), blank=True)
    decided_by = _user(_("diputuskan oleh"))
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True, editable=False)
    setup_deadline = models.DateTimeField(_("batas setting server"), null=True, blank=True, editable=False)
    setup_done_at = models.DateTimeField(_("setting selesai"), null=True, blank=True, editable=False)
    #: Set when the third reminder's window passed too: the data-center team is told once.
    setup_flagged_at = models.DateTimeField(_("ditandai terlambat"), null=True, blank=True, editable=False)
    device = models.ForeignKey(
        "datacenter.Device",
        verbose_name=_("server/VM"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="hosting_requests",
    )
    addresses = models.ManyToManyField(
        "network.IpAddress", verbose_name=_("alamat IP"), blank=True, related_name="hosting_requests"
    )
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("permintaan penitipan aplikasi")
        verbose_name_plural = _("permintaan penitipan aplikasi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["pemda", "status"], name="hosting_request_status")]

    scope_level = "hosting_request"

    def __str__(self) -> str:
        if not self.pk:
            return str(_("Permintaan penitipan baru"))
        return str(_("Penitipan #%(n)s") % {"n": self.pk})

    def get_absolute_url(self) -> str:
        return detail_url("hosting:request_detail", self.pk)

    @property
    def carries_server(self) -> bool:
        """Colocation and backup bring a physical server; hosting only an application."""
        return self.kind != HostingKind.HOSTING


class HostingCheck(AgencyModel):
    """One check of the SOP (rack, power, outlet, server, software; then the application's
    legality, completeness and holes) with its result. `pemda`/`agency` follow the request."""

    request = models.ForeignKey(
        HostingRequest, verbose_name=_("permintaan"), on_delete=models.CASCADE, related_name="checks"
    )
    stage = models.CharField(_("tahap"), max_length=12, choices=CheckStage.choices, editable=False)
    item = models.CharField(_("pemeriksaan"), max_length=16, choices=CheckItem.choices)
    passed = models.BooleanField(_("memenuhi"))
    note = models.TextField(_("catatan"), blank=True)
    checked_by = _user(_("diperiksa oleh"))

    class Meta:
        verbose_name = _("hasil pemeriksaan")
        verbose_name_plural = _("hasil pemeriksaan")
        ordering = ["request", "stage", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "item"],
                name="hosting_check_unique_item",
                violation_error_message=_("Pemeriksaan ini sudah dicatat."),
            )
        ]

    scope_level = "hosting_request"

    def __str__(self) -> str:
        return f"{self.get_item_display()}: {_('memenuhi') if self.passed else _('tidak memenuhi')}"

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()


class HostingReminder(AgencyModel):
    """One of the (at most three) letters telling the OPD and its vendor to finish setting up
    the server, each after a 2 x 24 h window passed (004 Lampiran IV 1.1.1)."""

    request = models.ForeignKey(
        HostingRequest, verbose_name=_("permintaan"), on_delete=models.CASCADE, related_name="reminders"
    )
    number = models.PositiveSmallIntegerField(
        _("surat ke-"), validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    letter = models.ForeignKey(
        "core.Letter",
        verbose_name=_("surat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("dikirim"))
    window_ends_at = models.DateTimeField(_("batas waktu baru"))

    class Meta:
        verbose_name = _("surat pemberitahuan setting")
        verbose_name_plural = _("surat pemberitahuan setting")
        ordering = ["request", "number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="hosting_reminder_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=3), name="hosting_reminder_number_range"
            ),
        ]

    scope_level = "hosting_request"

    def __str__(self) -> str:
        return str(_("Surat pemberitahuan ke-%(n)s") % {"n": self.number})

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()


class VpsRequest(AgencyModel):
    """An OPD that cannot run its own server asks for a VPS (001 Ps.9(5)); the data center
    approves, provisions a VM with an address, and the OPD renews it before it expires."""

    status = models.CharField(
        _("status"), max_length=12, choices=VpsStatus.choices, default=VpsStatus.SUBMITTED
    )
    purpose = models.TextField(_("keperluan"))
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vps_requests",
    )
    vcpus = models.PositiveSmallIntegerField(
        _("vCPU"), validators=[MinValueValidator(1), MaxValueValidator(64)]
    )
    memory_gb = models.PositiveIntegerField(
        _("memori (GB)"), validators=[MinValueValidator(1), MaxValueValidator(1024)]
    )
    storage_gb = models.PositiveIntegerField(
        _("penyimpanan (GB)"), validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )
    operating_system = models.CharField(_("sistem operasi"), max_length=100)
    period_months = models.PositiveSmallIntegerField(
        _("masa pakai (bulan)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    requested_by = _user(_("diajukan oleh"))
    decision_reason = models.TextField(_("alasan keputusan"), blank=True)
    decided_by = _user(_("diputuskan oleh"))
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True, editable=False)
    device = models.ForeignKey(
        "datacenter.Device",
        verbose_name=_("VM"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="vps_requests",
    )
    address = models.ForeignKey(
        "network.IpAddress",
        verbose_name=_("alamat IP"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="vps_requests",
    )
    provisioned_at = models.DateTimeField(_("disediakan"), null=True, blank=True, editable=False)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True, editable=False)
    handover_note = models.TextField(
        _("catatan serah terima akses"),
        blank=True,
        help_text=_("Cara dan waktu serah terima akses; jangan menuliskan kata sandi di sini."),
    )
    expiry_reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("permintaan VPS")
        verbose_name_plural = _("permintaan VPS")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "expires_on"], name="hosting_vps_expiry")]

    scope_level = "vps_request"

    def __str__(self) -> str:
        return str(_("VPS #%(n)s") % {"n": self.pk}) if self.pk else str(_("Permintaan VPS baru"))

    def get_absolute_url(self) -> str:
        return detail_url("hosting:vps_detail", self.pk)


class VpsRenewal(AgencyModel):
    """The OPD asks to extend its VPS by some months; once approved the expiry moves on."""

    vps = models.ForeignKey(
        VpsRequest, verbose_name=_("VPS"), on_delete=models.CASCADE, related_name="renewals"
    )
    months = models.PositiveSmallIntegerField(
        _("perpanjangan (bulan)"), validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    reason = models.TextField(_("alasan perpanjangan"))
    status = models.CharField(
        _("status"), max_length=10, choices=RenewalStatus.choices, default=RenewalStatus.SUBMITTED
    )
    requested_by = _user(_("diajukan oleh"))
    decision_reason = models.TextField(_("alasan keputusan"), blank=True)
    decided_by = _user(_("diputuskan oleh"))
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True, editable=False)
    new_expires_on = models.DateField(_("berlaku sampai (baru)"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("perpanjangan VPS")
        verbose_name_plural = _("perpanjangan VPS")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vps"],
                condition=models.Q(status="submitted"),
                name="hosting_one_open_renewal",
                violation_error_message=_("Masih ada permintaan perpanjangan yang belum diputuskan."),
            )
        ]

    scope_level = "vps_request"

    def __str__(self) -> str:
        return str(_("Perpanjangan %(vps)s (%(n)s bulan)") % {"vps": self.vps, "n": self.months})

    def get_absolute_url(self) -> str:
        return self.vps.get_absolute_url()
