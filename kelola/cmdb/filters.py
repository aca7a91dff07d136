"""FilterSets of the configuration register, shared by the list pages and the API."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import CiKind, Origin, RelationKind
from .models import ConfigurationItem, Relation


class ConfigurationItemFilter(SearchFilterSet):
    search_fields = ("name",)
    kind = django_filters.ChoiceFilter(choices=CiKind.choices, label=_("Jenis"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))

    class Meta:
        model = ConfigurationItem
        fields = ["kind", "agency"]

    def search(self, queryset, name, value):
        # A name, or an IP address: the server/VM the address is assigned to.
        from kelola.network.models import IpAddress

        value = value.strip()
        devices = IpAddress.objects.filter(address=value, device__isnull=False).values("device_id")
        device_type = ContentType.objects.get_by_natural_key("datacenter", "device")
        return queryset.filter(Q(name__icontains=value) | Q(content_type=device_type, object_id__in=devices))


class RelationFilter(SearchFilterSet):
    search_fields = ("source__name", "target__name", "note")
    kind = django_filters.ChoiceFilter(choices=RelationKind.choices, label=_("Jenis relasi"))
    origin = django_filters.ChoiceFilter(choices=Origin.choices, label=_("Asal"))
    source_kind = django_filters.ChoiceFilter(
        field_name="source__kind", choices=CiKind.choices, label=_("Jenis item")
    )
    target_kind = django_filters.ChoiceFilter(
        field_name="target__kind", choices=CiKind.choices, label=_("Jenis item tujuan")
    )

    class Meta:
        model = Relation
        fields = ["kind", "origin", "source_kind", "target_kind"]
