"""Problem and availability API endpoints (DESK-5, DESK-6).

- /api/v1/problems/                      CRUD; .../{id}/transition/ POST {"name", "comment", "root_cause",
                                         "workaround", "change_reference", "owner"};
                                         .../{id}/link/ POST {"tickets": [ids], "unlink": false}
- /api/v1/outages/                       CRUD on outages of the services the user sees (monitoring
                                         posts {"source": "detected"} with a problem manager's role)
- /api/v1/availability/?year=&month=     the month's review of the critical services
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from kelola.core.access import home_pemda
from kelola.core.api.fields import ScopedModelSerializer
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedModelViewSet
from kelola.core.models import User

from . import availability as avail
from . import problems
from .filters import OutageFilter, ProblemFilter
from .models import Outage, Problem, Service


class ProblemSerializer(ScopedModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True, help_text="User id of the owner."
    )
    incidents = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = [
            "id",
            "pemda",
            "title",
            "description",
            "service",
            "system",
            "status",
            "owner",
            "root_cause",
            "workaround",
            "change_reference",
            "resolved_at",
            "incidents",
            "created_at",
        ]
        read_only_fields = ["pemda", "status", "resolved_at", "created_at"]

    def get_incidents(self, obj) -> list[int]:
        return sorted(obj.incidents.values_list("pk", flat=True))


class ProblemTransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=[t.name for t in problems.PROBLEM.transitions])
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    root_cause = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    workaround = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    change_reference = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ProblemLinkSerializer(serializers.Serializer):
    tickets = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=500)
    unlink = serializers.BooleanField(required=False, default=False)


class ProblemViewSet(ScopedModelViewSet):
    """Problems: written through `problems.problem_create/update`, moved through `problems.PROBLEM`."""

    queryset = Problem.objects.all()
    serializer_class = ProblemSerializer
    filterset_class = ProblemFilter
    select_related = ("service", "system", "owner")
    ordering_fields = ["created_at", "status", "title", "resolved_at"]
    update_service = staticmethod(problems.problem_update)
    delete_service = staticmethod(problems.problem_delete)

    def perform_create(self, serializer):
        serializer.instance = problems.problem_create(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )

    @action(detail=True, methods=["post"], serializer_class=ProblemTransitionSerializer)
    def transition(self, request, pk=None):
        problem = self.get_object()
        incoming = ProblemTransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        problem = problems.problem_transition(problem, data.pop("name"), actor=request.user, **data)
        return Response(ProblemSerializer(problem, context=self.get_serializer_context()).data)

    @extend_schema(request=ProblemLinkSerializer, responses=ProblemSerializer)
    @action(detail=True, methods=["post"], serializer_class=ProblemLinkSerializer)
    def link(self, request, pk=None):
        problem = self.get_object()
        incoming = ProblemLinkSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        step = problems.unlink_incidents if incoming.validated_data["unlink"] else problems.link_incidents
        step(problem, incoming.validated_data["tickets"], actor=request.user)
        problem.refresh_from_db()
        return Response(ProblemSerializer(problem, context=self.get_serializer_context()).data)


class OutageSerializer(ScopedModelSerializer):
    ongoing = serializers.SerializerMethodField()

    class Meta:
        model = Outage
        fields = ["id", "service", "started_at", "ended_at", "ongoing", "source", "description", "ticket"]

    def get_ongoing(self, obj) -> bool:
        return obj.ended_at is None


class OutageViewSet(ScopedModelViewSet):
    """Outages of the services the user sees; written by the pemda's problem managers."""

    queryset = Outage.objects.all()
    serializer_class = OutageSerializer
    filterset_class = OutageFilter
    ordering_fields = ["started_at", "ended_at"]
    create_service = staticmethod(avail.outage_record)
    update_service = staticmethod(avail.outage_update)
    delete_service = staticmethod(avail.outage_delete)

    def get_queryset(self):
        return (
            avail.visible_outages(self.request.user).select_related("service").order_by("-started_at", "-pk")
        )


class MonthFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    availability = serializers.FloatField(allow_null=True)
    breaches = serializers.IntegerField()
    due = serializers.IntegerField()
    resolution_compliance = serializers.FloatField(allow_null=True)
    breached = serializers.BooleanField()


class AvailabilityRowSerializer(serializers.Serializer):
    service = serializers.IntegerField(source="service.pk")
    service_name = serializers.CharField(source="service.name")
    availability = serializers.FloatField(allow_null=True)
    target = serializers.FloatField()
    met = serializers.BooleanField(allow_null=True)
    breaches = serializers.IntegerField()
    breached = serializers.BooleanField()
    repeated = serializers.BooleanField()
    months = MonthFiguresSerializer(many=True)
    warning_letter = serializers.SerializerMethodField()

    def get_warning_letter(self, row) -> str | None:
        return row.letter.number if row.letter is not None else None


class AvailabilityViewSet(viewsets.ViewSet):
    """The month's availability review of the critical services of the user's pemda."""

    serializer_class = AvailabilityRowSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="Year (default: this year)."),
            OpenApiParameter("month", int, description="Month 1-12 (default: this month)."),
        ],
        responses=AvailabilityRowSerializer(many=True),
    )
    def list(self, request):
        from kelola.core.access import actor_for

        pemda = home_pemda(request.user)
        actor = actor_for(request.user)
        if not actor.is_platform_admin and pemda.pk not in actor.member_pemdas():
            raise PermissionDenied
        today = timezone.localdate()
        try:
            year = int(request.query_params.get("year", today.year))
            month = int(request.query_params.get("month", today.month))
        except ValueError as exc:
            raise serializers.ValidationError({"month": ["year and month must be numbers"]}) from exc
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise serializers.ValidationError({"month": ["month 1-12, year 2000-2100"]})
        services = Service.objects.visible_to(request.user).filter(pemda=pemda, critical=True, is_active=True)
        rows = avail.monthly_review(pemda, year, month, services=services)
        return Response(AvailabilityRowSerializer(rows, many=True).data)


router.register("problems", ProblemViewSet, basename="problem")
router.register("outages", OutageViewSet, basename="outage")
router.register("availability", AvailabilityViewSet, basename="availability")
