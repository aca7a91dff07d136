"""One FilterSet per register, shared by the list pages and the API (STYLE practice 9)."""

from __future__ import annotations

import datetime

import django_filters
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import (
    AssetCategory,
    AssetKind,
    AssetStatus,
    Condition,
    FundingSource,
    LanReportKind,
    LicenceType,
)
from .models import Asset, LanDiagram, Licence, MaintenanceRecord, MaintenanceSchedule
from .queries import EXPIRY_WARNING_DAYS


class AssetFilter(SearchFilterSet):
    search_fields = ("name", "serial_number", "brand_model")
    kind = django_filters.ChoiceFilter(choices=AssetKind.choices, label=_("Jenis"))
    category = django_filters.ChoiceFilter(choices=AssetCategory.choices, label=_("Kategori"))
    status = django_filters.ChoiceFilter(choices=AssetStatus.choices, label=_("Status"))
    condition = django_filters.ChoiceFilter(choices=Condition.choices, label=_("Kondisi"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    funding_source = django_filters.ChoiceFilter(choices=FundingSource.choices, label=_("Sumber dana"))

    class Meta:
        model = Asset
        fields = ["kind", "category", "status", "condition", "agency", "funding_source"]


class LicenceFilter(SearchFilterSet):
    search_fields = ("software_name", "vendor")
    licence_type = django_filters.ChoiceFilter(choices=LicenceType.choices, label=_("Jenis lisensi"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    expiring = django_filters.BooleanFilter(
        method="filter_expiring", label=_("Habis dalam %(days)s hari") % {"days": EXPIRY_WARNING_DAYS}
    )
    expired = django_filters.BooleanFilter(method="filter_expired", label=_("Sudah habis"))

    class Meta:
        model = Licence
        fields = ["licence_type", "agency"]

    def filter_expiring(self, queryset, name, value):
        if value is None:
            return queryset
        today = datetime.date.today()
        soon = {
            "expiry_date__gte": today,
            "expiry_date__lte": today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
        }
        return queryset.filter(**soon) if value else queryset.exclude(**soon)

    def filter_expired(self, queryset, name, value):
        if value is None:
            return queryset
        past = {"expiry_date__lt": datetime.date.today()}
        return queryset.filter(**past) if value else queryset.exclude(**past)


class ScheduleFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    asset = django_filters.NumberFilter(field_name="asset_id", label=_("Aset"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Terlambat"))

    class Meta:
        model = MaintenanceSchedule
        fields = ["agency", "is_active"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = {"is_active": True, "next_due__lt": datetime.date.today()}
        return (
            queryset.filter(**late).exclude(asset__status=AssetStatus.DISPOSED)
            if value
            else queryset.exclude(**late)
        )


class RecordFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    asset = django_filters.NumberFilter(field_name="asset_id", label=_("Aset"))

    class Meta:
        model = MaintenanceRecord
        fields = ["agency"]


class LanDiagramFilter(SearchFilterSet):
    search_fields = ("agency__name", "change_summary")
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    report_kind = django_filters.ChoiceFilter(choices=LanReportKind.choices, label=_("Jenis penyampaian"))
    effective_from = django_filters.DateFilter(
        field_name="effective_date", lookup_expr="gte", label=_("Berlaku sejak")
    )
    effective_until = django_filters.DateFilter(
        field_name="effective_date", lookup_expr="lte", label=_("Berlaku sampai")
    )
    current = django_filters.BooleanFilter(method="filter_current", label=_("Hanya diagram terkini"))

    class Meta:
        model = LanDiagram
        fields = ["agency", "report_kind"]

    def filter_current(self, queryset, name, value):
        """The latest diagram of each OPD (its current one), or the superseded ones."""
        if value is None:
            return queryset
        from django.db.models import OuterRef, Subquery

        latest = LanDiagram.objects.filter(agency=OuterRef("agency")).order_by("-effective_date", "-id")
        queryset = queryset.annotate(latest_id=Subquery(latest.values("id")[:1]))
        from django.db.models import F

        return queryset.filter(pk=F("latest_id")) if value else queryset.exclude(pk=F("latest_id"))
