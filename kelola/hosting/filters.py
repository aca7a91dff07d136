"""One FilterSet per register, shared by the list pages and the API (STYLE practice 9)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import HostingKind, HostingStatus, RenewalStatus, VpsStatus
from .models import HostingRequest, VpsRenewal, VpsRequest


class _WaitingFilter(SearchFilterSet):
    waiting = django_filters.BooleanFilter(method="filter_waiting", label=_("Menunggu saya"))

    def waiting_q(self, user):  # pragma: no cover - abstract
        raise NotImplementedError

    def filter_waiting(self, queryset, name, value):
        if value is None or self.request is None:
            return queryset
        condition = self.waiting_q(self.request.user)
        return (queryset.filter(condition) if value else queryset.exclude(condition)).distinct()


class HostingRequestFilter(_WaitingFilter):
    search_fields = (
        "letter_number",
        "purpose",
        "vendor",
        "server_brand",
        "system__internal_name",
        "system__external_name",
        "agency__name",
    )
    status = django_filters.ChoiceFilter(choices=HostingStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=HostingKind.choices, label=_("Jenis penitipan"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))

    class Meta:
        model = HostingRequest
        fields = ["status", "kind", "agency", "waiting"]

    def waiting_q(self, user):
        from .hosting import waiting_q

        return waiting_q(user)


class VpsRequestFilter(_WaitingFilter):
    search_fields = ("purpose", "operating_system", "agency__name", "system__internal_name", "device__name")
    status = django_filters.ChoiceFilter(choices=VpsStatus.choices, label=_("Status"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))

    class Meta:
        model = VpsRequest
        fields = ["status", "agency", "waiting"]

    def waiting_q(self, user):
        from .vps import waiting_q

        return waiting_q(user)


class VpsRenewalFilter(SearchFilterSet):
    search_fields = ("reason", "decision_reason")
    status = django_filters.ChoiceFilter(choices=RenewalStatus.choices, label=_("Status"))
    vps = django_filters.ModelChoiceFilter(queryset=visible_choices(VpsRequest), label=_("VPS"))

    class Meta:
        model = VpsRenewal
        fields = ["status", "vps"]
