"""Forms of the data-center register; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.assets.choices import AssetKind
from kelola.core.forms import ScopedModelForm, style_widgets

from .choices import DeviceKind
from .models import DataCenter, Device, PowerFeed, Rack, Room

TEXTAREA = forms.Textarea(attrs={"rows": 2})


class DataCenterForm(ScopedModelForm):
    class Meta:
        model = DataCenter
        fields = [
            "name",
            "code",
            "kind",
            "agency",
            "meets_standard",
            "address",
            "power_capacity_kw",
            "description",
        ]
        widgets = {"address": TEXTAREA, "description": TEXTAREA}


class RoomForm(ScopedModelForm):
    class Meta:
        model = Room
        fields = ["datacenter", "name", "floor", "description"]
        widgets = {"description": TEXTAREA}


class RackForm(ScopedModelForm):
    class Meta:
        model = Rack
        fields = ["room", "name", "u_height", "max_power_watt", "warning_percent", "description"]
        widgets = {"description": TEXTAREA}


class PowerFeedForm(ScopedModelForm):
    class Meta:
        model = PowerFeed
        fields = ["rack", "name", "voltage", "amperage", "max_utilisation", "is_redundant"]
        help_texts = {
            "is_redundant": _(
                "Jalur cadangan (B): kapasitasnya tidak dihitung sebagai daya yang dapat dipakai."
            )
        }


class DeviceForm(ScopedModelForm):
    class Meta:
        model = Device
        fields = [
            "name",
            "kind",
            "status",
            "origin",
            "agency",
            "rack",
            "position",
            "u_height",
            "host",
            "datacenter",
            "power_draw_watt",
            "vcpus",
            "memory_gb",
            "storage_gb",
            "operating_system",
            "serial_number",
            "asset",
            "systems",
            "description",
        ]
        widgets = {"description": TEXTAREA}
        help_texts = {
            "position": _("Unit terbawah yang ditempati (U1 di bawah). Kosongkan bila belum dipasang."),
            "datacenter": _("Hanya untuk perangkat tanpa rak dan tanpa host; selain itu terisi otomatis."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hosts = self.fields["host"].queryset.filter(kind=DeviceKind.SERVER)
        if self.instance.pk:
            hosts = hosts.exclude(pk=self.instance.pk)
        self.fields["host"].queryset = hosts.order_by("name")
        self.fields["rack"].queryset = self.fields["rack"].queryset.select_related("room__datacenter")
        self.fields["asset"].queryset = self.fields["asset"].queryset.filter(kind=AssetKind.HARDWARE)
        self.fields["systems"].widget.attrs["size"] = 6
        style_widgets(self)


class DevicePlaceForm(forms.Form):
    """Move a device: another rack and lowest unit, or no rack (taken out)."""

    rack = forms.ModelChoiceField(queryset=Rack.objects.none(), required=False, label=_("Rak"))
    position = forms.IntegerField(
        min_value=1, max_value=60, required=False, label=_("Posisi unit terbawah (U)")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["rack"].queryset = Rack.objects.visible_to(user).select_related("room__datacenter")
        style_widgets(self, small=True)
