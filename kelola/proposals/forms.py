"""Forms of proposals and spending; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelola.core.forms import ScopedModelForm, style_widgets

from .choices import BudgetReview, OverlapDecision, Recommendation
from .models import BudgetLine, Proposal

PROPOSAL_FIELDS = [
    "agency",
    "kind",
    "title",
    "fiscal_year",
    "system",
    "sector",
    "program_achievement",
    "program_needs",
    "program_output",
    "terms_of_reference",
    "needs_analysis",
    "benefit_analysis",
    "functions",
    "data_sets",
    "cost_estimate",
    "classification",
]
LONG_TEXTS = (
    "program_achievement",
    "program_needs",
    "program_output",
    "terms_of_reference",
    "needs_analysis",
    "benefit_analysis",
    "functions",
    "data_sets",
)


class ProposalForm(ScopedModelForm):
    class Meta:
        model = Proposal
        fields = PROPOSAL_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in LONG_TEXTS}


class ReviewForm(forms.Form):
    """What the reviewer records with the "recommend" step."""

    recommendation = forms.ChoiceField(label=_("Rekomendasi"), choices=Recommendation.choices)
    review_references = forms.CharField(label=_("Rujukan reviu"), widget=forms.Textarea(attrs={"rows": 2}))
    cost_analysis = forms.CharField(
        label=_("Analisis biaya"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    advice = forms.CharField(
        label=_("Saran perbaikan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    comment = forms.CharField(label=_("Catatan"), required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self, small=True)


class OverlapDecisionForm(forms.Form):
    candidate_key = forms.CharField(max_length=40)
    decision = forms.ChoiceField(choices=OverlapDecision.choices)
    note = forms.CharField(required=False, max_length=2000)


class BudgetLineForm(ScopedModelForm):
    class Meta:
        model = BudgetLine
        fields = [
            "agency",
            "fiscal_year",
            "title",
            "category",
            "planned_amount",
            "realised_amount",
            "proposal",
            "system",
        ]


class BudgetReviewForm(forms.Form):
    review = forms.ChoiceField(label=_("Hasil reviu"), choices=BudgetReview.choices)
    review_note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
