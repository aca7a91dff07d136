"""Forms of the configuration register; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import style_widgets

from .choices import MANUAL_KINDS, RelationKind
from .models import ConfigurationItem


class RelationForm(forms.Form):
    """A manual relation from the item whose page it is on (`instance`) to another item."""

    kind = forms.ChoiceField(
        label=_("Jenis relasi"),
        choices=[(k.value, k.label) for k in RelationKind if k in MANUAL_KINDS],
        help_text=_("Tautan jaringan: item ini terhubung ke jaringan melalui item tujuan."),
    )
    target = forms.ModelChoiceField(label=_("Item tujuan"), queryset=ConfigurationItem.objects.none())
    note = forms.CharField(label=_("Keterangan"), max_length=300, required=False)
    both_ways = forms.BooleanField(
        label=_("Catat dua arah"),
        required=False,
        help_text=_("Hanya untuk tautan jaringan yang saling bergantung (stack, cincin)."),
    )

    def __init__(self, *args, user=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        queryset = ConfigurationItem.objects.none()
        if user is not None and instance is not None:
            queryset = (
                ConfigurationItem.objects.visible_to(user)
                .filter(pemda_id=instance.pemda_id)
                .exclude(pk=instance.pk)
                .order_by("kind", "name")
                .only("pk", "name", "kind")
            )
        self.fields["target"].queryset = queryset
        self.fields["target"].label_from_instance = lambda ci: f"{ci.name} ({ci.get_kind_display()})"
        style_widgets(self)
