"""IP address management (DC-4, 004 Lamp.IV 2.2.1): prefixes, VLANs, addresses and the OPD's
requests for addresses.

Prefixes nest as in NetBox: a prefix inside a bigger one of the same pemda is its child (its
`parent` is computed by the services); a duplicate is refused. Addresses and prefix bounds carry
a fixed-width hexadecimal key (see `addressing`) for range queries. Rules live in `services`.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kelola.core.models import AgencyModel, TenantModel
from kelola.core.urlcache import detail_url

from .choices import AddressStatus, DomainKind, DomainStatus, Family, RecordType, RequestStatus, Scope


def _owner(verbose=None):
    return models.ForeignKey(
        "core.Agency",
        verbose_name=verbose or _("perangkat daerah pemilik"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class Vlan(TenantModel):
    """A VLAN of the pemda's network (IEEE 802.1Q id 1-4094), often one per OPD."""

    vid = models.PositiveSmallIntegerField(
        _("VLAN ID"), validators=[MinValueValidator(1), MaxValueValidator(4094)]
    )
    name = models.CharField(_("nama"), max_length=100)
    agency = _owner(_("perangkat daerah"))
    description = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("VLAN")
        verbose_name_plural = _("VLAN")
        ordering = ["vid"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "vid"],
                name="net_vlan_unique_vid",
                violation_error_message=_("VLAN ID ini sudah dipakai di pemda ini."),
            ),
            models.CheckConstraint(condition=models.Q(vid__gte=1, vid__lte=4094), name="net_vlan_vid_range"),
        ]

    scope_level = "network"

    def __str__(self) -> str:
        return f"VLAN {self.vid} {self.name}"

    def get_absolute_url(self) -> str:
        return detail_url("network:vlan_detail", self.pk)


class Prefix(TenantModel):
    """A block of addresses (CIDR), public or private, IPv4 or IPv6."""

    network = models.CharField(_("prefiks"), max_length=50, help_text=_("Misalnya 10.1.0.0/24."))
    family = models.PositiveSmallIntegerField(_("versi"), choices=Family.choices, editable=False)
    prefix_length = models.PositiveSmallIntegerField(_("panjang prefiks"), editable=False)
    start_key = models.CharField(max_length=32, editable=False)
    end_key = models.CharField(max_length=32, editable=False)
    scope = models.CharField(_("jenis"), max_length=10, choices=Scope.choices, default=Scope.PRIVATE)
    vlan = models.ForeignKey(
        Vlan,
        verbose_name=_("VLAN"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prefixes",
    )
    agency = _owner()
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("prefiks induk"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    #: Every assignable address below this key is known to be used (or inside a child prefix):
    #: `next_free` starts its scan here. Lowered whenever an address below it is freed.
    free_from = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("prefiks")
        verbose_name_plural = _("prefiks")
        ordering = ["family", "start_key", "prefix_length"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "network"],
                name="net_prefix_unique",
                violation_error_message=_("Prefiks ini sudah terdaftar di pemda ini."),
            ),
        ]
        indexes = [models.Index(fields=["pemda", "family", "start_key"], name="net_prefix_range")]

    scope_level = "network"

    def __str__(self) -> str:
        return self.network

    def get_absolute_url(self) -> str:
        return detail_url("network:prefix_detail", self.pk)

    @property
    def ip_network(self):
        return ipaddress.ip_network(self.network)


