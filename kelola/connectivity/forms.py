"""Forms of the connectivity registers; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import ScopedModelForm

from .models import (
    BandwidthAllocation,
    BandwidthCapacity,
    BandwidthNeed,
    ConnectionPointRequest,
    EventNetworkRequest,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConnectionPointRequestForm(ScopedModelForm):
    class Meta:
        model = ConnectionPointRequest
        fields = ["agency", "building", "room", "points", "purpose"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class EventNetworkRequestForm(ScopedModelForm):
    class Meta:
        model = EventNetworkRequest
        fields = [
            "agency",
            "name",
            "venue",
            "start_at",
            "end_at",
            "participants",
            "addresses_needed",
            "needs_internet",
            "needs_intranet",
            "bandwidth_mbps",
            "notes",
        ]
        widgets = {"start_at": DATETIME, "end_at": DATETIME, "notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"addresses_needed": _("Biasanya satu alamat per perangkat peserta, ditambah cadangan.")}


class BandwidthCapacityForm(ScopedModelForm):
    class Meta:
        model = BandwidthCapacity
        fields = ["name", "provider", "capacity_mbps", "valid_from", "valid_to", "description"]
        widgets = {"valid_from": DATE, "valid_to": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class BandwidthNeedForm(ScopedModelForm):
    class Meta:
        model = BandwidthNeed
        fields = [
            "agency",
            "year",
            "staff_users",
            "systems_in_use",
            "current_mbps",
            "requested_mbps",
            "justification",
        ]
        widgets = {"justification": forms.Textarea(attrs={"rows": 3})}


class BandwidthAllocationForm(ScopedModelForm):
    class Meta:
        model = BandwidthAllocation
        fields = ["agency", "committed_mbps", "valid_from", "valid_to", "link", "need", "notes"]
        widgets = {"valid_from": DATE, "valid_to": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


class UsageImportForm(forms.Form):
    KINDS = [
        ("csv", _("CSV harian (tanggal, kode, rata-rata, puncak)")),
        ("snmp", _("Ekspor penghitung SNMP")),
    ]
    kind = forms.ChoiceField(label=_("Format"), choices=KINDS, initial="csv")
    file = forms.FileField(label=_("Berkas CSV"))
