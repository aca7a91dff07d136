"""One FilterSet per register, shared by the list pages and the API (STYLE practice 9)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import ConnectionStatus, EventStatus, UsageSource
from .models import (
    BandwidthAllocation,
    BandwidthCapacity,
    BandwidthNeed,
    BandwidthUsage,
    ConnectionPointRequest,
    EventNetworkRequest,
)


def _agency_filter():
    return django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))


class ConnectionPointRequestFilter(SearchFilterSet):
    search_fields = ("building", "room", "purpose", "recommendation", "agency__name")
    status = django_filters.ChoiceFilter(choices=ConnectionStatus.choices, label=_("Status"))
    agency = _agency_filter()

    class Meta:
        model = ConnectionPointRequest
        fields = ["status", "agency"]


class EventNetworkRequestFilter(SearchFilterSet):
    search_fields = ("name", "venue", "notes", "agency__name")
    status = django_filters.ChoiceFilter(choices=EventStatus.choices, label=_("Status"))
    agency = _agency_filter()
    starts_after = django_filters.DateFilter(
        field_name="start_at", lookup_expr="date__gte", label=_("Mulai sejak")
    )
    starts_before = django_filters.DateFilter(
        field_name="start_at", lookup_expr="date__lte", label=_("Mulai sampai")
    )

    class Meta:
        model = EventNetworkRequest
        fields = ["status", "agency", "starts_after", "starts_before"]


class BandwidthCapacityFilter(SearchFilterSet):
    search_fields = ("name", "provider", "description")

    class Meta:
        model = BandwidthCapacity
        fields = []


class BandwidthNeedFilter(SearchFilterSet):
    search_fields = ("agency__name", "justification")
    year = django_filters.NumberFilter(label=_("Tahun"))
    agency = _agency_filter()

    class Meta:
        model = BandwidthNeed
        fields = ["year", "agency"]


class BandwidthAllocationFilter(SearchFilterSet):
    search_fields = ("agency__name", "notes", "link__name", "link__provider")
    agency = _agency_filter()
    active_on = django_filters.DateFilter(method="filter_active_on", label=_("Berlaku pada"))

    class Meta:
        model = BandwidthAllocation
        fields = ["agency", "active_on"]

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(valid_from__lte=value).exclude(valid_to__lt=value)


class BandwidthUsageFilter(SearchFilterSet):
    search_fields = ("agency__name", "agency__code", "agency__short_name")
    agency = _agency_filter()
    source = django_filters.ChoiceFilter(choices=UsageSource.choices, label=_("Sumber"))
    period_from = django_filters.DateFilter(field_name="period", lookup_expr="gte", label=_("Dari tanggal"))
    period_to = django_filters.DateFilter(field_name="period", lookup_expr="lte", label=_("Sampai tanggal"))

    class Meta:
        model = BandwidthUsage
        fields = ["agency", "source", "period_from", "period_to"]
