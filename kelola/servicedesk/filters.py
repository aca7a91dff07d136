import django_filters
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import ServiceCategory, Team
from .models import Service


class ServiceFilter(SearchFilterSet):
    search_fields = ("name", "description")
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Agency), label=_("Perangkat daerah pemilik")
    )
    category = django_filters.ChoiceFilter(choices=ServiceCategory.choices, label=_("Kategori"))
    team = django_filters.ChoiceFilter(choices=Team.choices, label=_("Tim tier 2"))
    critical = django_filters.BooleanFilter(label=_("Layanan kritis"))
    is_active = django_filters.BooleanFilter(label=_("Aktif"))

    class Meta:
        model = Service
        fields = ["agency", "category", "team", "critical", "is_active"]
