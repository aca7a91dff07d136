"""Forms of the asset register; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import ScopedModelForm, style_widgets

from .choices import AssetStatus
from .models import Asset, LanDiagram, Licence, MaintenanceRecord, MaintenanceSchedule
from .services import CREATABLE_STATUSES

ASSET_FIELDS = [
    "agency",
    "kind",
    "category",
    "name",
    "brand_model",
    "specs",
    "serial_number",
    "acquisition_date",
    "acquisition_cost",
    "funding_source",
    "condition",
    "location",
    "custodian",
    "system",
    "expected_lifetime_years",
]


class AssetForm(ScopedModelForm):
    """A new asset: its starting status may be any but disposed (existing inventory is already
    in use)."""

    class Meta:
        model = Asset
        fields = [*ASSET_FIELDS, "status"]
        widgets = {"specs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].choices = [
                (s.value, s.label) for s in AssetStatus if s in CREATABLE_STATUSES
            ]
        self.fields["custodian"].queryset = self.fields["custodian"].queryset.filter(is_active=True)


class AssetUpdateForm(AssetForm):
    """Editing an asset: the status changes only through the lifecycle buttons."""

    class Meta(AssetForm.Meta):
        fields = ASSET_FIELDS


class LicenceForm(ScopedModelForm):
    class Meta:
        model = Licence
        fields = [
            "agency",
            "software_name",
            "vendor",
            "licence_type",
            "seats",
            "expiry_date",
            "cost",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class AssignForm(forms.Form):
    """One seat to an asset or a person of the licence's agency."""

    asset = forms.ModelChoiceField(queryset=Asset.objects.none(), required=False, label=_("Aset"))
    person = forms.ModelChoiceField(queryset=None, required=False, label=_("Pegawai"))

    def __init__(self, *args, licence=None, user=None, **kwargs):
        from kelola.organizations.models import Person

        super().__init__(*args, **kwargs)
        self.fields["asset"].queryset = (
            Asset.objects.visible_to(user)
            .filter(agency_id=licence.agency_id)
            .exclude(status=AssetStatus.DISPOSED)
            .only("id", "name", "serial_number")
        )
        self.fields["person"].queryset = Person.objects.visible_to(user).filter(
            agency_id=licence.agency_id, is_active=True
        )
        style_widgets(self, small=True)

    def clean(self):
        data = super().clean()
        if bool(data.get("asset")) == bool(data.get("person")):
            raise forms.ValidationError(_("Pilih aset atau pegawai (salah satu)."))
        return data


class ScheduleForm(ScopedModelForm):
    class Meta:
        model = MaintenanceSchedule
        fields = ["task", "interval_months", "next_due"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_due"].required = False
        self.fields["next_due"].help_text = _("Kosongkan: satu interval dari hari ini.")


class RecordForm(ScopedModelForm):
    class Meta:
        model = MaintenanceRecord
        fields = ["date", "work", "cost", "performed_by", "schedule"]
        widgets = {"work": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, asset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if asset is not None:
            self.fields["schedule"].queryset = MaintenanceSchedule.objects.filter(asset=asset, is_active=True)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas XLSX"))


class LanDiagramForm(ScopedModelForm):
    """Filing an OPD's LAN diagram; the file is checked by the document service."""

    file = forms.FileField(
        label=_("Berkas diagram"), help_text=_("PDF, PNG, JPEG atau SVG; diperiksa jenis dan ukurannya.")
    )

    class Meta:
        model = LanDiagram
        fields = ["agency", "report_kind", "effective_date", "change_summary"]
        widgets = {"change_summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg,.svg"

    def clean(self):
        data = super().clean()
        if data.get("report_kind") == "change" and not (data.get("change_summary") or "").strip():
            self.add_error("change_summary", _("Laporan perubahan wajib menjelaskan perubahan jaringan LAN."))
        return data
