"""REST API of the hosting register, registered on the shared router.

- /api/v1/hosting-requests/           list, read, file; .../{id}/transition/ POST {"name", "comment",
                                      step data}; .../{id}/checks/ POST {"item", "passed", "note"}
- /api/v1/vps-requests/               list, read, file; .../{id}/transition/ POST {"name", "comment",
                                      "host", "prefix", "device_name", "handover_note"}
- /api/v1/vps-renewals/               list, read, file (the OPD); .../{id}/decision/ POST
                                      {"approve", "comment"} (the data-center team)
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core.api.fields import ScopedModelSerializer, ScopedPrimaryKeyRelatedField
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedCreateReadViewSet
from kelola.datacenter.models import Device, Rack
from kelola.network.models import Prefix

from . import hosting, vps
from .choices import CheckItem
from .filters import HostingRequestFilter, VpsRenewalFilter, VpsRequestFilter
from .models import HostingCheck, HostingReminder, HostingRequest, VpsRenewal, VpsRequest


class HostingCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = HostingCheck
        fields = ["item", "stage", "passed", "note", "checked_by", "updated_at"]
        read_only_fields = fields


class HostingReminderSerializer(serializers.ModelSerializer):
    letter_number = serializers.CharField(source="letter.number", read_only=True, default="")

    class Meta:
        model = HostingReminder
        fields = ["number", "letter", "letter_number", "sent_at", "window_ends_at"]
        read_only_fields = fields


class HostingRequestSerializer(ScopedModelSerializer):
    addresses = serializers.SlugRelatedField(many=True, read_only=True, slug_field="address")
    checks = HostingCheckSerializer(many=True, read_only=True)
    reminders = HostingReminderSerializer(many=True, read_only=True)

    class Meta:
        model = HostingRequest
        fields = [
            "id",
            "pemda",
            "agency",
            "kind",
            "status",
            "system",
            "letter_number",
            "letter_date",
            "purpose",
            "vendor",
            "server_brand",
            "serial_number",
            "u_height",
            "power_watt",
            "operating_system",
            "requested_by",
            "review_note",
            "recommendation",
            "decision_reason",
            "decided_by",
            "decided_at",
            "setup_deadline",
            "setup_done_at",
            "setup_flagged_at",
            "device",
            "addresses",
            "completed_at",
            "checks",
            "reminders",
            "created_at",
        ]
        read_only_fields = [
            "pemda",
            "status",
            "requested_by",
            "review_note",
            "recommendation",
            "decision_reason",
            "decided_by",
            "decided_at",
            "setup_deadline",
            "setup_done_at",
            "setup_flagged_at",
            "device",
            "completed_at",
            "created_at",
        ]


class HostingTransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=[t.name for t in hosting.HOSTING.transitions])
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    u_height = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=60)
    power_watt = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    rack = ScopedPrimaryKeyRelatedField(queryset=Rack.objects.all(), required=False, allow_null=True)
    position = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    host = ScopedPrimaryKeyRelatedField(queryset=Device.objects.all(), required=False, allow_null=True)
    vm = ScopedPrimaryKeyRelatedField(queryset=Device.objects.all(), required=False, allow_null=True)
    device_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    prefixes = ScopedPrimaryKeyRelatedField(queryset=Prefix.objects.all(), many=True, required=False)


class HostingCheckInputSerializer(serializers.Serializer):
    item = serializers.ChoiceField(choices=CheckItem.choices)
    passed = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class HostingRequestViewSet(ScopedCreateReadViewSet):
    queryset = HostingRequest.objects.all()
    serializer_class = HostingRequestSerializer
    filterset_class = HostingRequestFilter
    select_related = ("agency", "system", "device")
    ordering_fields = ["created_at", "status", "letter_date"]
    create_service = staticmethod(hosting.request_create)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("addresses", "checks", "reminders__letter")

    def _answer(self, obj):
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(HostingRequestSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=HostingTransitionSerializer, responses={200: HostingRequestSerializer})
    @action(detail=True, methods=["post"], serializer_class=HostingTransitionSerializer)
    def transition(self, request, pk=None):
        hosting_request = self.get_object()
        incoming = HostingTransitionSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        name, comment = data.pop("name"), data.pop("comment")
        updated = hosting.request_transition(
            hosting_request, name, actor=request.user, comment=comment, **data
        )
        return self._answer(updated)

    @extend_schema(request=HostingCheckInputSerializer, responses={201: HostingRequestSerializer})
    @action(detail=True, methods=["post"], serializer_class=HostingCheckInputSerializer)
    def checks(self, request, pk=None):
        hosting_request = self.get_object()
        incoming = HostingCheckInputSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        hosting.check_record(hosting_request, actor=request.user, **incoming.validated_data)
        response = self._answer(hosting_request)
        response.status_code = status.HTTP_201_CREATED
        return response


class VpsRequestSerializer(ScopedModelSerializer):
    address_text = serializers.CharField(source="address.address", read_only=True, default="")

    class Meta:
        model = VpsRequest
        fields = [
            "id",
            "pemda",
            "agency",
            "status",
            "purpose",
            "system",
            "vcpus",
            "memory_gb",
            "storage_gb",
            "operating_system",
            "period_months",
            "requested_by",
            "decision_reason",
            "decided_by",
            "decided_at",
            "device",
            "address",
            "address_text",
            "provisioned_at",
            "expires_on",
            "handover_note",
            "created_at",
        ]
        read_only_fields = [
            "pemda",
            "status",
            "requested_by",
            "decision_reason",
            "decided_by",
            "decided_at",
            "device",
            "address",
            "provisioned_at",
            "expires_on",
            "handover_note",
            "created_at",
        ]


class VpsTransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=[t.name for t in vps.VPS.transitions if t.name != "renew"])
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    host = ScopedPrimaryKeyRelatedField(queryset=Device.objects.all(), required=False, allow_null=True)
    prefix = ScopedPrimaryKeyRelatedField(queryset=Prefix.objects.all(), required=False, allow_null=True)
    device_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    handover_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class VpsRequestViewSet(ScopedCreateReadViewSet):
    queryset = VpsRequest.objects.all()
    serializer_class = VpsRequestSerializer
    filterset_class = VpsRequestFilter
    select_related = ("agency", "device", "address")
    ordering_fields = ["created_at", "status", "expires_on"]
    create_service = staticmethod(vps.vps_create)

    @extend_schema(request=VpsTransitionSerializer, responses={200: VpsRequestSerializer})
    @action(detail=True, methods=["post"], serializer_class=VpsTransitionSerializer)
    def transition(self, request, pk=None):
        item = self.get_object()
        incoming = VpsTransitionSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        name, comment = data.pop("name"), data.pop("comment")
        updated = vps.vps_transition(item, name, actor=request.user, comment=comment, **data)
        fresh = self.get_queryset().get(pk=updated.pk)
        return Response(VpsRequestSerializer(fresh, context=self.get_serializer_context()).data)


class VpsRenewalSerializer(ScopedModelSerializer):
    class Meta:
        model = VpsRenewal
        fields = [
            "id",
            "pemda",
            "agency",
            "vps",
            "months",
            "reason",
            "status",
            "requested_by",
            "decision_reason",
            "decided_by",
            "decided_at",
            "new_expires_on",
            "created_at",
        ]
        read_only_fields = [
            "pemda",
            "agency",
            "status",
            "requested_by",
            "decision_reason",
            "decided_by",
            "decided_at",
            "new_expires_on",
            "created_at",
        ]
        validators = []


class RenewalDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class VpsRenewalViewSet(ScopedCreateReadViewSet):
    queryset = VpsRenewal.objects.all()
    serializer_class = VpsRenewalSerializer
    filterset_class = VpsRenewalFilter
    select_related = ("vps",)
    ordering_fields = ["created_at", "status"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = vps.renewal_create(data.pop("vps"), actor=self.request.user, **data)

    @extend_schema(request=RenewalDecisionSerializer, responses={200: VpsRenewalSerializer})
    @action(detail=True, methods=["post"], serializer_class=RenewalDecisionSerializer)
    def decision(self, request, pk=None):
        renewal = self.get_object()
        incoming = RenewalDecisionSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        decided = vps.renewal_decide(renewal, actor=request.user, **incoming.validated_data)
        fresh = self.get_queryset().get(pk=decided.pk)
        return Response(VpsRenewalSerializer(fresh, context=self.get_serializer_context()).data)


router.register("hosting-requests", HostingRequestViewSet, basename="hostingrequest")
router.register("vps-requests", VpsRequestViewSet, basename="vpsrequest")
router.register("vps-renewals", VpsRenewalViewSet, basename="vpsrenewal")
