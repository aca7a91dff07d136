"""Organisation API endpoints, registered on the shared router."""

from __future__ import annotations

from rest_framework import serializers

from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedReadOnlyViewSet
from kelola.core.models import Agency, Pemda

from .filters import AgencyFilter


class PemdaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pemda
        fields = ["id", "name", "kind", "code", "slug", "province", "domain", "timezone", "is_active"]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = [
            "id",
            "pemda",
            "parent",
            "name",
            "short_name",
            "kind",
            "code",
            "is_it_office",
            "it_self_reliant",
            "address",
            "phone",
            "email",
            "website",
            "subdomain",
            "is_active",
        ]


class PemdaViewSet(ScopedReadOnlyViewSet):
    queryset = Pemda.objects.all()
    serializer_class = PemdaSerializer
    search_fields = ["name"]


class AgencyViewSet(ScopedReadOnlyViewSet):
    queryset = Agency.objects.all()
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    select_related = ("pemda",)
    ordering_fields = ["name", "short_name", "kind"]


router.register("pemda", PemdaViewSet, basename="pemda")
router.register("agencies", AgencyViewSet, basename="agency")
