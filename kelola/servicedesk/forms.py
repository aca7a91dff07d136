"""Forms of the service catalogue and the working calendar; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import ScopedModelForm, style_widgets

from .choices import AppLocation, Channel, FaultKind, Level, Priority, Procedure, Team, TicketKind
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


class WorkOrderIssueForm(forms.Form):
    """The help desk issues a work order for a ticket (DESK-4)."""

    procedure = forms.ChoiceField(label=_("Prosedur"), choices=Procedure.choices)
    instructions = forms.CharField(
        label=_("Instruksi"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, ticket=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ticket is not None and not self.is_bound:
            self.fields["procedure"].initial = (
                Procedure.REQUEST if ticket.kind == TicketKind.REQUEST else Procedure.COMPLAINT
            )
            self.fields["instructions"].initial = ticket.title
        style_widgets(self)


class WorkOrderStepForm(forms.Form):
    """What a team records with a step on a work order; the workflow says what each step needs."""

    comment = forms.CharField(label=_("Catatan"), required=False, max_length=2000)
    to_team = forms.ChoiceField(
        label=_("Teruskan ke"),
        required=False,
        choices=[
            ("", "—"),
            (Team.DATACENTER, Team.DATACENTER.label),
            (Team.INFRASTRUCTURE, Team.INFRASTRUCTURE.label),
        ],
    )
    app_location = forms.ChoiceField(
        label=_("Lokasi aplikasi"), required=False, choices=[("", "—"), *AppLocation.choices]
    )
    fault_kind = forms.ChoiceField(
        label=_("Klasifikasi gangguan"), required=False, choices=[("", "—"), *FaultKind.choices]
    )
    report = forms.CharField(
        label=_("Laporan pekerjaan"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, order=None, **kwargs):
        super().__init__(*args, **kwargs)
        if order is not None and not self.is_bound:
            self.fields["app_location"].initial = order.app_location
            self.fields["fault_kind"].initial = order.fault_kind
            self.fields["report"].initial = order.report
        self.fields["to_team"].widget.attrs["aria-label"] = _("Teruskan ke")
        style_widgets(self)


# --- problems (DESK-6) and outages (DESK-5) ---------------------------------------------------

from .choices import OutageSource  # noqa: E402
from .models import Problem, Ticket  # noqa: E402

DATETIME_WIDGET = {"type": "datetime-local"}


class ProblemForm(ScopedModelForm):
    """A problem's description; its status, owner and resolution time move with its workflow."""

    class Meta:
        model = Problem
        fields = ["title", "description", "service", "system", "root_cause", "workaround", "change_reference"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "root_cause": forms.Textarea(attrs={"rows": 3}),
            "workaround": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk is None and user is not None:
            self.instance.pemda_id = user.pemda_id  # the model's checks compare pemda


def parse_ticket_numbers(text: str) -> list[int]:
    """ "#12, 15 20" → [12, 15, 20]."""
    import re

    return sorted({int(n) for n in re.findall(r"\d+", text or "")})


class ProblemLinkForm(forms.Form):
    tickets = forms.CharField(
        label=_("Nomor tiket"),
        max_length=2000,
        help_text=_("Pisahkan dengan koma, mis. 120, 121, 135."),
        widget=forms.TextInput(attrs={"placeholder": "120, 121"}),
    )
    action = forms.ChoiceField(
        label=_("Tindakan"),
        choices=[("link", _("Kaitkan")), ("unlink", _("Lepaskan"))],
        initial="link",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self, small=True)

    def clean_tickets(self):
        numbers = parse_ticket_numbers(self.cleaned_data["tickets"])
        if not numbers:
            raise forms.ValidationError(_("Isi paling sedikit satu nomor tiket."))
        return numbers


class OutageForm(forms.Form):
    """An outage of a service; the ticket is given by its number."""

    service = forms.ModelChoiceField(label=_("Layanan"), queryset=None)
    started_at = forms.DateTimeField(
        label=_("Mulai"), widget=forms.DateTimeInput(attrs=DATETIME_WIDGET, format="%Y-%m-%dT%H:%M")
    )
    ended_at = forms.DateTimeField(
        label=_("Selesai"),
        required=False,
        help_text=_("Kosongkan bila masih berlangsung."),
        widget=forms.DateTimeInput(attrs=DATETIME_WIDGET, format="%Y-%m-%dT%H:%M"),
    )
    source = forms.ChoiceField(label=_("Sumber"), choices=OutageSource.choices, initial=OutageSource.ENTERED)
    ticket = forms.IntegerField(label=_("Nomor tiket"), required=False, min_value=1)
    description = forms.CharField(label=_("Keterangan"), required=False, max_length=2000)

    def __init__(self, *args, user=None, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["service"].queryset = services if services is not None else Service.objects.none()
        style_widgets(self, small=True)

    def clean_ticket(self):
        number = self.cleaned_data.get("ticket")
        if not number:
            return None
        ticket = Ticket.objects.visible_to(self.user).filter(pk=number).first()
        if ticket is None:
            raise forms.ValidationError(_("Tiket tidak ditemukan."))
        return ticket


class MonthForm(forms.Form):
    """The month of the availability review: "YYYY-MM"."""

    bulan = forms.RegexField(label=_("Bulan"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)
