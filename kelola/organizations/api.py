"""Organisation API endpoints (X-5), through the same services and scopes as the UI."""

from __future__ import annotations

from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core.api.fields import ScopedModelSerializer, ScopedPrimaryKeyRelatedField
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedModelViewSet, ScopedReadOnlyViewSet
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency, Pemda

from . import services
from .filters import (
    AgencyFilter,
    AssessmentFilter,
    DecreeFilter,
    GoverningBodyFilter,
    PersonFilter,
    PositionFilter,
    TierOneTechnicianFilter,
)
from .models import (
    Decree,
    GoverningBody,
    Membership,
    Person,
    Position,
    SelfRelianceAssessment,
    TierOneTechnician,
)


def _pemda_of(request):
    if request.user.pemda_id is None:
        raise KelolaError("Akun Anda tidak terkait dengan pemda mana pun.", code=ErrorCode.FORBIDDEN)
    return request.user.pemda


class PemdaSerializer(ScopedModelSerializer):
    class Meta:
        model = Pemda
        fields = [
            "id",
            "name",
            "kind",
            "code",
            "slug",
            "province",
            "address",
            "phone",
            "email",
            "domain",
            "timezone",
            "letter_code",
            "requires_two_factor",
            "is_active",
        ]
        read_only_fields = ["kind", "code", "slug", "province", "is_active"]


class AgencySerializer(ScopedModelSerializer):
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
        read_only_fields = ["pemda", "it_self_reliant"]


class PersonSerializer(ScopedModelSerializer):
    class Meta:
        model = Person
        fields = [
            "id",
            "pemda",
            "agency",
            "full_name",
            "nip",
            "employment",
            "rank",
            "email",
            "phone",
            "is_it_staff",
            "classification",
            "is_active",
        ]
        read_only_fields = ["pemda"]


class PositionSerializer(ScopedModelSerializer):
    class Meta:
        model = Position
        fields = ["id", "pemda", "agency", "title", "is_head", "holder", "since"]
        read_only_fields = ["pemda"]


class TierOneTechnicianSerializer(ScopedModelSerializer):
    class Meta:
        model = TierOneTechnician
        fields = ["id", "pemda", "agency", "person", "since", "until"]
        read_only_fields = ["pemda"]


class DecreeSerializer(ScopedModelSerializer):
    class Meta:
        model = Decree
        fields = [
            "id",
            "pemda",
            "agency",
            "kind",
            "number",
            "date",
            "subject",
            "decides",
            "signed_by",
            "effective_from",
            "effective_until",
            "document",
            "classification",
        ]
        read_only_fields = ["pemda", "document"]


class MembershipSerializer(ScopedModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "person", "role", "term_start", "term_end", "is_current"]


class GoverningBodySerializer(ScopedModelSerializer):
    members = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = GoverningBody
        fields = ["id", "pemda", "kind", "name", "description", "decree", "is_active", "members"]
        read_only_fields = ["pemda"]


class AssessmentSerializer(ScopedModelSerializer):
    class Meta:
        model = SelfRelianceAssessment
        fields = [
            "id",
            "pemda",
            "agency",
            "status",
            "has_it_staff",
            "it_staff_evidence",
            "has_built_systems",
            "built_systems_evidence",
            "assessor_notes",
            "proposed_at",
            "decided_at",
            "decree",
            "activated_at",
            "revoked_at",
            "revocation_decree",
        ]
        read_only_fields = [
            "pemda",
            "status",
            "proposed_at",
            "decided_at",
            "decree",
            "activated_at",
            "revoked_at",
            "revocation_decree",
        ]


class TransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=["propose", "approve", "reject", "activate", "revoke", "withdraw"])
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    decree = ScopedPrimaryKeyRelatedField(queryset=Decree.objects.all(), required=False, allow_null=True)


class PemdaViewSet(ScopedReadOnlyViewSet):
    queryset = Pemda.objects.all()
    serializer_class = PemdaSerializer

    def partial_update(self, request, *args, **kwargs):
        pemda = self.get_object()
        serializer = self.get_serializer(pemda, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        pemda = services.pemda_update(pemda, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(pemda).data)


class AgencyViewSet(ScopedModelViewSet):
    queryset = Agency.objects.all()
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    select_related = ("pemda",)
    ordering_fields = ["name", "short_name", "kind"]
    update_service = staticmethod(services.agency_update)
    delete_service = staticmethod(services.agency_delete)

    def perform_create(self, serializer):
        serializer.instance = services.agency_create(
            actor=self.request.user, pemda=_pemda_of(self.request), **serializer.validated_data
        )


class _RowViewSet(ScopedModelViewSet):
    update_service = staticmethod(services.row_update)
    delete_service = staticmethod(services.row_delete)


class PersonViewSet(_RowViewSet):
    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    create_service = staticmethod(services.person_create)


class PositionViewSet(_RowViewSet):
    queryset = Position.objects.all()
    serializer_class = PositionSerializer
    filterset_class = PositionFilter
    create_service = staticmethod(services.position_create)


class TierOneTechnicianViewSet(_RowViewSet):
    queryset = TierOneTechnician.objects.all()
    serializer_class = TierOneTechnicianSerializer
    filterset_class = TierOneTechnicianFilter
    create_service = staticmethod(services.tier_one_technician_create)


class DecreeViewSet(_RowViewSet):
    queryset = Decree.objects.all()
    serializer_class = DecreeSerializer
    filterset_class = DecreeFilter

    def perform_create(self, serializer):
        serializer.instance = services.decree_create(
            actor=self.request.user, pemda=_pemda_of(self.request), **serializer.validated_data
        )


class GoverningBodyViewSet(_RowViewSet):
    queryset = GoverningBody.objects.prefetch_related("members")
    serializer_class = GoverningBodySerializer
    filterset_class = GoverningBodyFilter

    def perform_create(self, serializer):
        serializer.instance = services.governing_body_create(
            actor=self.request.user, pemda=_pemda_of(self.request), **serializer.validated_data
        )

    @action(detail=True, methods=["post"], serializer_class=MembershipSerializer)
    def members(self, request, pk=None):
        body = self.get_object()
        serializer = MembershipSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        membership = services.membership_create(actor=request.user, body=body, **serializer.validated_data)
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


class AssessmentViewSet(ScopedModelViewSet):
    queryset = SelfRelianceAssessment.objects.all()
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_service = staticmethod(services.assessment_start)
    update_service = staticmethod(services.assessment_update)

    @action(detail=True, methods=["post"], serializer_class=TransitionSerializer)
    def transition(self, request, pk=None):
        """Take a step of the Mandiri TIK workflow: propose, approve, reject, activate, revoke, withdraw."""
        assessment = self.get_object()
        serializer = TransitionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assessment = services.assessment_transition(
            assessment, data["name"], actor=request.user, comment=data["comment"], decree=data.get("decree")
        )
        return Response(AssessmentSerializer(assessment, context=self.get_serializer_context()).data)


router.register("pemda", PemdaViewSet, basename="pemda")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("people", PersonViewSet, basename="person")
router.register("positions", PositionViewSet, basename="position")
router.register("tier-one-technicians", TierOneTechnicianViewSet, basename="tier-one-technician")
router.register("decrees", DecreeViewSet, basename="decree")
router.register("governing-bodies", GoverningBodyViewSet, basename="governing-body")
router.register("self-reliance-assessments", AssessmentViewSet, basename="self-reliance-assessment")
