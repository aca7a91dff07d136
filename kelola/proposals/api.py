"""Proposal and spending API endpoints (X-5), through the same services and scopes as the pages.

- /api/v1/proposals/                         CRUD of drafts; list/retrieve by scope
- /api/v1/proposals/{id}/transition/         POST {"name", "comment", "review": {...}}
- /api/v1/proposals/{id}/overlaps/           GET suggestions (with recorded decisions);
                                             POST {"candidate_key", "decision", "note"}
- /api/v1/proposals/{id}/revisions/          GET earlier submissions
- /api/v1/budget-lines/                      CRUD; .../{id}/review/ POST {"review", "review_note"} (Bappeda)
"""

from __future__ import annotations

from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core.api.fields import ScopedModelSerializer
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedModelViewSet

from . import services
from .choices import BudgetReview, OverlapDecision
from .filters import BudgetLineFilter, ProposalFilter
from .forms import PROPOSAL_FIELDS
from .models import BudgetLine, Proposal, ProposalRevision


class ProposalSerializer(ScopedModelSerializer):
    class Meta:
        model = Proposal
        fields = [
            "id",
            "pemda",
            *PROPOSAL_FIELDS,
            "status",
            "revision",
            "submitted_at",
            "recommendation",
            "review_references",
            "cost_analysis",
            "advice",
            "reviewed_at",
            "decided_at",
            "letter",
        ]
        read_only_fields = [
            "pemda",
            "status",
            "revision",
            "submitted_at",
            "recommendation",
            "review_references",
            "cost_analysis",
            "advice",
            "reviewed_at",
            "decided_at",
            "letter",
        ]


class ReviewSerializer(serializers.Serializer):
    recommendation = serializers.CharField(required=False, allow_blank=True)
    review_references = serializers.CharField(required=False, allow_blank=True)
    cost_analysis = serializers.CharField(required=False, allow_blank=True)
    advice = serializers.CharField(required=False, allow_blank=True)


class ProposalTransitionSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    review = ReviewSerializer(required=False)


class OverlapDecisionSerializer(serializers.Serializer):
    candidate_key = serializers.CharField(max_length=40)
    decision = serializers.ChoiceField(choices=OverlapDecision.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProposalRevision
        fields = ["number", "snapshot", "decision_note", "created_at"]


class ProposalViewSet(ScopedModelViewSet):
    queryset = Proposal.objects.all()
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    select_related = ("agency",)
    ordering_fields = ["created_at", "submitted_at", "fiscal_year", "cost_estimate", "title"]
    create_service = staticmethod(services.proposal_create)
    update_service = staticmethod(services.proposal_update)
    delete_service = staticmethod(services.proposal_delete)

    @action(detail=True, methods=["post"], serializer_class=ProposalTransitionSerializer)
    def transition(self, request, pk=None):
        proposal = self.get_object()
        incoming = ProposalTransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        proposal = services.proposal_transition(
            proposal, data["name"], actor=request.user, comment=data["comment"], review=data.get("review")
        )
        return Response(ProposalSerializer(proposal, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["get", "post"], serializer_class=OverlapDecisionSerializer)
    def overlaps(self, request, pk=None):
        proposal = self.get_object()
        if request.method == "POST":
            incoming = OverlapDecisionSerializer(data=request.data)
            incoming.is_valid(raise_exception=True)
            services.overlap_decide(proposal, actor=request.user, **incoming.validated_data)
        decisions = {o.candidate_key: o for o in proposal.overlaps.all()}
        rows = [
            {
                "candidate_key": s.key,
                "label": s.label,
                "agency": s.agency,
                "score": round(s.score, 4),
                "reasons": list(s.reasons),
                "decision": decisions[s.key].decision if s.key in decisions else None,
            }
            for s in services.overlap_suggestions(proposal)
        ]
        return Response(
            rows, status=status.HTTP_201_CREATED if request.method == "POST" else status.HTTP_200_OK
        )

    @action(detail=True, methods=["get"], serializer_class=RevisionSerializer)
    def revisions(self, request, pk=None):
        proposal = self.get_object()
        return Response(RevisionSerializer(proposal.revisions.order_by("number"), many=True).data)


class BudgetLineSerializer(ScopedModelSerializer):
    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "pemda",
            "agency",
            "fiscal_year",
            "title",
            "category",
            "planned_amount",
            "realised_amount",
            "proposal",
            "system",
            "review",
            "review_note",
        ]
        read_only_fields = ["pemda", "review", "review_note"]


class BudgetReviewSerializer(serializers.Serializer):
    review = serializers.ChoiceField(choices=BudgetReview.choices)
    review_note = serializers.CharField(required=False, allow_blank=True, default="")


class BudgetLineViewSet(ScopedModelViewSet):
    queryset = BudgetLine.objects.all()
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilter
    select_related = ("agency",)
    ordering_fields = ["fiscal_year", "planned_amount", "realised_amount", "title"]
    create_service = staticmethod(services.budget_create)
    update_service = staticmethod(services.budget_update)
    delete_service = staticmethod(services.budget_delete)

    @action(detail=True, methods=["post"], serializer_class=BudgetReviewSerializer)
    def review(self, request, pk=None):
        line = self.get_object()
        incoming = BudgetReviewSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        line = services.budget_review(
            line, actor=request.user, review=data["review"], note=data["review_note"]
        )
        return Response(BudgetLineSerializer(line, context=self.get_serializer_context()).data)


router.register("proposals", ProposalViewSet, basename="proposal")
router.register("budget-lines", BudgetLineViewSet, basename="budget-line")