class IpAddress(TenantModel):
    """One address of a prefix, with its status and owner (OPD, server/VM, electronic system)."""

    prefix = models.ForeignKey(
        Prefix, verbose_name=_("prefiks"), on_delete=models.PROTECT, related_name="addresses"
    )
    address = models.CharField(_("alamat IP"), max_length=45)
    family = models.PositiveSmallIntegerField(_("versi"), choices=Family.choices, editable=False)
    key = models.CharField(max_length=32, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=AddressStatus.choices, default=AddressStatus.ALLOCATED
    )
    agency = _owner()
    assigned_to = models.CharField(
        _("dipakai oleh"), max_length=200, blank=True, help_text=_("Nama server, VM atau perangkat.")
    )
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ip_addresses",
    )
    device = models.ForeignKey(
        "datacenter.Device",
        verbose_name=_("server/perangkat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ip_addresses",
    )
    dns_name = models.CharField(_("nama DNS"), max_length=255, blank=True)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    request = models.ForeignKey(
        "AddressRequest",
        verbose_name=_("permintaan"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="addresses",
    )

    class Meta:
        verbose_name = _("alamat IP")
        verbose_name_plural = _("alamat IP")
        ordering = ["family", "key"]
        constraints = [
            # The last guard against a double assignment (next_free also locks the prefix).
            models.UniqueConstraint(
                fields=["pemda", "address"],
                name="net_address_unique",
                violation_error_message=_("Alamat ini sudah terdaftar di pemda ini."),
            ),
        ]
        indexes = [
            models.Index(fields=["pemda", "family", "key"], name="net_address_key"),
            models.Index(fields=["prefix", "key"], name="net_address_prefix_key"),
        ]

    scope_level = "network"

    def __str__(self) -> str:
        return self.address

    def get_absolute_url(self) -> str:
        return detail_url("network:address_detail", self.pk)


class AddressRequest(AgencyModel):
    """An OPD asks for N public or local addresses for a purpose; the data-center or
    infrastructure team approves (allocating them) or rejects with a reason (004 Lamp.IV 2.2.1)."""

    scope = models.CharField(_("jenis alamat"), max_length=10, choices=Scope.choices, default=Scope.PRIVATE)
    family = models.PositiveSmallIntegerField(_("versi"), choices=Family.choices, default=Family.IPV4)
    quantity = models.PositiveSmallIntegerField(
        _("jumlah alamat"), default=1, validators=[MinValueValidator(1), MaxValueValidator(256)]
    )
    purpose = models.TextField(_("keperluan"))
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prefix = models.ForeignKey(
        Prefix,
        verbose_name=_("dialokasikan dari prefiks"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    decision_reason = models.TextField(_("alasan keputusan"), blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan alamat IP")
        verbose_name_plural = _("permintaan alamat IP")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1, quantity__lte=256), name="net_request_quantity"
            ),
        ]

    scope_level = "network_request"

    def __str__(self) -> str:
        return str(_("Permintaan IP #%(n)s") % {"n": self.pk}) if self.pk else str(_("Permintaan IP baru"))

    def get_absolute_url(self) -> str:
        return detail_url("network:request_detail", self.pk)


class Domain(TenantModel):
    """A domain name of the pemda (DC-7): its main domain, the OPD sub-domains under it, the
    villages' desa.id domains (seed 004 Lampiran V) and others; with registrar and expiry.
    Rules (sub-domain under the main domain, the desa.id rule, no duplicates) live in `services`."""

    kind = models.CharField(_("jenis"), max_length=10, choices=DomainKind.choices, default=DomainKind.OPD)
    name = models.CharField(
        _("nama domain"), max_length=253, help_text=_("Misalnya dinkes.contohkota.go.id.")
    )
    agency = _owner(_("perangkat daerah pemilik"))
    village_name = models.CharField(_("nama desa"), max_length=100, blank=True)
    kabupaten_name = models.CharField(
        _("nama kabupaten/kota"),
        max_length=100,
        blank=True,
        help_text=_("Untuk domain desa dengan akhiran kabupaten, misalnya krsambung-kebumen.desa.id."),
    )
    registrar = models.CharField(_("registrar"), max_length=150, blank=True)
    registered_on = models.DateField(_("tanggal registrasi"), null=True, blank=True)
    expires_on = models.DateField(_("tanggal kedaluwarsa"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DomainStatus.choices, default=DomainStatus.ACTIVE
    )
    description = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domain")
        ordering = ["name"]
        constraints = [
            # DNS names are global: a name may be registered once (Lampiran V, Catatan).
            models.UniqueConstraint(
                fields=["name"],
                name="net_domain_unique_name",
                violation_error_message=_("Nama domain ini sudah terdaftar."),
            ),
            models.UniqueConstraint(
                fields=["pemda"],
                condition=models.Q(kind="pemda"),
                name="net_domain_one_main",
                violation_error_message=_("Pemda ini sudah memiliki domain utama."),
            ),
        ]
        indexes = [models.Index(fields=["pemda", "expires_on"], name="net_domain_expiry")]

    scope_level = "network"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("network:domain_detail", self.pk)


class DnsRecord(TenantModel):
    """One DNS record of a domain. `pemda` and `agency` follow the domain (set by the services),
    so the record is seen by whoever sees its domain."""

    domain = models.ForeignKey(
        Domain, verbose_name=_("domain"), on_delete=models.CASCADE, related_name="records"
    )
    agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    type = models.CharField(_("jenis rekaman"), max_length=6, choices=RecordType.choices)
    host = models.CharField(
        _("host"),
        max_length=253,
        default="@",
        help_text=_("“@” untuk domain itu sendiri, atau misalnya “www”."),
    )
    value = models.CharField(_("nilai"), max_length=1000)
    priority = models.PositiveIntegerField(
        _("prioritas"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(65535)],
        help_text=_("Hanya untuk MX."),
    )
    ttl = models.PositiveIntegerField(
        _("TTL (detik)"), default=3600, validators=[MinValueValidator(60), MaxValueValidator(604800)]
    )

    class Meta:
        verbose_name = _("rekaman DNS")
        verbose_name_plural = _("rekaman DNS")
        ordering = ["domain", "host", "type", "priority", "value"]

    scope_level = "network"

    def __str__(self) -> str:
        return f"{self.fqdn} {self.type} {self.value}"

    @property
    def fqdn(self) -> str:
        return self.domain.name if self.host == "@" else f"{self.host}.{self.domain.name}"

    def get_absolute_url(self) -> str:
        return self.domain.get_absolute_url()
