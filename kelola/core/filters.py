"""Shared FilterSet pieces for every register's list page and API (STYLE practice 9)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.access import actor_for


def visible_choices(model):
    """Choices of a related filter narrowed to what the requesting user may see."""

    def queryset(request):
        if request is None:
            return model.objects.none()
        return model.objects.visible_to(request.user)

    return queryset


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet with a `q` search over `search_fields`; filters named in `pemda_filters` are
    dropped for users who belong to a single pemda (they would offer one choice)."""

    q = django_filters.CharFilter(method="search", label=_("Cari"))
    search_fields: tuple[str, ...] = ()
    pemda_filters: tuple[str, ...] = ("pemda",)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and _single_pemda(user):
            for name in self.pemda_filters:
                self.filters.pop(name, None)

    def search(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


def _single_pemda(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    actor = actor_for(user)
    return not actor.is_platform_admin and len(actor.member_pemdas()) <= 1
