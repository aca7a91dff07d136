"""One FilterSet per register, shared by the list page and the API (STYLE practice 9)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kelola.core.choices import AgencyKind, Classification
from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency, Pemda

from .choices import AssessmentStatus, BodyKind, DecreeKind, EmploymentKind
from .models import Decree, GoverningBody, Person, Position, SelfRelianceAssessment, TierOneTechnician


class AgencyFilter(SearchFilterSet):
    search_fields = ("name", "short_name", "code")
    pemda = django_filters.ModelChoiceFilter(queryset=visible_choices(Pemda), label=_("Pemda"))
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices, label=_("Jenis"))
    it_self_reliant = django_filters.BooleanFilter(label=_("Mandiri TIK"))
    is_active = django_filters.BooleanFilter(label=_("Aktif"))

    class Meta:
        model = Agency
        fields = ["pemda", "kind", "it_self_reliant", "is_active"]


class TechnicianCoverageFilter(AgencyFilter):
    """The coverage page's filters: its queryset is annotated with `has_tier_one`."""

    has_tier_one = django_filters.BooleanFilter(field_name="has_tier_one", label=_("Punya teknisi tier 1"))

    class Meta(AgencyFilter.Meta):
        fields = ["kind", "has_tier_one"]


class AgencyScopedFilter(SearchFilterSet):
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))


class PersonFilter(AgencyScopedFilter):
    search_fields = ("full_name", "nip", "email")
    employment = django_filters.ChoiceFilter(choices=EmploymentKind.choices, label=_("Status kepegawaian"))
    is_it_staff = django_filters.BooleanFilter(label=_("SDM TIK"))
    classification = django_filters.ChoiceFilter(choices=Classification.choices, label=_("Klasifikasi"))

    class Meta:
        model = Person
        fields = ["agency", "employment", "is_it_staff", "classification", "is_active"]


class PositionFilter(AgencyScopedFilter):
    search_fields = ("title", "holder__full_name")
    is_head = django_filters.BooleanFilter(label=_("Kepala perangkat daerah"))

    class Meta:
        model = Position
        fields = ["agency", "is_head"]


class TierOneTechnicianFilter(AgencyScopedFilter):
    search_fields = ("person__full_name", "agency__name")
    current = django_filters.BooleanFilter(method="filter_current", label=_("Masih bertugas"))

    class Meta:
        model = TierOneTechnician
        fields = ["agency"]

    def filter_current(self, queryset, name, value):
        from .queries import current_technicians

        current = current_technicians().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)


class DecreeFilter(AgencyScopedFilter):
    search_fields = ("number", "subject", "decides")
    kind = django_filters.ChoiceFilter(choices=DecreeKind.choices, label=_("Jenis"))
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label=_("Tahun"))
    classification = django_filters.ChoiceFilter(choices=Classification.choices, label=_("Klasifikasi"))

    class Meta:
        model = Decree
        fields = ["kind", "agency", "classification"]


class GoverningBodyFilter(SearchFilterSet):
    search_fields = ("name", "description", "decree__number")
    kind = django_filters.ChoiceFilter(choices=BodyKind.choices, label=_("Jenis"))
    is_active = django_filters.BooleanFilter(label=_("Aktif"))

    class Meta:
        model = GoverningBody
        fields = ["kind", "is_active"]


class AssessmentFilter(AgencyScopedFilter):
    search_fields = ("agency__name", "agency__short_name")
    status = django_filters.ChoiceFilter(choices=AssessmentStatus.choices, label=_("Status"))

    class Meta:
        model = SelfRelianceAssessment
        fields = ["agency", "status"]
