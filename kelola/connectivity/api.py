"""REST API of the connectivity domain (DC-5, DC-6), registered on the shared router.

- /api/v1/connection-point-requests/     list, read, file; .../{id}/transition/ POST
                                          {"name", "comment", survey/recommendation/... fields}
- /api/v1/event-network-requests/        list, read, file; .../{id}/transition/ POST
                                          {"name", "comment", "prefix", "recommendation", ...}
- /api/v1/bandwidth-capacities/          CRUD (the IT office)
- /api/v1/bandwidth-needs/               CRUD; the recommendation is computed
- /api/v1/bandwidth-allocations/         CRUD; overlapping periods and over-allocation refused
- /api/v1/bandwidth-usage/               list, read; .../import/ POST multipart
                                          {"file_format": csv|snmp, "file"}
- /api/v1/bandwidth-report/              GET ?month=yyyy-mm: over/under use per OPD
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from kelola.core.access import home_pemda
from kelola.core.api.fields import ScopedModelSerializer, ScopedPrimaryKeyRelatedField
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedCreateReadViewSet, ScopedModelViewSet, ScopedReadOnlyViewSet
from kelola.network.models import Prefix

from . import bandwidth, connection, events, importing, reports
from .choices import UsageClass
from .filters import (
    BandwidthAllocationFilter,
    BandwidthCapacityFilter,
    BandwidthNeedFilter,
    BandwidthUsageFilter,
    ConnectionPointRequestFilter,
    EventNetworkRequestFilter,
)
from .models import (
    BandwidthAllocation,
    BandwidthCapacity,
    BandwidthNeed,
    BandwidthUsage,
    ConnectionPointRequest,
    EventNetworkRequest,
)
from .policies import sees_bandwidth

# --- connection points ----------------------------------------------------------------------


class ConnectionPointRequestSerializer(ScopedModelSerializer):
    class Meta:
        model = ConnectionPointRequest
        fields = [
            "id",
            "pemda",
            "agency",
            "building",
            "room",
            "points",
            "purpose",
            "status",
            "requested_by",
            "survey_location",
            "survey_points",
            "survey_devices",
            "survey_notes",
            "surveyed_at",
            "recommendation",
            "analysis",
            "installation_report",
            "installed_at",
            "decision_reason",
            "closed_at",
            "created_at",
        ]
        read_only_fields = [f for f in fields if f not in {"agency", "building", "room", "points", "purpose"}]


class ConnectionTransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=[t.name for t in connection.CONNECTION.transitions])
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    survey_location = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    survey_points = serializers.IntegerField(required=False, min_value=1, max_value=500)
    survey_devices = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    survey_notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    recommendation = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    analysis = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    installation_report = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    decision_reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ConnectionPointRequestViewSet(ScopedCreateReadViewSet):
    queryset = ConnectionPointRequest.objects.all()
    serializer_class = ConnectionPointRequestSerializer
    filterset_class = ConnectionPointRequestFilter
    select_related = ("agency",)
    ordering_fields = ["created_at", "status", "points"]
    create_service = staticmethod(connection.connection_create)

    @extend_schema(request=ConnectionTransitionSerializer, responses={200: ConnectionPointRequestSerializer})
    @action(detail=True, methods=["post"], serializer_class=ConnectionTransitionSerializer)
    def transition(self, request, pk=None):
        obj = self.get_object()
        incoming = ConnectionTransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        name, comment = data.pop("name"), data.pop("comment")
        updated = connection.connection_transition(obj, name, actor=request.user, comment=comment, **data)
        return Response(ConnectionPointRequestSerializer(updated, context=self.get_serializer_context()).data)


# --- events ---------------------------------------------------------------------------------


class EventNetworkRequestSerializer(ScopedModelSerializer):
    addresses = serializers.SlugRelatedField(many=True, read_only=True, slug_field="address")

    class Meta:
        model = EventNetworkRequest
        fields = [
            "id",
            "pemda",
            "agency",
            "name",
            "venue",
            "start_at",
            "end_at",
            "participants",
            "addresses_needed",
            "needs_internet",
            "needs_intranet",
            "bandwidth_mbps",
            "notes",
            "status",
            "requested_by",
            "recommendation",
            "prefix",
            "addresses",
            "reserved_addresses",
            "setup_report",
            "decision_reason",
            "dismantled_at",
            "created_at",
        ]
        read_only_fields = [
            "pemda",
            "status",
            "requested_by",
            "recommendation",
            "prefix",
            "reserved_addresses",
            "setup_report",
            "decision_reason",
            "dismantled_at",
            "created_at",
        ]
        validators = []  # the service validates (one refusal with every reason)


class EventTransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=[t.name for t in events.EVENT.transitions])
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    prefix = ScopedPrimaryKeyRelatedField(queryset=Prefix.objects.all(), required=False, allow_null=True)
    recommendation = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    addresses_needed = serializers.IntegerField(required=False, min_value=1, max_value=4096)
    setup_report = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    decision_reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class EventNetworkRequestViewSet(ScopedCreateReadViewSet):
    queryset = EventNetworkRequest.objects.all()
    serializer_class = EventNetworkRequestSerializer
    filterset_class = EventNetworkRequestFilter
    select_related = ("agency", "prefix")
    ordering_fields = ["start_at", "created_at", "status"]
    create_service = staticmethod(events.event_create)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("addresses")

    @extend_schema(request=EventTransitionSerializer, responses={200: EventNetworkRequestSerializer})
    @action(detail=True, methods=["post"], serializer_class=EventTransitionSerializer)
    def transition(self, request, pk=None):
        event = self.get_object()
        incoming = EventTransitionSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        name, comment = data.pop("name"), data.pop("comment")
        updated = events.event_transition(event, name, actor=request.user, comment=comment, **data)
        updated = self.get_queryset().get(pk=updated.pk)
        return Response(EventNetworkRequestSerializer(updated, context=self.get_serializer_context()).data)


# --- bandwidth ------------------------------------------------------------------------------


class BandwidthCapacitySerializer(ScopedModelSerializer):
    class Meta:
        model = BandwidthCapacity
        fields = ["id", "pemda", "name", "provider", "capacity_mbps", "valid_from", "valid_to", "description"]
        read_only_fields = ["pemda"]
        validators = []


class BandwidthCapacityViewSet(ScopedModelViewSet):
    queryset = BandwidthCapacity.objects.all()
    serializer_class = BandwidthCapacitySerializer
    filterset_class = BandwidthCapacityFilter
    ordering_fields = ["valid_from", "name", "capacity_mbps"]
    update_service = staticmethod(bandwidth.capacity_update)
    delete_service = staticmethod(bandwidth.capacity_delete)

    def perform_create(self, serializer):
        serializer.instance = bandwidth.capacity_create(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )


class BandwidthNeedSerializer(ScopedModelSerializer):
    class Meta:
        model = BandwidthNeed
        fields = [
            "id",
            "pemda",
            "agency",
            "year",
            "staff_users",
            "systems_in_use",
            "current_mbps",
            "requested_mbps",
            "justification",
            "recommended_mbps",
        ]
        read_only_fields = ["pemda", "recommended_mbps"]
        validators = []  # uniqueness is the service's (with the reason)


class BandwidthNeedViewSet(ScopedModelViewSet):
    queryset = BandwidthNeed.objects.all()
    serializer_class = BandwidthNeedSerializer
    filterset_class = BandwidthNeedFilter
    select_related = ("agency",)
    ordering_fields = ["year", "requested_mbps", "recommended_mbps"]
    create_service = staticmethod(bandwidth.need_create)
    update_service = staticmethod(bandwidth.need_update)
    delete_service = staticmethod(bandwidth.need_delete)


class BandwidthAllocationSerializer(ScopedModelSerializer):
    class Meta:
        model = BandwidthAllocation
        fields = [
            "id",
            "pemda",
            "agency",
            "committed_mbps",
            "valid_from",
            "valid_to",
            "link",
            "need",
            "notes",
        ]
        read_only_fields = ["pemda"]
        validators = []


class BandwidthAllocationViewSet(ScopedModelViewSet):
    queryset = BandwidthAllocation.objects.all()
    serializer_class = BandwidthAllocationSerializer
    filterset_class = BandwidthAllocationFilter
    select_related = ("agency", "link")
    ordering_fields = ["valid_from", "committed_mbps"]
    create_service = staticmethod(bandwidth.allocation_create)
    update_service = staticmethod(bandwidth.allocation_update)
    delete_service = staticmethod(bandwidth.allocation_delete)


class BandwidthUsageSerializer(ScopedModelSerializer):
    class Meta:
        model = BandwidthUsage
        fields = ["id", "pemda", "agency", "period", "avg_mbps", "peak_mbps", "source", "created_at"]
        read_only_fields = fields


class UsageImportSerializer(serializers.Serializer):
    file_format = serializers.ChoiceField(choices=[("csv", "csv"), ("snmp", "snmp")], default="csv")
    file = serializers.FileField()


class ImportRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.ChoiceField(
        choices=[("created", "created"), ("skipped", "skipped"), ("failed", "failed")]
    )
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class UsageImportReportSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    skipped = serializers.IntegerField()
    failed = serializers.IntegerField()
    days = serializers.IntegerField()
    over_use = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    rows = ImportRowSerializer(many=True)


class BandwidthUsageViewSet(ScopedReadOnlyViewSet):
    queryset = BandwidthUsage.objects.all()
    serializer_class = BandwidthUsageSerializer
    filterset_class = BandwidthUsageFilter
    select_related = ("agency",)
    ordering_fields = ["period", "avg_mbps", "peak_mbps"]

    @extend_schema(
        request={"multipart/form-data": UsageImportSerializer}, responses={200: UsageImportReportSerializer}
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=UsageImportSerializer,
    )
    def import_usage(self, request):
        incoming = UsageImportSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        report = importing.import_usage(
            incoming.validated_data["file"], actor=request.user, kind=incoming.validated_data["file_format"]
        )
        return Response(report)


class ReportRowSerializer(serializers.Serializer):
    agency = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.name")
    allocated_mbps = serializers.DecimalField(
        source="allocated", max_digits=10, decimal_places=2, allow_null=True
    )
    average_mbps = serializers.DecimalField(
        source="average", max_digits=10, decimal_places=2, allow_null=True
    )
    peak_mbps = serializers.DecimalField(source="peak", max_digits=10, decimal_places=2, allow_null=True)
    average_percent = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    peak_percent = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    days = serializers.IntegerField()
    usage_class = serializers.ChoiceField(source="classification", choices=UsageClass.choices)


class BandwidthReportViewSet(viewsets.ViewSet):
    """Over/under use per OPD for one month (002 Ps.35(2)c)."""

    permission_classes = [IsAuthenticated]
    serializer_class = ReportRowSerializer

    @extend_schema(
        parameters=[OpenApiParameter("month", OpenApiTypes.STR, description="yyyy-mm (default: last month)")],
        responses={200: ReportRowSerializer(many=True)},
    )
    def list(self, request):
        if not sees_bandwidth(request.user):
            raise PermissionDenied
        year, month = reports.parse_month(request.query_params.get("month"))
        rows = reports.month_report(request.user, year, month)
        return Response(ReportRowSerializer(rows, many=True).data)


router.register("connection-point-requests", ConnectionPointRequestViewSet, basename="connectionpointrequest")
router.register("event-network-requests", EventNetworkRequestViewSet, basename="eventnetworkrequest")
router.register("bandwidth-capacities", BandwidthCapacityViewSet, basename="bandwidthcapacity")
router.register("bandwidth-needs", BandwidthNeedViewSet, basename="bandwidthneed")
router.register("bandwidth-allocations", BandwidthAllocationViewSet, basename="bandwidthallocation")
router.register("bandwidth-usage", BandwidthUsageViewSet, basename="bandwidthusage")
router.register("bandwidth-report", BandwidthReportViewSet, basename="bandwidthreport")
