"""Forms of the address plan; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import ScopedModelForm

from .models import AddressRequest, DnsRecord, Domain, IpAddress, Prefix, Vlan


class PrefixForm(ScopedModelForm):
    class Meta:
        model = Prefix
        fields = ["network", "scope", "vlan", "agency", "description"]
        widgets = {"network": forms.TextInput(attrs={"placeholder": "10.1.0.0/24"})}


class VlanForm(ScopedModelForm):
    class Meta:
        model = Vlan
        fields = ["vid", "name", "agency", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class IpAddressForm(ScopedModelForm):
    class Meta:
        model = IpAddress
        fields = [
            "prefix",
            "address",
            "status",
            "agency",
            "assigned_to",
            "device",
            "system",
            "dns_name",
            "description",
        ]
        widgets = {"address": forms.TextInput(attrs={"placeholder": "10.1.0.10"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefix"].queryset = self.fields["prefix"].queryset.order_by("family", "start_key")


class AddressRequestForm(ScopedModelForm):
    class Meta:
        model = AddressRequest
        fields = ["agency", "scope", "family", "quantity", "purpose", "system"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"quantity": _("Paling banyak 256 alamat per permintaan.")}


class DomainForm(ScopedModelForm):
    class Meta:
        model = Domain
        fields = [
            "kind",
            "name",
            "agency",
            "village_name",
            "kabupaten_name",
            "registrar",
            "registered_on",
            "expires_on",
            "status",
            "description",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"placeholder": "dinkes.contohkota.go.id"}),
            "registered_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "village_name": _("Untuk domain desa: nama desa, misalnya Karangsambung."),
        }


class DnsRecordForm(ScopedModelForm):
    class Meta:
        model = DnsRecord
        fields = ["type", "host", "value", "priority", "ttl"]
