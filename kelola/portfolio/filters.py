"""FilterSets of the portfolio, shared by the list pages and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import AccessKind, AppKind, Developer, LifecycleStatus, RiskCategory, RuleScope
from .models import BuildRule, ElectronicSystem
from .sections import SECTIONS_BY_KEY

NOT_ASSESSED = "none"


class SystemFilter(SearchFilterSet):
    search_fields = ("internal_name", "external_name", "description", "vendor", "url")
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    status = django_filters.ChoiceFilter(choices=LifecycleStatus.choices, label=_("Tahap"))
    app_kind = django_filters.ChoiceFilter(choices=AppKind.choices, label=_("Jenis aplikasi"))
    risk_category = django_filters.ChoiceFilter(
        choices=[*RiskCategory.choices, (NOT_ASSESSED, _("Belum dinilai"))],
        method="filter_risk_category",
        label=_("Kategori"),
    )
    developer = django_filters.ChoiceFilter(choices=Developer.choices, label=_("Pembangun"))
    access = django_filters.ChoiceFilter(choices=AccessKind.choices, label=_("Akses"))
    sector = django_filters.ChoiceFilter(
        choices=SECTIONS_BY_KEY["scope"].column("sector").choices,
        method="filter_sector",
        label=_("Ruang lingkup"),
    )

    class Meta:
        model = ElectronicSystem
        fields = ["agency", "status", "app_kind", "developer", "access"]

    def search(self, queryset, name, value):
        # One column holds names, description, vendor, URL and the form's table rows.
        return queryset.filter(search_text__contains=value.strip().lower())

    def filter_sector(self, queryset, name, value):
        return queryset.filter(sector_keys__contains=f"|{value}|")

    def filter_risk_category(self, queryset, name, value):
        return queryset.filter(risk_category="" if value == NOT_ASSESSED else value)


class BuildRuleFilter(SearchFilterSet):
    search_fields = ("citation",)
    scope = django_filters.ChoiceFilter(choices=RuleScope.choices, label=_("Jenis aplikasi"))

    class Meta:
        model = BuildRule
        fields = ["scope"]
