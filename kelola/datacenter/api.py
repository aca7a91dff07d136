"""REST API of the data-center facilities register (DC-3), registered on the shared router.

- /api/v1/datacenters/            CRUD
- /api/v1/rooms/                  CRUD
- /api/v1/racks/                  CRUD, with each rack's `usage`; ?warning=true: at the threshold
- /api/v1/racks/{id}/elevation/   GET: the units from the top down, with the device on each
- /api/v1/power-feeds/            CRUD
- /api/v1/devices/                CRUD; ?kind= &status= &origin= &agency= &datacenter= &rack= &host= &q=
Writes go through the services (same rules, same refusals as the pages).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core.access import home_pemda
from kelola.core.api.fields import ScopedModelSerializer
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedModelViewSet

from . import services
from .filters import DataCenterFilter, DeviceFilter, PowerFeedFilter, RackFilter, RoomFilter
from .models import DataCenter, Device, PowerFeed, Rack, Room


class DataCenterSerializer(ScopedModelSerializer):
    class Meta:
        model = DataCenter
        fields = [
            "id",
            "pemda",
            "name",
            "code",
            "kind",
            "agency",
            "meets_standard",
            "address",
            "power_capacity_kw",
            "description",
        ]
        read_only_fields = ["pemda"]
        validators = []  # uniqueness is the service's (with its reason)


class RoomSerializer(ScopedModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "pemda", "datacenter", "name", "floor", "description"]
        read_only_fields = ["pemda"]
        validators = []


class RackUsageSerializer(serializers.Serializer):
    devices = serializers.IntegerField()
    units_total = serializers.IntegerField()
    units_used = serializers.IntegerField()
    units_free = serializers.IntegerField()
    units_percent = serializers.FloatField()
    power_drawn_watt = serializers.IntegerField()
    power_max_watt = serializers.IntegerField()
    power_percent = serializers.FloatField()
    feed_capacity_watt = serializers.IntegerField()
    feed_percent = serializers.FloatField(allow_null=True)
    warning_percent = serializers.IntegerField()
    units_warning = serializers.BooleanField()
    power_warning = serializers.BooleanField()
    over_power = serializers.BooleanField()
    over_feed = serializers.BooleanField()
    warning = serializers.BooleanField()


class RackSerializer(ScopedModelSerializer):
    usage = serializers.SerializerMethodField()

    class Meta:
        model = Rack
        fields = [
            "id",
            "pemda",
            "room",
            "name",
            "u_height",
            "max_power_watt",
            "warning_percent",
            "description",
            "usage",
        ]
        read_only_fields = ["pemda"]
        validators = []

    @extend_schema_field(RackUsageSerializer)
    def get_usage(self, obj) -> dict:
        usage = services.usage_for(obj) if hasattr(obj, "units_used") else services.rack_usage(obj)
        return RackUsageSerializer(usage).data


class PowerFeedSerializer(ScopedModelSerializer):
    capacity_watt = serializers.IntegerField(read_only=True)

    class Meta:
        model = PowerFeed
        fields = [
            "id",
            "pemda",
            "rack",
            "name",
            "voltage",
            "amperage",
            "max_utilisation",
            "is_redundant",
            "capacity_watt",
        ]
        read_only_fields = ["pemda"]
        validators = []


class DeviceSerializer(ScopedModelSerializer):
    rack_name = serializers.CharField(source="rack.name", read_only=True, default=None)
    datacenter_name = serializers.CharField(source="datacenter.name", read_only=True, default=None)

    class Meta:
        model = Device
        fields = [
            "id",
            "pemda",
            "name",
            "kind",
            "status",
            "origin",
            "agency",
            "datacenter",
            "datacenter_name",
            "rack",
            "rack_name",
            "position",
            "u_height",
            "host",
            "power_draw_watt",
            "vcpus",
            "memory_gb",
            "storage_gb",
            "operating_system",
            "serial_number",
            "asset",
            "systems",
            "description",
        ]
        read_only_fields = ["pemda"]
        validators = []


class ElevationDeviceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    agency = serializers.CharField(source="agency.name")
    position = serializers.IntegerField(allow_null=True)
    u_height = serializers.IntegerField()
    power_draw_watt = serializers.IntegerField()


class ElevationUnitSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    occupied = serializers.BooleanField()
    starts = serializers.BooleanField(help_text="The device's top unit: the device is listed here.")
    span = serializers.IntegerField()
    device = ElevationDeviceSerializer(allow_null=True)


class ElevationSerializer(serializers.Serializer):
    rack = serializers.IntegerField()
    name = serializers.CharField()
    u_height = serializers.IntegerField()
    usage = RackUsageSerializer()
    units = ElevationUnitSerializer(many=True)
    unmounted = ElevationDeviceSerializer(many=True)


class InHomePemdaMixin:
    """Facilities are created in the acting user's own pemda."""

    create_in_pemda = None

    def perform_create(self, serializer):
        serializer.instance = self.create_in_pemda(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )


