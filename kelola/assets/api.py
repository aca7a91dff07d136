"""API endpoints of the asset register (X-5), on the shared router.

- /api/v1/assets/                        CRUD; .../{id}/transition/ POST {"name", "comment", ...}
- /api/v1/licences/                      CRUD (with seats_used); .../{id}/assign/ POST {"asset"|"person"}
- /api/v1/licence-assignments/           list, read, DELETE (release a seat)
- /api/v1/maintenance-schedules/         CRUD; ?overdue=true lists overdue ones
- /api/v1/maintenance-records/           list, read, POST (moves the schedule's next due date)
- /api/v1/lan-diagrams/                  list, read, POST multipart (file + report_kind...);
                                         .../{id}/download/ GET; overdue/ GET overdue OPDs
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from kelola.core.api.fields import ScopedModelSerializer
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedCreateReadViewSet, ScopedModelViewSet, ScopedViewSetMixin

from . import queries, services
from .filters import AssetFilter, LanDiagramFilter, LicenceFilter, RecordFilter, ScheduleFilter
from .forms import ASSET_FIELDS
from .lifecycle import ASSET_LIFECYCLE, asset_transition
from .models import Asset, LanDiagram, Licence, LicenceAssignment, MaintenanceRecord, MaintenanceSchedule


class AssetSerializer(ScopedModelSerializer):
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in services.CREATABLE_STATUSES],
        required=False,
        help_text=_("Status awal saat dicatat; sesudahnya diubah lewat langkah siklus hidup (transition)."),
    )

    class Meta:
        model = Asset
        fields = ["id", "pemda", *ASSET_FIELDS, "status", "repair_count", "disposal_date", "disposal_reason"]
        read_only_fields = ["pemda", "repair_count", "disposal_date", "disposal_reason"]
        validators = []

    def validate(self, attrs):
        if self.instance is not None and "status" in attrs and attrs["status"] != self.instance.status:
            raise serializers.ValidationError({"status": [_("Status diubah lewat langkah siklus hidup.")]})
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["status"] = instance.status  # may be "disposed", outside the creatable choices
        return data


class AssetTransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=[(t.name, t.label) for t in ASSET_LIFECYCLE.transitions])
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    acquisition_date = serializers.DateField(required=False, allow_null=True, default=None)
    disposal_reason = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    disposal_date = serializers.DateField(required=False, allow_null=True, default=None)


class AssetViewSet(ScopedModelViewSet):
    queryset = Asset.objects.all()
    serializer_class = AssetSerializer
    filterset_class = AssetFilter
    select_related = ("agency",)
    ordering_fields = ["name", "acquisition_date", "acquisition_cost", "status", "category"]
    create_service = staticmethod(services.asset_create)
    update_service = staticmethod(services.asset_update)
    delete_service = staticmethod(services.asset_delete)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.defer("specs", "disposal_reason") if self.action == "list" else queryset

    @extend_schema(request=AssetTransitionSerializer, responses=AssetSerializer)
    @action(detail=True, methods=["post"], serializer_class=AssetTransitionSerializer)
    def transition(self, request, pk=None):
        asset = self.get_object()
        incoming = AssetTransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        asset = asset_transition(asset, data.pop("name"), actor=request.user, **data)
        return Response(AssetSerializer(asset, context=self.get_serializer_context()).data)


class LicenceSerializer(ScopedModelSerializer):
    seats_used = serializers.IntegerField(read_only=True)

    class Meta:
        model = Licence
        fields = [
            "id", "pemda", "agency", "software_name", "vendor", "licence_type", "seats", "seats_used",
            "expiry_date", "cost", "notes",
        ]  # fmt: skip
        read_only_fields = ["pemda"]
        validators = []


class LicenceAssignmentSerializer(ScopedModelSerializer):
    class Meta:
        model = LicenceAssignment
        fields = ["id", "licence", "asset", "person", "assigned_on"]
        read_only_fields = ["licence"]
        validators = []


class LicenceViewSet(ScopedModelViewSet):
    queryset = Licence.objects.all()
    serializer_class = LicenceSerializer
    filterset_class = LicenceFilter
    select_related = ("agency",)
    ordering_fields = ["software_name", "expiry_date", "cost"]
    create_service = staticmethod(services.licence_create)
    update_service = staticmethod(services.licence_update)
    delete_service = staticmethod(services.licence_delete)

    def get_queryset(self):
        return queries.with_seats_used(super().get_queryset())

    @extend_schema(request=LicenceAssignmentSerializer, responses={201: LicenceAssignmentSerializer})
    @action(detail=True, methods=["post"], serializer_class=LicenceAssignmentSerializer)
    def assign(self, request, pk=None):
        licence = self.get_object()
        incoming = LicenceAssignmentSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        assignment = services.licence_assign(licence, actor=request.user, **incoming.validated_data)
        return Response(
            LicenceAssignmentSerializer(assignment, context=self.get_serializer_context()).data, status=201
        )


class AssignmentViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Seats given out; DELETE releases one."""

    queryset = LicenceAssignment.objects.all()
    serializer_class = LicenceAssignmentSerializer
    filterset_fields = ["licence", "asset", "person"]
    delete_service = staticmethod(services.licence_unassign)


