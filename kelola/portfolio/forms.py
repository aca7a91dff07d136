"""Forms of the portfolio; they validate input, services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import ScopedModelForm, style_widgets

from .choices import ArtifactKind, BuildPreset, LinkKind
from .models import BuildRule, ElectronicSystem
from .reference import RISK_QUESTIONS

#: The registration form's single-valued fields, grouped as the official form groups them.
SYSTEM_FIELD_GROUPS = (
    (
        _("A. Data umum"),
        (
            "agency",
            "internal_name",
            "external_name",
            "description",
            "service_target",
            "access",
            "url",
            "publish_consent",
            "status",
            "classification",
        ),
    ),
    (
        _("Klasifikasi aplikasi"),
        (
            "app_kind",
            "complexity",
            "developer",
            "vendor",
            "warranty_until",
            "operator_agency",
            "serves_citizens",
            "serves_business",
            "serves_government",
            "on_desktop",
            "on_web",
            "on_mobile",
            "open_source",
            "closed_source_justification",
        ),
    ),
    (
        _("B. Profil penyelenggara"),
        (
            "operator_unit",
            "operator_address",
            "operator_province",
            "operator_city",
            "operator_postal_code",
            "operator_phone",
            "operator_website",
        ),
    ),
    (
        _("C.1.1 Informasi data center"),
        (
            "uses_data_center",
            "data_center_location",
            "data_center_provider",
            "data_center_bandwidth",
            "server_shared",
        ),
    ),
    (
        _("G. Penanggung jawab"),
        (
            "pic_name",
            "pic_nip",
            "pic_unit",
            "pic_address",
            "pic_province",
            "pic_city",
            "pic_postal_code",
            "pic_mobile",
            "pic_email",
        ),
    ),
)
SYSTEM_FIELDS = [name for _title, names in SYSTEM_FIELD_GROUPS for name in names]


class SystemForm(ScopedModelForm):
    class Meta:
        model = ElectronicSystem
        fields = SYSTEM_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "closed_source_justification": forms.Textarea(attrs={"rows": 2}),
            "server_shared": forms.NullBooleanSelect(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An existing system changes stage only through its lifecycle steps (PORT-4).
            del self.fields["status"]

    def groups(self):
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in SYSTEM_FIELD_GROUPS
        ]


class RiskQuestionnaireForm(forms.Form):
    """Lampiran (1): every question must be answered (a missing answer is not scored)."""

    assessor_position = forms.CharField(label=_("Jabatan pengisi"), max_length=200, required=False)
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index, question in enumerate(RISK_QUESTIONS, start=1):
            self.fields[question.key] = forms.ChoiceField(
                label=f"{index}. {question.text}",
                choices=[(letter, f"{letter}. {text}") for letter, text in question.options],
                widget=forms.RadioSelect,
                help_text=question.hint,
                error_messages={"required": _("Pertanyaan %(n)s belum dijawab.") % {"n": index}},
            )
        self.order_fields([q.key for q in RISK_QUESTIONS] + ["assessor_position", "note"])
        for name in ("assessor_position", "note"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def answers(self) -> dict:
        return {q.key: self.cleaned_data[q.key] for q in RISK_QUESTIONS}


class BuildRuleForm(ScopedModelForm):
    class Meta:
        model = BuildRule
        fields = ["it_office_may_build", "self_reliant_agency_may_build", "any_agency_may_build", "citation"]


class PresetForm(forms.Form):
    preset = forms.ChoiceField(label=_("Preset"), choices=BuildPreset.choices)


class TransitionForm(forms.Form):
    name = forms.CharField(max_length=50)
    comment = forms.CharField(label=_("Catatan"), required=False, max_length=2000)


class ArtifactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis berkas"), choices=ArtifactKind.choices)
    app_version = forms.CharField(label=_("Versi aplikasi"), max_length=30)
    file = forms.FileField(label=_("Berkas"))
    title = forms.CharField(label=_("Judul"), max_length=255, required=False)
    copyright_holder = forms.CharField(
        label=_("Pemegang hak cipta"), max_length=200, required=False, help_text=_("Kosongkan: pemda.")
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis relasi"), choices=LinkKind.choices)
    target_system = forms.ModelChoiceField(
        label=_("Sistem tujuan"), queryset=ElectronicSystem.objects.none(), required=False
    )
    target_label = forms.CharField(label=_("Nama server/dataset"), max_length=200, required=False)
    note = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    def __init__(self, *args, system=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if system is not None and user is not None:
            self.fields["target_system"].queryset = (
                ElectronicSystem.objects.visible_to(user)
                .filter(pemda_id=system.pemda_id)
                .exclude(pk=system.pk)
            )
        style_widgets(self, small=True)
