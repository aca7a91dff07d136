"""Forms of the hosting register; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import ScopedModelForm

from .models import HostingRequest, VpsRequest


class HostingRequestForm(ScopedModelForm):
    letter_file = forms.FileField(
        label=_("Pindaian surat permintaan"),
        required=False,
        help_text=_("PDF atau gambar surat permintaan penitipan yang ditandatangani."),
    )

    class Meta:
        model = HostingRequest
        fields = [
            "agency",
            "kind",
            "system",
            "letter_number",
            "letter_date",
            "purpose",
            "vendor",
            "server_brand",
            "serial_number",
            "u_height",
            "power_watt",
            "operating_system",
        ]
        widgets = {
            "letter_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kind": _(
                "Kolokasi: server dan aplikasi dititipkan. Hosting: hanya aplikasi, dipasang di VM pusat "
                "data. Sistem cadangan: hanya bagi perangkat daerah yang memiliki pusat data sendiri "
                "yang memenuhi standar (002 Ps.34)."
            ),
            "server_brand": _("Untuk kolokasi dan sistem cadangan."),
        }


class VpsRequestForm(ScopedModelForm):
    class Meta:
        model = VpsRequest
        fields = [
            "agency",
            "purpose",
            "system",
            "vcpus",
            "memory_gb",
            "storage_gb",
            "operating_system",
            "period_months",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "agency": _("VPS disediakan bagi perangkat daerah yang belum dapat mengadakan server sendiri."),
        }
