"""Forms of the organisation registers; they validate input, services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import ScopedModelForm
from kelola.core.models import Agency, Pemda

from .models import (
    Decree,
    GoverningBody,
    Membership,
    Person,
    Position,
    SelfRelianceAssessment,
    TierOneTechnician,
)


class PemdaForm(ScopedModelForm):
    class Meta:
        model = Pemda
        fields = [
            "name",
            "address",
            "phone",
            "email",
            "domain",
            "timezone",
            "letter_code",
            "requires_two_factor",
        ]


class _WebsiteMixin(forms.Form):
    # Government sites are served over HTTPS; a bare "dinkes.example.go.id" means https://.
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")


class AgencyForm(_WebsiteMixin, ScopedModelForm):
    class Meta:
        model = Agency
        fields = [
            "name",
            "short_name",
            "kind",
            "code",
            "parent",
            "is_it_office",
            "address",
            "phone",
            "email",
            "website",
            "subdomain",
            "is_active",
        ]


class AgencyContactForm(_WebsiteMixin, ScopedModelForm):
    """What an agency's own head or IT officer may correct."""

    class Meta:
        model = Agency
        fields = ["address", "phone", "email", "website", "subdomain"]


class PersonForm(ScopedModelForm):
    class Meta:
        model = Person
        fields = [
            "agency",
            "full_name",
            "nip",
            "employment",
            "rank",
            "email",
            "phone",
            "is_it_staff",
            "classification",
            "is_active",
        ]


class PositionForm(ScopedModelForm):
    class Meta:
        model = Position
        fields = ["agency", "title", "is_head", "holder", "since"]


class TierOneTechnicianForm(ScopedModelForm):
    class Meta:
        model = TierOneTechnician
        fields = ["agency", "person", "since", "until"]


class DecreeForm(ScopedModelForm):
    signed_document = forms.FileField(label=_("Dokumen SK bertanda tangan (PDF)"), required=False)

    class Meta:
        model = Decree
        fields = [
            "kind",
            "number",
            "date",
            "subject",
            "decides",
            "signed_by",
            "agency",
            "effective_from",
            "effective_until",
            "classification",
        ]


class GoverningBodyForm(ScopedModelForm):
    class Meta:
        model = GoverningBody
        fields = ["kind", "name", "description", "decree", "is_active"]


class MembershipForm(ScopedModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "term_start", "term_end"]


class AssessmentStartForm(ScopedModelForm):
    class Meta:
        model = SelfRelianceAssessment
        fields = [
            "agency",
            "has_it_staff",
            "it_staff_evidence",
            "has_built_systems",
            "built_systems_evidence",
            "assessor_notes",
        ]
        widgets = {
            "has_it_staff": forms.NullBooleanSelect(),
            "has_built_systems": forms.NullBooleanSelect(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "agency" in self.fields:
            self.fields["agency"].queryset = self.fields["agency"].queryset.filter(is_it_office=False)


class AssessmentUpdateForm(AssessmentStartForm):
    class Meta(AssessmentStartForm.Meta):
        fields = [
            "has_it_staff",
            "it_staff_evidence",
            "has_built_systems",
            "built_systems_evidence",
            "assessor_notes",
        ]


class TransitionForm(forms.Form):
    name = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    decree = forms.ModelChoiceField(label=_("SK"), queryset=Decree.objects.none(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["decree"].queryset = Decree.objects.visible_to(user)


class DocumentUploadForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=255)
    file = forms.FileField(label=_("Berkas"))
