"""One FilterSet per register, shared by the list page and the API (STYLE practice 9)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.choices import AgencyKind
from kelola.core.models import Agency, Pemda


def _visible(model):
    """Choices of a related filter narrowed to what the requesting user may see."""

    def queryset(request):
        if request is None:
            return model.objects.none()
        return model.objects.visible_to(request.user)

    return queryset


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari"))
    pemda = django_filters.ModelChoiceFilter(queryset=_visible(Pemda), label=_("Pemda"))
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices, label=_("Jenis"))
    it_self_reliant = django_filters.BooleanFilter(label=_("Mandiri TIK"))
    is_active = django_filters.BooleanFilter(label=_("Aktif"))

    class Meta:
        model = Agency
        fields = ["pemda", "kind", "it_self_reliant", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(short_name__icontains=value) | Q(code__icontains=value)
        )