class DataCenterViewSet(InHomePemdaMixin, ScopedModelViewSet):
    queryset = DataCenter.objects.all()
    serializer_class = DataCenterSerializer
    filterset_class = DataCenterFilter
    ordering_fields = ["name", "code", "kind"]
    create_in_pemda = staticmethod(services.datacenter_create)
    update_service = staticmethod(services.datacenter_update)
    delete_service = staticmethod(services.datacenter_delete)


class RoomViewSet(InHomePemdaMixin, ScopedModelViewSet):
    queryset = Room.objects.all()
    serializer_class = RoomSerializer
    filterset_class = RoomFilter
    select_related = ("datacenter",)
    ordering_fields = ["name"]
    create_in_pemda = staticmethod(services.room_create)
    update_service = staticmethod(services.room_update)
    delete_service = staticmethod(services.room_delete)


class RackViewSet(InHomePemdaMixin, ScopedModelViewSet):
    queryset = Rack.objects.all()
    serializer_class = RackSerializer
    filterset_class = RackFilter
    select_related = ("room",)
    ordering_fields = ["name", "u_height"]
    create_in_pemda = staticmethod(services.rack_create)
    update_service = staticmethod(services.rack_update)
    delete_service = staticmethod(services.rack_delete)

    def get_queryset(self):
        return services.with_usage(super().get_queryset())

    @extend_schema(responses={200: ElevationSerializer})
    @action(detail=True, methods=["get"], serializer_class=ElevationSerializer, filterset_class=None)
    def elevation(self, request, pk=None):
        rack = self.get_object()
        plan = services.elevation(rack, Device.objects.visible_to(request.user).filter(rack=rack))
        body = {
            "rack": rack.pk,
            "name": rack.name,
            "u_height": rack.u_height,
            "usage": services.rack_usage(rack),
            "units": plan["units"],
            "unmounted": plan["unmounted"],
        }
        return Response(ElevationSerializer(body).data)


class PowerFeedViewSet(InHomePemdaMixin, ScopedModelViewSet):
    queryset = PowerFeed.objects.all()
    serializer_class = PowerFeedSerializer
    filterset_class = PowerFeedFilter
    select_related = ("rack",)
    ordering_fields = ["name"]
    create_in_pemda = staticmethod(services.power_feed_create)
    update_service = staticmethod(services.power_feed_update)
    delete_service = staticmethod(services.power_feed_delete)


class DeviceViewSet(ScopedModelViewSet):
    queryset = Device.objects.all()
    serializer_class = DeviceSerializer
    filterset_class = DeviceFilter
    select_related = ("agency", "rack", "datacenter")
    ordering_fields = ["name", "kind", "status", "position"]
    update_service = staticmethod(services.device_update)
    delete_service = staticmethod(services.device_delete)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("systems")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        agency = data.pop("agency")
        serializer.instance = services.device_create(
            actor=self.request.user, pemda=agency.pemda, agency=agency, **data
        )


router.register("datacenters", DataCenterViewSet, basename="datacenter")
router.register("rooms", RoomViewSet, basename="room")
router.register("racks", RackViewSet, basename="rack")
router.register("power-feeds", PowerFeedViewSet, basename="powerfeed")
router.register("devices", DeviceViewSet, basename="device")
