"""FilterSets of proposals and spending, shared by pages and API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import BudgetReview, ProposalKind, ProposalStatus, SpendingCategory
from .models import BudgetLine, Proposal


class ProposalFilter(SearchFilterSet):
    search_fields = ("title", "program_output", "functions", "data_sets")
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=ProposalKind.choices, label=_("Jenis usulan"))
    fiscal_year = django_filters.NumberFilter(label=_("Tahun anggaran"))

    class Meta:
        model = Proposal
        fields = ["agency", "status", "kind", "fiscal_year"]


class BudgetLineFilter(SearchFilterSet):
    search_fields = ("title",)
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    fiscal_year = django_filters.NumberFilter(label=_("Tahun anggaran"))
    category = django_filters.ChoiceFilter(choices=SpendingCategory.choices, label=_("Kategori"))
    review = django_filters.ChoiceFilter(choices=BudgetReview.choices, label=_("Reviu Bappeda"))

    class Meta:
        model = BudgetLine
        fields = ["agency", "fiscal_year", "category", "review"]
