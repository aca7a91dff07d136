"""Portfolio API endpoints (X-5), through the same services and scopes as the pages.

- /api/v1/systems/                                   CRUD of registrations (part A, B, C 1.1, G)
- /api/v1/systems/{id}/sections/                     GET every repeatable table
- /api/v1/systems/{id}/sections/{section}/           GET one; PUT {"rows": [...]} replaces it
- /api/v1/systems/{id}/risk-assessments/             GET the history; POST {"answers": {"q1": "A"..}}
- /api/v1/build-rules/                               list, retrieve, PATCH
- /api/v1/build-rules/apply-preset/                  POST {"preset": "pasuruan_2021"}
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from kelola.core.api.fields import ScopedModelSerializer
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedModelViewSet
from kelola.core.errors import ErrorCode, KelolaError

from . import catalogue, services  # noqa: F401 - catalogue registers its endpoint
from .choices import BuildPreset
from .filters import BuildRuleFilter, SystemFilter
from .forms import SYSTEM_FIELDS
from .models import BuildRule, ElectronicSystem, RiskAssessment, SystemArtifact, SystemLink
from .sections import SECTIONS, section_for


class SystemSerializer(ScopedModelSerializer):
    class Meta:
        model = ElectronicSystem
        fields = ["id", "pemda", *SYSTEM_FIELDS, "risk_score", "risk_category", "created_at", "updated_at"]
        read_only_fields = ["pemda", "risk_score", "risk_category", "created_at", "updated_at"]
        # Uniqueness is judged by the service's full_clean: one answer for UI and API.
        validators = []


class SectionRowsSerializer(serializers.Serializer):
    rows = serializers.ListField(child=serializers.DictField(), max_length=200)


class RiskAssessmentSerializer(serializers.ModelSerializer):
    answers = serializers.DictField(child=serializers.CharField(allow_blank=True, allow_null=True))
    assessed_by = serializers.StringRelatedField()

    class Meta:
        model = RiskAssessment
        fields = [
            "id",
            "answers",
            "score",
            "category",
            "assessed_by",
            "assessor_position",
            "note",
            "created_at",
        ]
        read_only_fields = ["score", "category", "assessed_by", "created_at"]


class LifecycleTransitionSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ArtifactSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True)
    title = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")
    sha256 = serializers.CharField(source="document.sha256", read_only=True)
    original_name = serializers.CharField(source="document.original_name", read_only=True)
    document = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = SystemArtifact
        fields = [
            "id",
            "kind",
            "app_version",
            "copyright_holder",
            "note",
            "document",
            "original_name",
            "sha256",
            "created_at",
            "file",
            "title",
        ]
        read_only_fields = ["document", "created_at"]
        extra_kwargs = {"copyright_holder": {"required": False}}


class LinkSerializer(ScopedModelSerializer):
    class Meta:
        model = SystemLink
        fields = ["id", "kind", "target_system", "target_label", "note"]
        validators = []


def _section_payload(system, key=None) -> dict:
    grouped = services.entries_of(system)
    keys = [key] if key else [s.key for s in SECTIONS]
    return {k: [e.data for e in grouped.get(k, [])] for k in keys}


class SystemViewSet(ScopedModelViewSet):
    queryset = ElectronicSystem.objects.all()
    serializer_class = SystemSerializer
    filterset_class = SystemFilter
    select_related = ("agency",)
    ordering_fields = ["external_name", "internal_name", "updated_at", "risk_score", "status"]
    create_service = staticmethod(services.system_create)
    update_service = staticmethod(services.system_update)
    delete_service = staticmethod(services.system_delete)

    @extend_schema(operation_id="v1_systems_sections_all")
    @action(detail=True, methods=["get"], url_path="sections")
    def sections(self, request, pk=None):
        return Response(_section_payload(self.get_object()))

    @action(
        detail=True,
        methods=["get", "put"],
        url_path=r"sections/(?P<section>[a-z_]+)",
        serializer_class=SectionRowsSerializer,
    )
    def section(self, request, pk=None, section=None):
        system = self.get_object()
        if section_for(section) is None:
            raise KelolaError(_("Bagian formulir tidak dikenal."), code=ErrorCode.NOT_FOUND)
        if request.method == "GET":
            return Response({"rows": _section_payload(system, section)[section]})
        incoming = SectionRowsSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.section_replace(system, section, incoming.validated_data["rows"], actor=request.user)
        return Response({"rows": _section_payload(system, section)[section]})

    @action(
        detail=True,
        methods=["get", "post"],
        url_path="risk-assessments",
        serializer_class=RiskAssessmentSerializer,
    )
    def risk_assessments(self, request, pk=None):
        system = self.get_object()
        if request.method == "GET":
            history = system.risk_assessments.select_related("assessed_by")
            return Response(RiskAssessmentSerializer(history, many=True).data)
        incoming = RiskAssessmentSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        assessment = services.risk_assess(
            system,
            actor=request.user,
            answers=data["answers"],
            assessor_position=data.get("assessor_position", ""),
            note=data.get("note", ""),
        )
        return Response(RiskAssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get", "post"], serializer_class=LinkSerializer)
    def links(self, request, pk=None):
        """GET the relations (outgoing); POST one {"kind", "target_system" | "target_label", "note"}."""
        system = self.get_object()
        if request.method == "GET":
            return Response(LinkSerializer(system.links.all(), many=True).data)
        incoming = LinkSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        link = services.link_add(system, actor=request.user, **incoming.validated_data)
        return Response(LinkSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(operation_id="v1_systems_links_destroy")
    @action(detail=True, methods=["delete"], url_path=r"links/(?P<link_pk>[0-9]+)")
    def link_remove(self, request, pk=None, link_pk=None):
        from django.shortcuts import get_object_or_404

        system = self.get_object()
        services.link_remove(get_object_or_404(system.links, pk=link_pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"], serializer_class=LifecycleTransitionSerializer)
    def transition(self, request, pk=None):
        """Take a lifecycle step: start_development, start_testing, return_to_development,
        release, retire."""
        system = self.get_object()
        incoming = LifecycleTransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        system = services.lifecycle_transition(
            system,
            incoming.validated_data["name"],
            actor=request.user,
            comment=incoming.validated_data["comment"],
        )
        return Response(SystemSerializer(system, context=self.get_serializer_context()).data)

    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=ArtifactSerializer,
    )
    def artifacts(self, request, pk=None):
        """GET the repository files (download through /api/v1/documents/ where visible);
        POST one (multipart: file, kind, app_version, copyright_holder, note, title)."""
        system = self.get_object()
        if request.method == "GET":
            rows = system.artifacts.select_related("document")
            return Response(ArtifactSerializer(rows, many=True).data)
        incoming = ArtifactSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        artifact = services.artifact_add(system, actor=request.user, upload=data.pop("file"), **data)
        return Response(ArtifactSerializer(artifact).data, status=status.HTTP_201_CREATED)


class BuildRuleSerializer(ScopedModelSerializer):
    class Meta:
        model = BuildRule
        fields = [
            "id",
            "pemda",
            "scope",
            "it_office_may_build",
            "self_reliant_agency_may_build",
            "any_agency_may_build",
            "citation",
        ]
        read_only_fields = ["pemda", "scope"]


class PresetSerializer(serializers.Serializer):
    preset = serializers.ChoiceField(choices=BuildPreset.choices)


class BuildRuleViewSet(ScopedModelViewSet):
    queryset = BuildRule.objects.all()
    serializer_class = BuildRuleSerializer
    filterset_class = BuildRuleFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    update_service = staticmethod(services.rule_update)

    def create(self, request, *args, **kwargs):
        raise KelolaError(_("Gunakan apply-preset untuk membuat aturan."), code=ErrorCode.FORBIDDEN)

    @action(detail=False, methods=["post"], url_path="apply-preset", serializer_class=PresetSerializer)
    def apply_preset(self, request):
        incoming = PresetSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        if request.user.pemda_id is None:
            raise KelolaError(_("Akun Anda tidak terkait dengan pemda mana pun."), code=ErrorCode.FORBIDDEN)
        created = services.rules_apply_preset(
            request.user.pemda, incoming.validated_data["preset"], actor=request.user
        )
        return Response(BuildRuleSerializer(created, many=True, context=self.get_serializer_context()).data)


router.register("systems", SystemViewSet, basename="system")
router.register("build-rules", BuildRuleViewSet, basename="build-rule")
