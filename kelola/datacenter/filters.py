"""One FilterSet per register, shared by the list pages and the API (STYLE practice 9)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import DeviceKind, DeviceOrigin, DeviceStatus, FacilityKind
from .models import DataCenter, Device, PowerFeed, Rack, Room


class DataCenterFilter(SearchFilterSet):
    search_fields = ("name", "code", "address", "description")
    kind = django_filters.ChoiceFilter(choices=FacilityKind.choices, label=_("Jenis"))
    meets_standard = django_filters.BooleanFilter(label=_("Memenuhi standar nasional"))

    class Meta:
        model = DataCenter
        fields = ["kind", "meets_standard"]


class RoomFilter(SearchFilterSet):
    search_fields = ("name", "floor", "description", "datacenter__name")
    datacenter = django_filters.ModelChoiceFilter(queryset=visible_choices(DataCenter), label=_("Pusat data"))

    class Meta:
        model = Room
        fields = ["datacenter"]


class RackFilter(SearchFilterSet):
    search_fields = ("name", "description", "room__name", "room__datacenter__name")
    datacenter = django_filters.ModelChoiceFilter(
        field_name="room__datacenter", queryset=visible_choices(DataCenter), label=_("Pusat data")
    )
    room = django_filters.ModelChoiceFilter(queryset=visible_choices(Room), label=_("Ruang"))
    warning = django_filters.BooleanFilter(method="filter_warning", label=_("Mencapai ambang peringatan"))

    class Meta:
        model = Rack
        fields = ["datacenter", "room", "warning"]

    def filter_warning(self, queryset, name, value):
        from .services import usage_for, with_usage

        if value is None:
            return queryset
        # The feeds' usable capacity is a rule in Python (`feed_capacity`), so the flag is too.
        flagged = [rack.pk for rack in with_usage(queryset.order_by()) if usage_for(rack)["warning"]]
        return queryset.filter(pk__in=flagged) if value else queryset.exclude(pk__in=flagged)


class PowerFeedFilter(SearchFilterSet):
    search_fields = ("name", "rack__name")
    rack = django_filters.ModelChoiceFilter(queryset=visible_choices(Rack), label=_("Rak"))

    class Meta:
        model = PowerFeed
        fields = ["rack", "is_redundant"]


class DeviceFilter(SearchFilterSet):
    search_fields = ("name", "serial_number", "operating_system", "description")
    kind = django_filters.ChoiceFilter(choices=DeviceKind.choices, label=_("Jenis"))
    status = django_filters.ChoiceFilter(choices=DeviceStatus.choices, label=_("Status"))
    origin = django_filters.ChoiceFilter(choices=DeviceOrigin.choices, label=_("Asal"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    datacenter = django_filters.ModelChoiceFilter(queryset=visible_choices(DataCenter), label=_("Pusat data"))
    rack = django_filters.ModelChoiceFilter(queryset=visible_choices(Rack), label=_("Rak"))
    host = django_filters.ModelChoiceFilter(
        queryset=lambda request: (
            visible_choices(Device)(request).filter(kind=DeviceKind.SERVER)
            if request is not None
            else Device.objects.none()
        ),
        label=_("Host"),
    )

    class Meta:
        model = Device
        fields = ["kind", "status", "origin", "agency", "datacenter", "rack", "host"]

    def __init__(self, *args, request=None, **kwargs):
        from .policies import is_datacenter_staff

        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and not is_datacenter_staff(user):
            # An OPD sees none of the facilities: empty choices would only confuse.
            for name in ("datacenter", "rack"):
                self.filters.pop(name, None)
