"""Forms of the service catalogue and the working calendar; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import ScopedModelForm, style_widgets

from .choices import Channel, Level, Priority, TicketKind
from .models import WEEKDAYS, Article, Holiday, Service, WorkCalendar


class ServiceForm(ScopedModelForm):
    class Meta:
        model = Service
        fields = [
            "agency",
            "name",
            "description",
            "category",
            "team",
            "system",
            "critical_proposed",
            "critical",
            "availability_target",
            "requires_letter",
            "available_to_all",
            "allowed_agencies",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "allowed_agencies": forms.SelectMultiple(attrs={"size": 6}),
        }


class LevelsForm(forms.Form):
    """Response and resolution targets (working minutes) for the four priorities."""

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {level.priority: level for level in levels or []}
        for value, label in Priority.choices:
            level = current.get(value)
            for kind, text in (("response", _("respons")), ("resolution", _("penyelesaian"))):
                self.fields[f"{value}_{kind}"] = forms.IntegerField(
                    label=f"{label}: {text}",
                    min_value=1,
                    max_value=60 * 24 * 365,
                    initial=getattr(level, f"{kind}_minutes", None),
                    widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
                )

    def targets(self) -> dict:
        data = self.cleaned_data
        return {p: (data[f"{p}_response"], data[f"{p}_resolution"]) for p in Priority.values}


class CalendarForm(ScopedModelForm):
    class Meta:
        model = WorkCalendar
        fields = [f"{day}_{edge}" for day in WEEKDAYS for edge in ("start", "end")]
        widgets = {name: forms.TimeInput(attrs={"type": "time"}, format="%H:%M") for name in fields}


class HolidayForm(ScopedModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name"]
        widgets = {
            "date": forms.DateInput(attrs={"aria-label": _("Tanggal")}),
            "name": forms.TextInput(
                attrs={"placeholder": _("Nama hari libur"), "aria-label": _("Nama hari libur")}
            ),
        }


class HolidayImportForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)


class TicketForm(forms.Form):
    """Filing a ticket; the letter is required for ordinary service requests."""

    agency = forms.ModelChoiceField(label=_("Perangkat daerah"), queryset=None)
    service = forms.ModelChoiceField(label=_("Layanan"), queryset=None)
    kind = forms.ChoiceField(label=_("Jenis"), choices=TicketKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    description = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 4}))
    impact = forms.ChoiceField(label=_("Dampak"), choices=Level.choices, initial="medium")
    urgency = forms.ChoiceField(label=_("Urgensi"), choices=Level.choices, initial="medium")
    channel = forms.ChoiceField(label=_("Kanal"), choices=Channel.choices, initial="web")
    letter = forms.FileField(label=_("Surat/nota dinas (PDF)"), required=False)
    vvip = forms.BooleanField(label=_("Pemohon VVIP (diisi help desk)"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from kelola.core.models import Agency

        from .models import Service

        self.fields["agency"].queryset = Agency.objects.visible_to(user).filter(
            pemda_id=getattr(user, "pemda_id", None)
        )
        self.fields["service"].queryset = Service.objects.visible_to(user).filter(is_active=True)
        if getattr(user, "agency_id", None):
            self.fields["agency"].initial = user.agency_id
        # OPS-2: knowledge-base articles are suggested while the title is typed.
        from django.urls import reverse
        from django.utils.safestring import mark_safe

        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse("servicedesk:article_suggestions"),
                "hx-trigger": "keyup changed delay:500ms",
                "hx-target": "#kb-suggestions",
                "autocomplete": "off",
            }
        )
        self.fields["title"].help_text = mark_safe('<span id="kb-suggestions" aria-live="polite"></span>')
        style_widgets(self)


class ArticleForm(ScopedModelForm):
    class Meta:
        model = Article
        fields = ["title", "category", "body", "audience", "status", "service"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
