"""Service-desk API endpoints (X-5): the catalogue with its SLA targets, the working calendar.

- /api/v1/it-services/                    CRUD; .../{id}/levels/ GET, PUT {"p1": [response, resolution], ...}
- /api/v1/holidays/                       CRUD; /api/v1/holidays/import-national/ POST {"year"}
"""

from __future__ import annotations

from contextlib import nullcontext

from django.db import connection, transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core.access import home_pemda
from kelola.core.api.fields import ScopedModelSerializer
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedModelViewSet
from kelola.core.errors import KelolaError
from kelola.core.models import Agency

from . import knowledge, services
from .choices import AppLocation, FaultKind, Team
from .filters import ArticleFilter, ServiceFilter, TicketFilter, WorkOrderFilter
from .forms import ServiceForm
from .models import Article, Holiday, Service, ServiceLevel, Ticket, WorkOrder
from .tickets import ticket_create, ticket_transition
from .workorders import workorder_issue, workorder_transition


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


class HolidayViewSet(ScopedModelViewSet):
    queryset = Holiday.objects.all()
    serializer_class = HolidaySerializer
    ordering_fields = ["date"]
    update_service = staticmethod(services.holiday_update)
    delete_service = staticmethod(services.holiday_delete)

    def perform_create(self, serializer):
        serializer.instance = services.holiday_create(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )

    @action(detail=False, methods=["post"], url_path="import-national", serializer_class=YearSerializer)
    def import_national(self, request):
        incoming = YearSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        created = services.holidays_import(
            home_pemda(request.user), incoming.validated_data["year"], actor=request.user
        )
        return Response(HolidaySerializer(created, many=True, context=self.get_serializer_context()).data)


class TicketSerializer(ScopedModelSerializer):
    letter_file = serializers.FileField(write_only=True, required=False)

    class Meta:
        model = Ticket
        fields = [
            "id",
            "pemda",
            "agency",
            "service",
            "system",
            "kind",
            "channel",
            "title",
            "description",
            "impact",
            "urgency",
            "vvip",
            "priority",
            "status",
            "tier",
            "team",
            "assignee",
            "requester_name",
            "response_due",
            "resolution_due",
            "responded_at",
            "resolved_at",
            "closed_at",
            "resolution",
            "rating",
            "letter",
            "letter_file",
            "created_at",
        ]
        read_only_fields = [
            "pemda",
            "priority",
            "status",
            "tier",
            "team",
            "assignee",
            "requester_name",
            "response_due",
            "resolution_due",
            "responded_at",
            "resolved_at",
            "closed_at",
            "resolution",
            "rating",
            "letter",
            "created_at",
        ]
        # The pemda comes with the agency: filing needs it, and one query fewer per ticket.
        extra_kwargs = {"agency": {"queryset": Agency.objects.select_related("pemda")}}


#: Tickets filed by one batch request.
BATCH_LIMIT = 100


class TicketBatchSerializer(serializers.Serializer):
    tickets = serializers.ListField(
        child=serializers.DictField(), min_length=1, max_length=BATCH_LIMIT, allow_empty=False
    )


class TicketBatchItemSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    status = serializers.IntegerField()
    id = serializers.IntegerField(required=False)
    priority = serializers.CharField(required=False)
    detail = serializers.CharField(required=False)
    errors = serializers.DictField(required=False)


class TicketBatchResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    refused = serializers.IntegerField()
    results = TicketBatchItemSerializer(many=True)


class TicketTransitionSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=30)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    resolution = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    rating = serializers.IntegerField(required=False, allow_null=True, default=None)
    feedback = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class TicketViewSet(ScopedModelViewSet):
    """Tickets: filed through `tickets.ticket_create`, moved through `tickets.TICKET`."""

    queryset = Ticket.objects.all()
    serializer_class = TicketSerializer
    filterset_class = TicketFilter
    select_related = ("agency", "service")
    ordering_fields = ["created_at", "priority", "resolution_due", "status"]
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        letter = data.pop("letter_file", None)
        serializer.instance = ticket_create(actor=self.request.user, letter=letter, **data)

    @extend_schema(request=TicketBatchSerializer, responses=TicketBatchResultSerializer)
    @action(detail=False, methods=["post"], url_path="batch")
    def batch(self, request):
        """File up to `BATCH_LIMIT` tickets at once (an e-mail gateway, monitoring, a migration
        from another help desk). Each ticket is checked and filed on its own: the valid ones
        are kept, each refused one is reported with its reasons, by its position."""
        incoming = TicketBatchSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        child = TicketSerializer(context=self.get_serializer_context())  # fields built once
        results = []
        # SQLite has one writer: one write transaction for the batch spares a lock hand-over per
        # ticket. PostgreSQL commits each ticket at once, so the pemda's audit chain is not held
        # for the whole batch while other requests of the pemda wait for it.
        writing = transaction.atomic() if connection.vendor == "sqlite" else nullcontext()
        with writing:
            for index, item in enumerate(incoming.validated_data["tickets"]):
                results.append(self._file_one(child, index, item))
        created = sum(1 for r in results if r["status"] == 201)
        return Response({"created": created, "refused": len(results) - created, "results": results})

    def _file_one(self, child, index: int, item) -> dict:
        from rest_framework.exceptions import ValidationError as DrfValidationError

        try:
            data = dict(child.run_validation(item))
            data.pop("letter_file", None)  # letters come one ticket at a time
            ticket = ticket_create(actor=self.request.user, **data)  # atomic; a refusal is logged
        except DrfValidationError as exc:
            return {"index": index, "status": 400, "errors": exc.detail}
        except KelolaError as exc:
            return {
                "index": index,
                "status": exc.status,
                "detail": str(exc.message),
                "errors": exc.errors or {},
            }
        return {"index": index, "status": 201, "id": ticket.pk, "priority": ticket.priority}

    @action(detail=True, methods=["post"], serializer_class=TicketTransitionSerializer)
    def transition(self, request, pk=None):
        ticket = self.get_object()
        incoming = TicketTransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        ticket = ticket_transition(ticket, data.pop("name"), actor=request.user, **data)
        return Response(TicketSerializer(ticket, context=self.get_serializer_context()).data)


class ArticleSerializer(ScopedModelSerializer):
    class Meta:
        model = Article
        fields = [
            "id",
            "pemda",
            "title",
            "category",
            "body",
            "audience",
            "status",
            "version",
            "service",
            "updated_at",
        ]
        read_only_fields = ["pemda", "version", "updated_at"]


class ArticleViewSet(ScopedModelViewSet):
    """Knowledge base (OPS-2); `suggest/?q=` ranks articles for a ticket being written."""

    queryset = Article.objects.all()
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    ordering_fields = ["title", "category", "updated_at"]
    update_service = staticmethod(knowledge.article_update)
    delete_service = staticmethod(knowledge.article_delete)

    def perform_create(self, serializer):
        serializer.instance = knowledge.article_create(
            actor=self.request.user, pemda=home_pemda(self.request.user), **serializer.validated_data
        )

    @action(detail=False, methods=["get"])
    def suggest(self, request):
        articles = knowledge.search(self.get_queryset(), request.query_params.get("q", "")[:200], limit=5)
        return Response(ArticleSerializer(articles, many=True, context=self.get_serializer_context()).data)


class WorkOrderSerializer(ScopedModelSerializer):
    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "pemda",
            "agency",
            "ticket",
            "number",
            "procedure",
            "team",
            "status",
            "instructions",
            "assignee",
            "app_location",
            "fault_kind",
            "report",
            "outcome",
            "returned_at",
            "closed_at",
            "created_at",
        ]
        read_only_fields = [f for f in fields if f not in ("ticket", "procedure", "instructions")]


class WorkOrderStepSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=30)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    to_team = serializers.ChoiceField(choices=Team.choices, required=False, allow_blank=True, default="")
    app_location = serializers.ChoiceField(choices=AppLocation.choices, required=False, allow_null=True)
    fault_kind = serializers.ChoiceField(choices=FaultKind.choices, required=False, allow_null=True)
    report = serializers.CharField(required=False, allow_null=True, max_length=10000)


class WorkOrderViewSet(ScopedModelViewSet):
    """Work orders (DESK-4): issued by the help desk for a tier-2 ticket (POST with ticket,
    procedure, instructions); the teams move them through `transition/`."""

    queryset = WorkOrder.objects.all()
    serializer_class = WorkOrderSerializer
    filterset_class = WorkOrderFilter
    select_related = ("agency", "ticket")
    ordering_fields = ["created_at", "number", "status", "team"]
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = workorder_issue(actor=self.request.user, **serializer.validated_data)

    @action(detail=True, methods=["post"], serializer_class=WorkOrderStepSerializer)
    def transition(self, request, pk=None):
        order = self.get_object()
        incoming = WorkOrderStepSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        order = workorder_transition(order, data.pop("name"), actor=request.user, **data)
        return Response(WorkOrderSerializer(order, context=self.get_serializer_context()).data)


router.register("work-orders", WorkOrderViewSet, basename="work-order")
router.register("it-services", ServiceViewSet, basename="it-service")
router.register("articles", ArticleViewSet, basename="article")
router.register("tickets", TicketViewSet, basename="ticket")
router.register("holidays", HolidayViewSet, basename="holiday")

from . import problem_api  # noqa: E402,F401
