"""API endpoints of the address plan (DC-4), registered on the shared router.

- /api/v1/prefixes/                 CRUD; .../{id}/next-free/ POST: allocate the lowest free address
- /api/v1/ip-addresses/             CRUD
- /api/v1/vlans/                    CRUD
- /api/v1/address-requests/         list, read, file; .../{id}/transition/ POST {"name", "comment", "prefix"}
- /api/v1/domains/                  CRUD (DC-7); ?expiring=true: expiring within 60 days
- /api/v1/dns-records/              CRUD; a record's domain is fixed once created
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core.access import home_pemda
from kelola.core.api.fields import ScopedModelSerializer, ScopedPrimaryKeyRelatedField
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedCreateReadViewSet, ScopedModelViewSet
from kelola.core.models import Agency

from . import domains, requesting, services
from .choices import AddressStatus
from .filters import (
    AddressRequestFilter,
    DnsRecordFilter,
    DomainFilter,
    IpAddressFilter,
    PrefixFilter,
    VlanFilter,
)
from .models import AddressRequest, DnsRecord, Domain, IpAddress, Prefix, Vlan


class VlanSerializer(ScopedModelSerializer):
    class Meta:
        model = Vlan
        fields = ["id", "pemda", "vid", "name", "agency", "description"]
        read_only_fields = ["pemda"]
        validators = []


class PrefixSerializer(ScopedModelSerializer):
    class Meta:
        model = Prefix
        fields = [
            "id",
            "pemda",
            "network",
            "family",
            "prefix_length",
            "scope",
            "vlan",
            "agency",
            "description",
            "parent",
            "depth",
        ]
        read_only_fields = ["pemda", "family", "prefix_length", "parent", "depth"]
        validators = []


class IpAddressSerializer(ScopedModelSerializer):
    class Meta:
        model = IpAddress
        fields = [
            "id",
            "pemda",
            "prefix",
            "address",
            "family",
            "status",
            "agency",
            "assigned_to",
            "device",
            "system",
            "dns_name",
            "description",
            "request",
        ]
        read_only_fields = ["pemda", "family", "request"]
        validators = []


class NextFreeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AddressStatus.choices, default=AddressStatus.ALLOCATED)
    agency = ScopedPrimaryKeyRelatedField(queryset=Agency.objects.all(), required=False, allow_null=True)
    assigned_to = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    dns_name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class VlanViewSet(ScopedModelViewSet):
    queryset = Vlan.objects.all()
    serializer_class = VlanSerializer
    filterset_class = VlanFilter
    select_related = ("agency",)
    ordering_fields = ["vid", "name"]
    update_service = staticmethod(services.vlan_update)
    delete_service = staticmethod(services.vlan_delete)

    def perform_create(self, serializer):
        serializer.instance = services.vlan_create(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )


class PrefixViewSet(ScopedModelViewSet):
    queryset = Prefix.objects.all()
    serializer_class = PrefixSerializer
    filterset_class = PrefixFilter
    select_related = ("agency", "vlan")
    ordering_fields = ["start_key", "prefix_length", "scope"]
    update_service = staticmethod(services.prefix_update)
    delete_service = staticmethod(services.prefix_delete)

    def perform_create(self, serializer):
        serializer.instance = services.prefix_create(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )

    @extend_schema(request=NextFreeSerializer, responses={201: IpAddressSerializer})
    @action(detail=True, methods=["post"], url_path="next-free", serializer_class=NextFreeSerializer)
    def next_free(self, request, pk=None):
        prefix = self.get_object()
        incoming = NextFreeSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        if data.get("agency") is None:
            data["agency"] = prefix.agency
        ip = services.next_free(prefix, actor=request.user, **data)
        body = IpAddressSerializer(ip, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


class IpAddressViewSet(ScopedModelViewSet):
    queryset = IpAddress.objects.all()
    serializer_class = IpAddressSerializer
    filterset_class = IpAddressFilter
    select_related = ("agency", "prefix")
    ordering_fields = ["key", "status", "assigned_to"]
    create_service = staticmethod(services.address_create)
    update_service = staticmethod(services.address_update)
    delete_service = staticmethod(services.address_delete)


class AddressRequestSerializer(ScopedModelSerializer):
    addresses = serializers.SlugRelatedField(many=True, read_only=True, slug_field="address")

    class Meta:
        model = AddressRequest
        fields = [
            "id",
            "pemda",
            "agency",
            "scope",
            "family",
            "quantity",
            "purpose",
            "system",
            "status",
            "requested_by",
            "prefix",
            "decision_reason",
            "decided_at",
            "addresses",
            "created_at",
        ]
        read_only_fields = [
            "pemda",
            "status",
            "requested_by",
            "prefix",
            "decision_reason",
            "decided_at",
            "created_at",
        ]


class RequestTransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=[t.name for t in requesting.REQUEST.transitions])
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    prefix = ScopedPrimaryKeyRelatedField(queryset=Prefix.objects.all(), required=False, allow_null=True)


class AddressRequestViewSet(ScopedCreateReadViewSet):
    queryset = AddressRequest.objects.all()
    serializer_class = AddressRequestSerializer
    filterset_class = AddressRequestFilter
    select_related = ("agency", "prefix")
    ordering_fields = ["created_at", "status"]
    create_service = staticmethod(requesting.request_create)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("addresses")

    @extend_schema(request=RequestTransitionSerializer, responses={200: AddressRequestSerializer})
    @action(detail=True, methods=["post"], serializer_class=RequestTransitionSerializer)
    def transition(self, request, pk=None):
        address_request = self.get_object()
        incoming = RequestTransitionSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        updated = requesting.request_transition(
            address_request,
            data["name"],
            actor=request.user,
            comment=data["comment"],
            prefix=data.get("prefix"),
        )
        updated = self.get_queryset().get(pk=updated.pk)
        return Response(AddressRequestSerializer(updated, context=self.get_serializer_context()).data)


class DomainSerializer(ScopedModelSerializer):
    class Meta:
        model = Domain
        fields = [
            "id",
            "pemda",
            "kind",
            "name",
            "agency",
            "village_name",
            "kabupaten_name",
            "registrar",
            "registered_on",
            "expires_on",
            "status",
            "description",
        ]
        read_only_fields = ["pemda"]
        # uniqueness is the service's (409 with the reason), not the serializer's (400)
        extra_kwargs = {"name": {"validators": []}}
        validators = []


class DnsRecordSerializer(ScopedModelSerializer):
    domain = ScopedPrimaryKeyRelatedField(queryset=Domain.objects.all())

    class Meta:
        model = DnsRecord
        fields = ["id", "pemda", "domain", "type", "host", "value", "priority", "ttl"]
        read_only_fields = ["pemda"]
        validators = []


class DomainViewSet(ScopedModelViewSet):
    queryset = Domain.objects.all()
    serializer_class = DomainSerializer
    filterset_class = DomainFilter
    select_related = ("agency",)
    ordering_fields = ["name", "expires_on", "kind", "status"]
    update_service = staticmethod(domains.domain_update)
    delete_service = staticmethod(domains.domain_delete)

    def perform_create(self, serializer):
        serializer.instance = domains.domain_create(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )


class DnsRecordViewSet(ScopedModelViewSet):
    queryset = DnsRecord.objects.all()
    serializer_class = DnsRecordSerializer
    filterset_class = DnsRecordFilter
    select_related = ("domain",)
    ordering_fields = ["host", "type"]
    create_service = staticmethod(domains.record_create)
    update_service = staticmethod(domains.record_update)
    delete_service = staticmethod(domains.record_delete)


router.register("prefixes", PrefixViewSet, basename="prefix")
router.register("ip-addresses", IpAddressViewSet, basename="ipaddress")
router.register("vlans", VlanViewSet, basename="vlan")
router.register("address-requests", AddressRequestViewSet, basename="addressrequest")
router.register("domains", DomainViewSet, basename="domain")
router.register("dns-records", DnsRecordViewSet, basename="dnsrecord")
