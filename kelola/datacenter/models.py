"""Data-center facilities (DC-3): data centers, rooms, racks with units, power feeds, and the
servers, VMs and other devices placed in them.

A device in a rack occupies units `position` .. `position + u_height - 1` (units counted from the
bottom, 1-based, as on a rack's own labels); two devices of a rack never share a unit (checked by
the services under a lock on the rack). A VM has no rack: it runs on a `host` server.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kelola.core.models import AgencyModel, TenantModel
from kelola.core.urlcache import detail_url

from .choices import DeviceKind, DeviceOrigin, DeviceStatus, FacilityKind


class DataCenter(TenantModel):
    """A data center used by the pemda: its own (main or backup), an OPD's own standard one
    (002 Ps.34), or the national one."""

    name = models.CharField(_("nama"), max_length=200)
    code = models.CharField(_("kode"), max_length=20)
    kind = models.CharField(
        _("jenis"), max_length=10, choices=FacilityKind.choices, default=FacilityKind.MAIN
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah pengelola"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Diisi bila pusat data ini milik sebuah perangkat daerah."),
    )
    meets_standard = models.BooleanField(
        _("memenuhi standar nasional"), default=False, help_text=_("Standar pusat data (PP 95/2018 Ps. 27).")
    )
    address = models.TextField(_("alamat"), blank=True)
    power_capacity_kw = models.DecimalField(
        _("kapasitas daya (kW)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("pusat data")
        verbose_name_plural = _("pusat data")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "code"],
                name="dc_datacenter_unique_code",
                violation_error_message=_("Kode pusat data ini sudah dipakai di pemda ini."),
            )
        ]

    scope_level = "datacenter"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("datacenter:datacenter_detail", self.pk)


class Room(TenantModel):
    """A room (server hall) of a data center."""

    datacenter = models.ForeignKey(
        DataCenter, verbose_name=_("pusat data"), on_delete=models.PROTECT, related_name="rooms"
    )
    name = models.CharField(_("nama ruang"), max_length=100)
    floor = models.CharField(_("lantai"), max_length=20, blank=True)
    description = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("ruang")
        verbose_name_plural = _("ruang")
        ordering = ["datacenter__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["datacenter", "name"],
                name="dc_room_unique_name",
                violation_error_message=_("Nama ruang ini sudah ada di pusat data ini."),
            )
        ]

    scope_level = "datacenter"

    def __str__(self) -> str:
        return f"{self.datacenter.code} / {self.name}"

    def get_absolute_url(self) -> str:
        return detail_url("datacenter:room_detail", self.pk)


class Rack(TenantModel):
    """A rack of a room, with its height in units and the power it may draw."""

    room = models.ForeignKey(Room, verbose_name=_("ruang"), on_delete=models.PROTECT, related_name="racks")
    name = models.CharField(_("nama rak"), max_length=50)
    u_height = models.PositiveSmallIntegerField(
        _("tinggi (U)"), default=42, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    max_power_watt = models.PositiveIntegerField(
        _("daya maksimum (watt)"), default=5000, help_text=_("Batas daya yang boleh ditarik rak ini.")
    )
    #: A warning is raised when units or power in use reach this share of the capacity.
    warning_percent = models.PositiveSmallIntegerField(
        _("ambang peringatan (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    description = models.TextField(_("keterangan"), blank=True)
    #: When the data-center team was told this rack reached its warning threshold; cleared when
    #: its use falls back below, so that each crossing is announced once.
    warning_notified_at = models.DateTimeField(
        _("peringatan kapasitas dikirim"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("rak")
        verbose_name_plural = _("rak")
        ordering = ["room__datacenter__name", "room__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "name"],
                name="dc_rack_unique_name",
                violation_error_message=_("Nama rak ini sudah ada di ruang ini."),
            )
        ]

    scope_level = "datacenter"

    def __str__(self) -> str:
        return f"{self.room} / {self.name}"

    def get_absolute_url(self) -> str:
        return detail_url("datacenter:rack_detail", self.pk)


class PowerFeed(TenantModel):
    """A power feed (PDU circuit) of a rack; its usable capacity is volts x amps x utilisation."""

    rack = models.ForeignKey(
        Rack, verbose_name=_("rak"), on_delete=models.CASCADE, related_name="power_feeds"
    )
    name = models.CharField(_("nama"), max_length=50)
    voltage = models.PositiveSmallIntegerField(_("tegangan (V)"), default=220)
    amperage = models.PositiveSmallIntegerField(_("arus (A)"), default=16)
    max_utilisation = models.PositiveSmallIntegerField(
        _("utilisasi maksimum (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    is_redundant = models.BooleanField(_("jalur redundan"), default=False)

    class Meta:
        verbose_name = _("catu daya")
        verbose_name_plural = _("catu daya")
        ordering = ["rack", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["rack", "name"],
                name="dc_powerfeed_unique_name",
                violation_error_message=_("Nama catu daya ini sudah ada di rak ini."),
            )
        ]

    scope_level = "datacenter"

    def __str__(self) -> str:
        return f"{self.rack.name} / {self.name}"

    def get_absolute_url(self) -> str:
        # A feed is shown and edited on its rack's page.
        return detail_url("datacenter:rack_detail", self.rack_id)

    @property
    def capacity_watt(self) -> int:
        return self.voltage * self.amperage * self.max_utilisation // 100


class Device(AgencyModel):
    """A server, VM or other device in a data center, owned by an agency (the IT office for the
    data center's own equipment, an OPD for its colocated server or VPS)."""

    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=DeviceKind.choices, default=DeviceKind.SERVER)
    status = models.CharField(
        _("status"), max_length=15, choices=DeviceStatus.choices, default=DeviceStatus.ACTIVE
    )
    origin = models.CharField(
        _("asal"), max_length=12, choices=DeviceOrigin.choices, default=DeviceOrigin.PEMDA
    )
    datacenter = models.ForeignKey(
        DataCenter,
        verbose_name=_("pusat data"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="devices",
        help_text=_("Terisi otomatis dari rak atau host."),
    )
    rack = models.ForeignKey(
        Rack, verbose_name=_("rak"), null=True, blank=True, on_delete=models.PROTECT, related_name="devices"
    )
    position = models.PositiveSmallIntegerField(
        _("posisi unit terbawah (U)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    u_height = models.PositiveSmallIntegerField(
        _("tinggi (U)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    host = models.ForeignKey(
        "self",
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guests",
        help_text=_("Server fisik tempat VM ini berjalan."),
    )
    power_draw_watt = models.PositiveIntegerField(_("daya (watt)"), default=0)
    vcpus = models.PositiveSmallIntegerField(_("vCPU/core"), null=True, blank=True)
    memory_gb = models.PositiveIntegerField(_("memori (GB)"), null=True, blank=True)
    storage_gb = models.PositiveIntegerField(_("penyimpanan (GB)"), null=True, blank=True)
    operating_system = models.CharField(_("sistem operasi"), max_length=100, blank=True)
    serial_number = models.CharField(_("nomor seri"), max_length=100, blank=True)
    asset = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("aset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="devices",
    )
    systems = models.ManyToManyField(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik yang berjalan"),
        blank=True,
        related_name="devices",
    )
    description = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("server/perangkat")
        verbose_name_plural = _("server/perangkat")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "name"],
                name="dc_device_unique_name",
                violation_error_message=_("Nama perangkat ini sudah dipakai di pemda ini."),
            ),
            models.CheckConstraint(
                condition=models.Q(position__isnull=True) | models.Q(rack__isnull=False),
                name="dc_device_position_needs_rack",
            ),
        ]
        indexes = [
            models.Index(fields=["pemda", "kind", "status"], name="dc_device_kind"),
            models.Index(fields=["rack", "position"], name="dc_device_rack_position"),
        ]

    scope_level = "device"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("datacenter:device_detail", self.pk)

    @property
    def top_unit(self) -> int | None:
        return None if self.position is None else self.position + self.u_height - 1