class MaintenanceScheduleSerializer(ScopedModelSerializer):
    next_due = serializers.DateField(required=False, allow_null=True)

    class Meta:
        model = MaintenanceSchedule
        fields = ["id", "pemda", "agency", "asset", "task", "interval_months", "next_due", "is_active"]
        read_only_fields = ["pemda", "agency"]
        validators = []

    def validate(self, attrs):
        if self.instance is not None and "asset" in attrs and attrs["asset"] != self.instance.asset:
            raise serializers.ValidationError({"asset": [_("Jadwal tidak dapat dipindah ke aset lain.")]})
        return attrs


class ScheduleViewSet(ScopedModelViewSet):
    queryset = MaintenanceSchedule.objects.all()
    serializer_class = MaintenanceScheduleSerializer
    filterset_class = ScheduleFilter
    ordering_fields = ["next_due"]
    update_service = staticmethod(services.schedule_update)
    delete_service = staticmethod(services.schedule_delete)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.schedule_create(data.pop("asset"), actor=self.request.user, **data)


class MaintenanceRecordSerializer(ScopedModelSerializer):
    class Meta:
        model = MaintenanceRecord
        fields = ["id", "pemda", "agency", "asset", "schedule", "date", "work", "cost", "performed_by"]
        read_only_fields = ["pemda", "agency"]
        validators = []


class RecordViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = MaintenanceRecord.objects.all()
    serializer_class = MaintenanceRecordSerializer
    filterset_class = RecordFilter
    ordering_fields = ["date"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.record_add(data.pop("asset"), actor=self.request.user, **data)


router.register("assets", AssetViewSet, basename="asset")
router.register("licences", LicenceViewSet, basename="licence")
router.register("licence-assignments", AssignmentViewSet, basename="licence-assignment")
router.register("maintenance-schedules", ScheduleViewSet, basename="maintenance-schedule")
router.register("maintenance-records", RecordViewSet, basename="maintenance-record")


# --- LAN diagrams (ASSET-4) -----------------------------------------------------------------


class LanDiagramSerializer(ScopedModelSerializer):
    file = serializers.FileField(
        write_only=True, help_text=_("Berkas diagram (PDF, PNG, JPEG atau SVG), dikirim sebagai multipart.")
    )
    file_name = serializers.CharField(source="document.original_name", read_only=True)
    sha256 = serializers.CharField(source="document.sha256", read_only=True)

    class Meta:
        model = LanDiagram
        fields = [
            "id", "pemda", "agency", "report_kind", "effective_date", "change_summary", "document",
            "file", "file_name", "sha256", "uploaded_by", "created_at",
        ]  # fmt: skip
        read_only_fields = ["pemda", "document", "uploaded_by", "created_at"]
        validators = []


class LanOverdueSerializer(serializers.Serializer):
    agency = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.name")
    pemda = serializers.IntegerField(source="agency.pemda_id")
    last_effective = serializers.DateField(allow_null=True)
    last_uploaded = serializers.DateTimeField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    days_overdue = serializers.IntegerField(allow_null=True)


class LanDiagramViewSet(ScopedCreateReadViewSet):
    """LAN diagrams of the OPDs: list, read, file a new one (multipart with `file`). Diagrams
    are a history and are never edited; `overdue/` lists the OPDs whose latest diagram is
    older than the period."""

    queryset = LanDiagram.objects.all()
    serializer_class = LanDiagramSerializer
    filterset_class = LanDiagramFilter
    select_related = ("agency", "document")
    ordering_fields = ["effective_date", "created_at"]
    parser_classes = [MultiPartParser, FormParser]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.lan_diagram_upload(
            actor=self.request.user, upload=data.pop("file"), **data
        )

    @extend_schema(responses=LanOverdueSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def overdue(self, request):
        rows = queries.lan_overdue(request.user)
        return Response(LanOverdueSerializer(rows, many=True).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        from kelola.core.documents import download_response

        diagram = self.get_object()
        return download_response(diagram.document, request.user, via=diagram)


router.register("lan-diagrams", LanDiagramViewSet, basename="lan-diagram")
