"""The public catalogue of electronic services (PORT-7, 001 Ps.18): production systems whose
owners consented to publication, readable without an account, in Indonesian and English."""

from __future__ import annotations

import django_filters
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from kelola.core.api.router import router
from kelola.core.choices import Classification
from kelola.core.models import Pemda

from .choices import LifecycleStatus
from .models import ElectronicSystem, SystemEntry
from .sections import SECTIONS_BY_KEY

PUBLIC_SECTIONS = ("function", "scope", "service_type", "user_group", "helpdesk")


def published():
    """Every system the public may see: in production, consented, not dikecualikan."""
    return ElectronicSystem.objects.filter(
        status=LifecycleStatus.PRODUCTION,
        publish_consent=True,
        classification=Classification.PUBLIC,
        pemda__is_active=True,
        agency__is_active=True,
    ).select_related("pemda", "agency")


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari"))
    pemda = django_filters.ModelChoiceFilter(
        queryset=Pemda.objects.filter(is_active=True),
        field_name="pemda",
        to_field_name="slug",
        label=_("Pemda"),
    )
    sector = django_filters.ChoiceFilter(
        choices=SECTIONS_BY_KEY["scope"].column("sector").choices,
        method="in_section",
        label=_("Ruang lingkup"),
    )
    service_type = django_filters.ChoiceFilter(
        choices=SECTIONS_BY_KEY["service_type"].column("kind").choices,
        method="in_section",
        label=_("Jenis layanan"),
    )

    class Meta:
        model = ElectronicSystem
        fields = ["pemda"]

    def search(self, queryset, name, value):
        rows = SystemEntry.objects.filter(
            system=OuterRef("pk"), section__in=PUBLIC_SECTIONS, text__icontains=value
        )
        return queryset.filter(
            Q(external_name__icontains=value)
            | Q(description__icontains=value)
            | Q(agency__name__icontains=value)
            | Exists(rows)
        )

    def in_section(self, queryset, name, value):
        section, column = ("scope", "sector") if name == "sector" else ("service_type", "kind")
        rows = SystemEntry.objects.filter(
            system=OuterRef("pk"), section=section, **{f"data__{column}": value}
        )
        return queryset.filter(Exists(rows))


def _public_sections(system) -> list[dict]:
    grouped: dict[str, list] = {}
    for entry in system.entries.filter(section__in=PUBLIC_SECTIONS):
        grouped.setdefault(entry.section, []).append(entry.data)
    tables = []
    for key in PUBLIC_SECTIONS:
        section = SECTIONS_BY_KEY[key]
        rows = [[c.display(data.get(c.name)) for c in section.columns] for data in grouped.get(key, [])]
        if rows:
            tables.append(
                {"section": section, "headers": [str(c.label) for c in section.columns], "rows": rows}
            )
    return tables


def catalogue_list(request):
    filterset = CatalogueFilter(request.GET or None, queryset=published().order_by("external_name", "pk"))
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portfolio/catalogue.html",
        {
            "filterset": filterset,
            "page": page,
            "query_without_page": query.urlencode(),
            "title": _("Katalog layanan elektronik"),
        },
    )


def catalogue_detail(request, pk):
    system = published().filter(pk=pk).first()
    if system is None:
        raise Http404
    return render(
        request,
        "portfolio/catalogue_detail.html",
        {"system": system, "tables": _public_sections(system), "title": system.external_name},
    )


class CatalogueSerializer(serializers.ModelSerializer):
    pemda = serializers.CharField(source="pemda.name")
    agency = serializers.CharField(source="agency.name")
    functions = serializers.SerializerMethodField()

    class Meta:
        model = ElectronicSystem
        fields = [
            "id",
            "external_name",
            "description",
            "url",
            "pemda",
            "agency",
            "service_target",
            "functions",
        ]

    def get_functions(self, obj) -> list[str]:
        return [e.data.get("name", "") for e in obj.entries.all() if e.section == "function"]


class CatalogueViewSet(viewsets.ReadOnlyModelViewSet):
    """The public catalogue, without authentication (PORT-7)."""

    serializer_class = CatalogueSerializer
    filterset_class = CatalogueFilter
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return published().prefetch_related("entries").order_by("external_name", "pk")


router.register("catalogue", CatalogueViewSet, basename="catalogue")
