"""One FilterSet per register, shared by the list pages and the API (STYLE practice 9)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import AddressStatus, DomainKind, DomainStatus, Family, RecordType, RequestStatus, Scope
from .models import AddressRequest, DnsRecord, Domain, IpAddress, Prefix, Vlan


class PrefixFilter(SearchFilterSet):
    search_fields = ("network", "description", "agency__name", "vlan__name")
    family = django_filters.ChoiceFilter(choices=Family.choices, label=_("Versi"))
    scope = django_filters.ChoiceFilter(choices=Scope.choices, label=_("Jenis"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    vlan = django_filters.ModelChoiceFilter(queryset=visible_choices(Vlan), label=_("VLAN"))

    class Meta:
        model = Prefix
        fields = ["family", "scope", "agency", "vlan"]

    def search(self, queryset, name, value):
        # "10.1.0.0/24" or a bare address: the prefixes that contain it, besides the text search.
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        key = _key_of(value)
        if key is not None:
            condition |= Q(start_key__lte=key, end_key__gte=key)
        return queryset.filter(condition)


def _key_of(text: str):
    import ipaddress

    from .addressing import to_key

    try:
        return to_key(int(ipaddress.ip_address(text.strip())))
    except ValueError:
        return None


class IpAddressFilter(SearchFilterSet):
    search_fields = ("address", "assigned_to", "dns_name", "description", "system__internal_name")
    status = django_filters.ChoiceFilter(choices=AddressStatus.choices, label=_("Status"))
    family = django_filters.ChoiceFilter(choices=Family.choices, label=_("Versi"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    prefix = django_filters.ModelChoiceFilter(queryset=visible_choices(Prefix), label=_("Prefiks"))

    class Meta:
        model = IpAddress
        fields = ["status", "family", "agency", "prefix"]


class VlanFilter(SearchFilterSet):
    search_fields = ("name", "description")
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))

    class Meta:
        model = Vlan
        fields = ["agency"]


class AddressRequestFilter(SearchFilterSet):
    search_fields = ("purpose", "decision_reason")
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    scope = django_filters.ChoiceFilter(choices=Scope.choices, label=_("Jenis alamat"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))

    class Meta:
        model = AddressRequest
        fields = ["status", "scope", "agency"]


class DomainFilter(SearchFilterSet):
    search_fields = ("name", "village_name", "registrar", "description", "agency__name")
    kind = django_filters.ChoiceFilter(choices=DomainKind.choices, label=_("Jenis"))
    status = django_filters.ChoiceFilter(choices=DomainStatus.choices, label=_("Status"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    expiring = django_filters.BooleanFilter(method="filter_expiring", label=_("Kedaluwarsa dalam 60 hari"))

    class Meta:
        model = Domain
        fields = ["kind", "status", "agency", "expiring"]

    def filter_expiring(self, queryset, name, value):
        from .domains import expiring_q

        if value is None:
            return queryset
        return queryset.filter(expiring_q()) if value else queryset.exclude(expiring_q())


class DnsRecordFilter(SearchFilterSet):
    search_fields = ("host", "value", "domain__name")
    type = django_filters.ChoiceFilter(choices=RecordType.choices, label=_("Jenis rekaman"))
    domain = django_filters.ModelChoiceFilter(queryset=visible_choices(Domain), label=_("Domain"))

    class Meta:
        model = DnsRecord
        fields = ["type", "domain"]
