"""Pages of proposals (PROP-1..4) and SPBE spending (PROP-5)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kelola.core import access
from kelola.core.documents import attach_document, documents_of
from kelola.core.errors import KelolaError
from kelola.core.models import DocumentKind
from kelola.core.views.generic import (
    Column,
    ObjectMixin,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceUpdateView,
    take_step,
)
from kelola.organizations.views.base import AttachDocumentView, CreateButtonMixin, agency_prototype

from . import services, spending
from .choices import SpendingCategory
from .filters import BudgetLineFilter, ProposalFilter
from .forms import BudgetLineForm, BudgetReviewForm, OverlapDecisionForm, ProposalForm, ReviewForm
from .models import REVISION_FIELDS, BudgetLine, Proposal
from .workflows import PROPOSAL

DETAIL_FIELDS = (
    "agency",
    "kind",
    "fiscal_year",
    "system",
    "sector",
    "status",
    "revision",
    "cost_estimate",
    "program_achievement",
    "program_needs",
    "program_output",
    "terms_of_reference",
    "needs_analysis",
    "benefit_analysis",
    "functions",
    "data_sets",
    "classification",
    "submitted_at",
    "recommendation",
    "review_references",
    "cost_analysis",
    "advice",
    "reviewed_by",
    "decided_by",
    "decided_at",
    "letter",
)


class ProposalListView(CreateButtonMixin, RegisterListView):
    model = Proposal
    filterset_class = ProposalFilter
    title = gettext_lazy("Usulan TIK")
    create_url_name = "proposals:proposal_create"
    create_prototype = staticmethod(agency_prototype(Proposal))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada usulan.")
    columns = (
        Column("title", gettext_lazy("Judul"), order_by="title"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column(
            "fiscal_year",
            gettext_lazy("Tahun"),
            accessor=lambda row: str(row.fiscal_year),
            order_by="fiscal_year",
        ),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("cost_estimate", gettext_lazy("Perkiraan biaya (Rp)"), order_by="cost_estimate"),
        Column("revision", gettext_lazy("Revisi")),
        Column("submitted_at", gettext_lazy("Diajukan"), order_by="submitted_at"),
        Column("recommendation", gettext_lazy("Rekomendasi"), export_only=True),
        Column("decided_at", gettext_lazy("Diputuskan"), export_only=True),
    )

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .defer(
                "terms_of_reference",
                "needs_analysis",
                "benefit_analysis",
                "program_needs",
                "program_achievement",
            )
        )


class ProposalDetailView(RegisterDetailView):
    model = Proposal
    template_name = "proposals/proposal_detail.html"
    select_related = ("agency", "system", "letter", "reviewed_by", "decided_by")
    fields = DETAIL_FIELDS
    edit_url_name = "proposals:proposal_update"
    delete_url_name = "proposals:proposal_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal, user = self.object, self.request.user
        transitions = PROPOSAL.available(user, proposal)
        reviewing = any(t.name == "recommend" for t in transitions)
        decisions = {o.candidate_key: o for o in proposal.overlaps.all()}
        suggestions = services.overlap_suggestions(proposal) if reviewing or decisions else []
        context.update(
            transitions=[t for t in transitions if t.name != "recommend"],
            review_form=ReviewForm() if reviewing else None,
            suggestions=[(s, decisions.get(s.key)) for s in suggestions],
            recorded_overlaps=[o for k, o in decisions.items() if k not in {s.key for s in suggestions}],
            revisions=_revision_columns(proposal),
            documents=documents_of(proposal, user),
            can_upload=context["can_change"],
            upload_url_name="proposals:proposal_upload",
            upload_hint=_("Lampirkan KAK, analisis kebutuhan, rincian biaya dan dokumen pendukung."),
        )
        return context


def _revision_columns(proposal) -> dict | None:
    """Earlier submissions beside the current one: rows = fields, columns = revisions."""
    revisions = list(proposal.revisions.order_by("number"))
    if not revisions:
        return None
    meta = Proposal._meta
    current = {name: getattr(proposal, name) for name in REVISION_FIELDS}
    rows = []
    for name in REVISION_FIELDS:
        values = [r.snapshot.get(name) for r in revisions] + [current[name]]
        changed = len({str(v or "") for v in values}) > 1
        rows.append({"label": meta.get_field(name).verbose_name, "values": values, "changed": changed})
    headers = [_("Revisi %(n)s") % {"n": r.number} for r in revisions] + [
        _("Sekarang (revisi %(n)s)") % {"n": proposal.revision}
    ]
    notes = [r.decision_note for r in revisions] + [""]
    return {"headers": headers, "rows": rows, "notes": notes}


class ProposalCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(Proposal))
    form_class = ProposalForm
    title = gettext_lazy("Ajukan usulan TIK")
    create_service = staticmethod(services.proposal_create)


class ProposalUpdateView(ServiceUpdateView):
    model = Proposal
    form_class = ProposalForm
    title = gettext_lazy("Ubah usulan TIK")
    update_service = staticmethod(services.proposal_update)


class ProposalDeleteView(ServiceDeleteView):
    model = Proposal
    delete_service = staticmethod(services.proposal_delete)
    success_url_name = "proposals:proposal_list"


class ProposalUploadView(AttachDocumentView):
    model = Proposal

    def attach(self, obj, upload, title):
        attach_document(
            actor=self.request.user,
            target=obj,
            upload=upload,
            title=title or upload.name,
            kind=DocumentKind.EVIDENCE,
            classification=obj.classification,
        )


class ProposalTransitionView(ObjectMixin, View):
    """POST one step; the review step carries the review form."""

    model = Proposal

    def post(self, request, pk):
        proposal = self.get_object()
        name = request.POST.get("name", "")
        review = None
        if name == "recommend":
            form = ReviewForm(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return HttpResponseRedirect(proposal.get_absolute_url())
            review = {k: v for k, v in form.cleaned_data.items() if k != "comment"}
            comment = form.cleaned_data["comment"]
        else:
            comment = request.POST.get("comment", "")[:2000]
        take_step(
            request,
            lambda: services.proposal_transition(
                proposal, name, actor=request.user, comment=comment, review=review
            ),
        )
        return HttpResponseRedirect(proposal.get_absolute_url())


class OverlapDecisionView(ObjectMixin, View):
    model = Proposal

    def post(self, request, pk):
        proposal = self.get_object()
        form = OverlapDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Pilih keputusan."))
        else:
            try:
                services.overlap_decide(proposal, actor=request.user, **form.cleaned_data)
            except KelolaError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(request, _("Keputusan tersimpan."))
        return HttpResponseRedirect(proposal.get_absolute_url() + "#tab-review")


# --- spending -----------------------------------------------------------------------------


class BudgetListView(CreateButtonMixin, RegisterListView):
    model = BudgetLine
    filterset_class = BudgetLineFilter
    title = gettext_lazy("Belanja SPBE")
    template_name = "proposals/budget_list.html"
    create_url_name = "proposals:budget_create"
    create_prototype = staticmethod(agency_prototype(BudgetLine))
    select_related = ("agency",)
    default_ordering = ("-fiscal_year", "agency__name", "title")
    empty_message = gettext_lazy("Belum ada belanja SPBE.")
    columns = (
        Column("title", gettext_lazy("Uraian"), order_by="title"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column(
            "fiscal_year",
            gettext_lazy("Tahun"),
            accessor=lambda row: str(row.fiscal_year),
            order_by="fiscal_year",
        ),
        Column("category", gettext_lazy("Kategori"), order_by="category"),
        Column("planned_amount", gettext_lazy("Pagu (Rp)"), order_by="planned_amount"),
        Column("realised_amount", gettext_lazy("Realisasi (Rp)"), order_by="realised_amount"),
        Column("review", gettext_lazy("Reviu Bappeda"), order_by="review"),
        Column("review_note", gettext_lazy("Catatan Bappeda"), export_only=True),
    )

    def get(self, request, *args, **kwargs):
        self._filtered = None
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filterset"]
        lines = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        summary = spending.totals(lines)
        duplicates = spending.duplicate_ids(lines)
        labels = dict(SpendingCategory.choices)
        years = list(summary["per_year"])
        context.update(
            summary=summary,
            duplicate_groups=spending.duplicate_groups(lines, duplicates)[:20],
            chart={
                "type": "bar",
                "labels": years,
                "datasets": [
                    {
                        "label": str(_("Pagu")),
                        "data": [float(v[0]) for v in summary["per_year"].values()],
                        "color": "#0d4f8b",
                    },
                    {
                        "label": str(_("Realisasi")),
                        "data": [float(v[1]) for v in summary["per_year"].values()],
                        "color": "#4caf50",
                    },
                ],
            },
        )
        for row in summary["by_category"]:
            row["category"] = labels.get(row["category"], row["category"])
        return context


class BudgetDetailView(RegisterDetailView):
    model = BudgetLine
    template_name = "proposals/budget_detail.html"
    select_related = ("agency", "proposal", "system")
    fields = (
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
    )
    edit_url_name = "proposals:budget_update"
    delete_url_name = "proposals:budget_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        line = self.object
        same_year = BudgetLine.objects.visible_to(self.request.user).filter(
            pemda_id=line.pemda_id, fiscal_year=line.fiscal_year, category=line.category
        )
        twins = spending.duplicate_ids(same_year).get(line.pk, [])
        context.update(
            twins=BudgetLine.objects.filter(pk__in=twins).select_related("agency"),
            review_form=BudgetReviewForm(initial={"review": line.review, "review_note": line.review_note})
            if access.can(self.request.user, "review", line)
            else None,
        )
        return context


class BudgetCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(BudgetLine))
    form_class = BudgetLineForm
    title = gettext_lazy("Tambah belanja SPBE")
    create_service = staticmethod(services.budget_create)


class BudgetUpdateView(ServiceUpdateView):
    model = BudgetLine
    form_class = BudgetLineForm
    title = gettext_lazy("Ubah belanja SPBE")
    update_service = staticmethod(services.budget_update)


class BudgetDeleteView(ServiceDeleteView):
    model = BudgetLine
    delete_service = staticmethod(services.budget_delete)
    success_url_name = "proposals:budget_list"


class BudgetReviewView(ObjectMixin, View):
    model = BudgetLine

    def post(self, request, pk):
        line = self.get_object()
        form = BudgetReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Pilih hasil reviu."))
            return HttpResponseRedirect(line.get_absolute_url())
        try:
            services.budget_review(
                line,
                actor=request.user,
                review=form.cleaned_data["review"],
                note=form.cleaned_data["review_note"],
            )
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Reviu tersimpan."))
        return HttpResponseRedirect(line.get_absolute_url())
