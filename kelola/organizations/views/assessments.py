"""Mandiri TIK assessments (ORG-3, 001 Ps.19): list, start, edit the draft, take workflow steps,
upload evidence."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kelola.core import access
from kelola.core.errors import KelolaError
from kelola.core.views.generic import (
    Column,
    ObjectMixin,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceUpdateView,
)

from .. import services
from ..choices import AssessmentStatus
from ..filters import AssessmentFilter
from ..forms import AssessmentStartForm, AssessmentUpdateForm, TransitionForm
from ..models import SelfRelianceAssessment
from ..workflows import SELF_RELIANCE
from .base import AttachDocumentView, CreateButtonMixin, DocumentsTabMixin, pemda_prototype

#: Steps whose form offers a decree (SK) to choose.
DECREE_STEPS = frozenset({"activate", "revoke"})
#: Steps that close or undo something; their button is drawn as a warning.
NEGATIVE_STEPS = frozenset({"reject", "revoke", "withdraw"})


class AssessmentListView(CreateButtonMixin, RegisterListView):
    model = SelfRelianceAssessment
    filterset_class = AssessmentFilter
    title = gettext_lazy("Penilaian Mandiri TIK")
    create_url_name = "organizations:assessment_create"
    create_prototype = staticmethod(pemda_prototype(SelfRelianceAssessment))
    select_related = ("agency", "decree")
    columns = (
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("meets_criteria", gettext_lazy("Memenuhi kriteria")),
        Column("proposed_at", gettext_lazy("Diusulkan"), order_by="proposed_at"),
        Column("decided_at", gettext_lazy("Diputuskan"), order_by="decided_at"),
        Column("decree", gettext_lazy("SK penetapan")),
        Column("it_staff_evidence", gettext_lazy("Bukti SDM TIK"), export_only=True),
        Column("built_systems_evidence", gettext_lazy("Bukti pembangunan aplikasi"), export_only=True),
        Column("decision_notes", gettext_lazy("Catatan keputusan"), export_only=True),
    )
    default_ordering = ("-created_at",)


class AssessmentDetailView(DocumentsTabMixin, RegisterDetailView):
    """The assessment with the steps the user may take now (with what is still missing for
    each), the timeline in the history tab, and the evidence documents."""

    model = SelfRelianceAssessment
    template_name = "organizations/assessment_detail.html"
    upload_url_name = "organizations:assessment_upload"
    select_related = ("agency", "decree", "revocation_decree", "assessed_by", "decided_by")
    fields = (
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
    )
    edit_url_name = "organizations:assessment_update"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, assessment = self.request.user, self.object
        is_draft = assessment.status == AssessmentStatus.DRAFT
        steps = []
        for step in SELF_RELIANCE.available(user, assessment):
            # The comment is typed with the step, so it is not reported as missing in advance;
            # neither is the decree, which is chosen in the step's own form.
            missing = SELF_RELIANCE.missing(step, assessment, comment="-")
            if step.name in DECREE_STEPS:
                missing = [m for m in missing if m != str(_("SK penetapan"))]
            steps.append(
                {
                    "step": step,
                    "missing": missing,
                    "with_decree": step.name in DECREE_STEPS,
                    "negative": step.name in NEGATIVE_STEPS,
                }
            )
        form = TransitionForm(user=user)
        # Only a decree of the assessment's own pemda can establish or revoke its status.
        form.fields["decree"].queryset = (
            form.fields["decree"].queryset.filter(pemda_id=assessment.pemda_id).order_by("-date", "-pk")
        )
        context.update(
            steps=steps,
            transition_form=form,
            can_change=is_draft and access.can(user, "change", assessment),
            can_delete=False,
            can_upload=is_draft and access.can(user, "change", assessment),
            upload_hint=gettext_lazy(
                "Bukti pemenuhan kriteria: SK penempatan SDM TIK, dokumentasi aplikasi."
            ),
        )
        return context


class AssessmentCreateView(ServiceCreateView):
    form_class = AssessmentStartForm
    title = gettext_lazy("Mulai penilaian Mandiri TIK")
    create_prototype = staticmethod(pemda_prototype(SelfRelianceAssessment))
    create_service = staticmethod(services.assessment_start)


class AssessmentUpdateView(ServiceUpdateView):
    model = SelfRelianceAssessment
    form_class = AssessmentUpdateForm
    title = gettext_lazy("Ubah penilaian Mandiri TIK")
    update_service = staticmethod(services.assessment_update)


class AssessmentTransitionView(ObjectMixin, View):
    """POST one workflow step; a refusal shows its reason and changes nothing."""

    model = SelfRelianceAssessment

    def post(self, request, *args, **kwargs):
        assessment = self.get_object()
        form = TransitionForm(request.POST, user=request.user)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(assessment.get_absolute_url())
        try:
            services.assessment_transition(
                assessment,
                form.cleaned_data["name"],
                actor=request.user,
                comment=form.cleaned_data["comment"],
                decree=form.cleaned_data["decree"],
            )
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Langkah tersimpan."))
        return HttpResponseRedirect(assessment.get_absolute_url())


class AssessmentUploadView(AttachDocumentView):
    model = SelfRelianceAssessment

    def attach(self, obj, upload, title):
        services.assessment_attach_evidence(obj, actor=self.request.user, upload=upload, title=title)
