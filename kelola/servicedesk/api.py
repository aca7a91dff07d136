"""Service-desk API endpoints (X-5): the catalogue with its SLA targets, the working calendar.

- /api/v1/it-services/                    CRUD; .../{id}/levels/ GET, PUT {"p1": [response, resolution], ...}
- /api/v1/holidays/                       CRUD; /api/v1/holidays/import-national/ POST {"year"}
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core.api.fields import ScopedModelSerializer
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedModelViewSet
from kelola.core.errors import ErrorCode, KelolaError

from . import services
from .filters import ServiceFilter
from .forms import ServiceForm
from .models import Holiday, Service, ServiceLevel


class ServiceSerializer(ScopedModelSerializer):
    class Meta:
        model = Service
        fields = ["id", "pemda", *ServiceForm.Meta.fields, "sop_document"]
        read_only_fields = ["pemda", "sop_document"]
        validators = []


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceLevel
        fields = ["priority", "response_minutes", "resolution_minutes"]


class LevelsInputSerializer(serializers.Serializer):
    p1 = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    p2 = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    p3 = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    p4 = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)


class ServiceViewSet(ScopedModelViewSet):
    queryset = Service.objects.all()
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilter
    select_related = ("agency",)
    ordering_fields = ["name", "category", "team"]
    create_service = staticmethod(services.service_create)
    update_service = staticmethod(services.service_update)
    delete_service = staticmethod(services.service_delete)

    @action(detail=True, methods=["get", "put"], serializer_class=LevelsInputSerializer)
    def levels(self, request, pk=None):
        service = self.get_object()
        if request.method == "PUT":
            incoming = LevelsInputSerializer(data=request.data)
            incoming.is_valid(raise_exception=True)
            services.levels_replace(
                service, {k: tuple(v) for k, v in incoming.validated_data.items()}, actor=request.user
            )
        return Response(LevelSerializer(service.levels.all(), many=True).data)


class HolidaySerializer(ScopedModelSerializer):
    class Meta:
        model = Holiday
        fields = ["id", "pemda", "date", "name"]
        read_only_fields = ["pemda"]
        validators = []


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


def _home_pemda(request):
    if request.user.pemda_id is None:
        raise KelolaError(_("Akun Anda tidak terkait dengan pemda mana pun."), code=ErrorCode.FORBIDDEN)
    return request.user.pemda


class HolidayViewSet(ScopedModelViewSet):
    queryset = Holiday.objects.all()
    serializer_class = HolidaySerializer
    ordering_fields = ["date"]
    update_service = staticmethod(services.holiday_update)
    delete_service = staticmethod(services.holiday_delete)

    def perform_create(self, serializer):
        serializer.instance = services.holiday_create(
            actor=self.request.user, pemda=_home_pemda(self.request), **serializer.validated_data
        )

    @action(detail=False, methods=["post"], url_path="import-national", serializer_class=YearSerializer)
    def import_national(self, request):
        incoming = YearSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        created = services.holidays_import(
            _home_pemda(request), incoming.validated_data["year"], actor=request.user
        )
        return Response(HolidaySerializer(created, many=True, context=self.get_serializer_context()).data)


router.register("it-services", ServiceViewSet, basename="it-service")
router.register("holidays", HolidayViewSet, basename="holiday")
