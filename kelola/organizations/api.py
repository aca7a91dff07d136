"""Organisation API endpoints (X-5), through the same services and scopes as the pages.

- /api/v1/pemda/                         list, retrieve, PATCH (settings)
- /api/v1/agencies/                      CRUD (an agency's own head/IT officer: contacts only)
- /api/v1/people/, positions/, tier-one-technicians/, decrees/, governing-bodies/,
  memberships/                           CRUD
- /api/v1/decrees/{id}/signed-document/  POST the signed PDF (multipart: file, title)
- /api/v1/governing-bodies/{id}/members/ POST a seat in the body
- /api/v1/self-reliance-assessments/     list, retrieve, create (start), PATCH (draft)
- .../{id}/transition/                   POST {"name", "comment", "decree"}
- .../{id}/evidence/                     GET the evidence documents; POST one (multipart)

Every foreign key is accepted only inside what the user may see (ScopedModelSerializer); rows
outside it answer 404; refusals answer {"code", "detail", "errors"} (kelola.core.api.errors).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kelola.core.access import home_pemda
from kelola.core.api.fields import ScopedModelSerializer, ScopedPrimaryKeyRelatedField
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedModelViewSet, ScopedReadOnlyViewSet
from kelola.core.documents import documents_of
from kelola.core.models import Agency, Pemda
from kelola.core.services import ensure, refusals_logged

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
from .workflows import SELF_RELIANCE


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
        # Uniqueness is judged by the service's full_clean, one answer for UI and API.
        extra_kwargs = {"name": {"validators": []}}


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
        validators = []  # the one-head rule is the model's, checked by the service


class TierOneTechnicianSerializer(ScopedModelSerializer):
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = TierOneTechnician
        fields = ["id", "pemda", "agency", "person", "since", "until", "is_current"]
        read_only_fields = ["pemda"]
        validators = []


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
        validators = []


class SignedDocumentSerializer(serializers.Serializer):
    file = serializers.FileField()
    title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class MembershipSerializer(ScopedModelSerializer):
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "pemda", "body", "person", "role", "term_start", "term_end", "is_current"]
        read_only_fields = ["pemda"]

    def validate(self, attrs):
        if self.instance is not None and "body" in attrs and attrs["body"] != self.instance.body:
            raise serializers.ValidationError(
                {"body": [_("Keanggotaan tidak dapat dipindah ke badan lain.")]}
            )
        if self.instance is not None:
            attrs.pop("body", None)
        return attrs


class SeatSerializer(MembershipSerializer):
    """A seat posted to /governing-bodies/{id}/members/: the body comes from the URL."""

    class Meta(MembershipSerializer.Meta):
        read_only_fields = ["pemda", "body"]


class GoverningBodySerializer(ScopedModelSerializer):
    members = serializers.SerializerMethodField()

    class Meta:
        model = GoverningBody
        fields = ["id", "pemda", "kind", "name", "description", "decree", "is_active", "members"]
        read_only_fields = ["pemda"]
        validators = []

    def get_members(self, obj) -> list[dict]:
        request = self.context.get("request")
        if request is None:
            return []
        # Seats of a classified person stay hidden from readers who may not see that person.
        seats = Membership.objects.visible_to(request.user).filter(body=obj).select_related("person")
        return MembershipSerializer(seats, many=True, context=self.context).data


class AssessmentSerializer(ScopedModelSerializer):
    available_transitions = serializers.SerializerMethodField()

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
            "assessed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
            "decision_notes",
            "decree",
            "activated_at",
            "revoked_at",
            "revocation_decree",
            "available_transitions",
        ]
        read_only_fields = [
            "pemda",
            "status",
            "assessed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
            "decision_notes",
            "decree",
            "activated_at",
            "revoked_at",
            "revocation_decree",
        ]
        validators = []  # one open assessment per agency: the service answers "conflict"

    def get_available_transitions(self, obj) -> list[str]:
        request = self.context.get("request")
        return [step.name for step in SELF_RELIANCE.available(request.user, obj)] if request else []

    def validate(self, attrs):
        if self.instance is not None and "agency" in attrs:
            if attrs["agency"] != self.instance.agency:
                raise serializers.ValidationError(
                    {"agency": [_("Perangkat daerah yang dinilai tidak dapat diubah.")]}
                )
            attrs.pop("agency")
        return attrs


class TransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=[step.name for step in SELF_RELIANCE.transitions])
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    decree = ScopedPrimaryKeyRelatedField(queryset=Decree.objects.all(), required=False, allow_null=True)


class PemdaViewSet(ScopedReadOnlyViewSet):
    """The pemda the user belongs to; its administrators PATCH its settings."""

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
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )


class PersonViewSet(ScopedModelViewSet):
    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    select_related = ("agency",)
    ordering_fields = ["full_name", "nip"]
    create_service = staticmethod(services.person_create)
    update_service = staticmethod(services.person_update)
    delete_service = staticmethod(services.person_delete)


class PositionViewSet(ScopedModelViewSet):
    queryset = Position.objects.all()
    serializer_class = PositionSerializer
    filterset_class = PositionFilter
    ordering_fields = ["title", "since"]
    create_service = staticmethod(services.position_create)
    update_service = staticmethod(services.position_update)
    delete_service = staticmethod(services.position_delete)


class TierOneTechnicianViewSet(ScopedModelViewSet):
    queryset = TierOneTechnician.objects.all()
    serializer_class = TierOneTechnicianSerializer
    filterset_class = TierOneTechnicianFilter
    ordering_fields = ["since", "until"]
    create_service = staticmethod(services.tier_one_technician_create)
    update_service = staticmethod(services.tier_one_technician_update)
    delete_service = staticmethod(services.tier_one_technician_delete)


class DecreeViewSet(ScopedModelViewSet):
    queryset = Decree.objects.all()
    serializer_class = DecreeSerializer
    filterset_class = DecreeFilter
    ordering_fields = ["date", "number"]
    update_service = staticmethod(services.decree_update)
    delete_service = staticmethod(services.decree_delete)

    def perform_create(self, serializer):
        serializer.instance = services.decree_create(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )

    @action(
        detail=True,
        methods=["post"],
        url_path="signed-document",
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=SignedDocumentSerializer,
    )
    def signed_document(self, request, pk=None):
        """Upload the signed decree (PDF); a later upload becomes its next version."""
        decree = self.get_object()
        incoming = SignedDocumentSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        decree = services.decree_attach_signed(
            decree,
            actor=request.user,
            upload=incoming.validated_data["file"],
            title=incoming.validated_data["title"],
        )
        return Response(DecreeSerializer(decree, context=self.get_serializer_context()).data)


class GoverningBodyViewSet(ScopedModelViewSet):
    queryset = GoverningBody.objects.all()
    serializer_class = GoverningBodySerializer
    filterset_class = GoverningBodyFilter
    select_related = ("decree",)
    ordering_fields = ["name", "kind"]
    update_service = staticmethod(services.governing_body_update)
    delete_service = staticmethod(services.governing_body_delete)

    def perform_create(self, serializer):
        serializer.instance = services.governing_body_create(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )

    @action(detail=True, methods=["post"], serializer_class=SeatSerializer)
    def members(self, request, pk=None):
        body = self.get_object()
        # Refuse who may not seat members before judging the payload, as the page does: the
        # answer is then 403 rather than field errors about people they cannot see.
        seat = Membership(pemda=body.pemda, body=body)
        with refusals_logged(request.user, "add", seat, Membership):
            ensure(request.user, "add", seat)
        serializer = SeatSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        membership = services.membership_create(actor=request.user, body=body, **serializer.validated_data)
        return Response(
            MembershipSerializer(membership, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class MembershipViewSet(ScopedModelViewSet):
    queryset = Membership.objects.all()
    serializer_class = MembershipSerializer
    select_related = ("body", "person")
    filterset_fields = ["body", "role"]
    ordering_fields = ["term_start", "term_end"]
    update_service = staticmethod(services.membership_update)
    delete_service = staticmethod(services.membership_delete)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        body = data.pop("body")
        serializer.instance = services.membership_create(actor=self.request.user, body=body, **data)


class AssessmentViewSet(ScopedModelViewSet):
    """Mandiri TIK assessments (001 Ps.19): never deleted; they end by a workflow step."""

    queryset = SelfRelianceAssessment.objects.all()
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    select_related = ("agency",)
    ordering_fields = ["created_at", "proposed_at", "decided_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_service = staticmethod(services.assessment_start)
    update_service = staticmethod(services.assessment_update)

    @action(detail=True, methods=["post"], serializer_class=TransitionSerializer)
    def transition(self, request, pk=None):
        """Take a step: propose, approve, reject, activate (with "decree"), revoke, withdraw."""
        assessment = self.get_object()
        serializer = TransitionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assessment = services.assessment_transition(
            assessment, data["name"], actor=request.user, comment=data["comment"], decree=data.get("decree")
        )
        return Response(AssessmentSerializer(assessment, context=self.get_serializer_context()).data)

    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser, JSONParser],
        serializer_class=SignedDocumentSerializer,
    )
    def evidence(self, request, pk=None):
        """GET: the evidence documents the user may see; POST: upload one (draft only)."""
        from kelola.core.api.documents import DocumentSerializer

        assessment = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            return Response(
                DocumentSerializer(documents_of(assessment, request.user), many=True, context=context).data
            )
        incoming = SignedDocumentSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        document = services.assessment_attach_evidence(
            assessment,
            actor=request.user,
            upload=incoming.validated_data["file"],
            title=incoming.validated_data["title"],
        )
        return Response(DocumentSerializer(document, context=context).data, status=status.HTTP_201_CREATED)


router.register("pemda", PemdaViewSet, basename="pemda")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("people", PersonViewSet, basename="person")
router.register("positions", PositionViewSet, basename="position")
router.register("tier-one-technicians", TierOneTechnicianViewSet, basename="tier-one-technician")
router.register("decrees", DecreeViewSet, basename="decree")
router.register("governing-bodies", GoverningBodyViewSet, basename="governing-body")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("self-reliance-assessments", AssessmentViewSet, basename="self-reliance-assessment")
