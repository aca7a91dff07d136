"""Mandiri TIK assessments (ORG-3, 001 Ps.19): list, start, edit the draft, take workflow steps."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kelola.core.access import actor_for
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
from ..filters import AssessmentFilter
from ..forms import AssessmentStartForm, AssessmentUpdateForm, TransitionForm
from ..models import SelfRelianceAssessment
from ..workflows import ASSESSORS, SELF_RELIANCE
from .registers import AttachDocumentView, DocumentsTabMixin


class AssessmentListView(RegisterListView):
    model = SelfRelianceAssessment
    filterset_class = AssessmentFilter
    title = gettext_lazy("Penilaian Mandiri TIK")
    create_url_name = "organizations:assessment_create"
    select_related = ("agency",)
    columns = (
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("meets_criteria", gettext_lazy("Memenuhi kriteria")),
        Column("proposed_at", gettext_lazy("Diusulkan"), order_by="proposed_at"),
        Column("decided_at", gettext_lazy("Diputuskan"), order_by="decided_at"),
        Column("decree", gettext_lazy("SK penetapan"), export_only=True),
        Column("it_staff_evidence", gettext_lazy("Bukti SDM TIK"), export_only=True),
        Column("built_systems_evidence", gettext_lazy("Bukti pembangunan aplikasi"), export_only=True),
    )
    default_ordering = ("-created_at",)

    def can_create(self) -> bool:
        actor = actor_for(self.request.user)
        return actor.is_platform_admin or bool(actor.pemdas_with(ASSESSORS))


class AssessmentDetailView(DocumentsTabMixin, RegisterDetailView):
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
        steps = SELF_RELIANCE.available(user, assessment)
        context.update(
            steps=[(step, SELF_RELIANCE.missing(step, assessment, comment="x")) for step in steps],
            transition_form=TransitionForm(user=user),
            can_change=assessment.status == "draft"
            and actor_for(user).has_pemda_role(assessment.pemda_id, ASSESSORS),
            can_delete=False,
        )
        return context


class AssessmentCreateView(ServiceCreateView):
    form_class = AssessmentStartForm

    def dispatch(self, request, *args, **kwargs):
        actor = actor_for(request.user)
        if request.user.is_authenticated and not (actor.is_platform_admin or actor.pemdas_with(ASSESSORS)):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    title = gettext_lazy("Mulai penilaian Mandiri TIK")
    create_service = staticmethod(services.assessment_start)


class AssessmentUpdateView(ServiceUpdateView):
    model = SelfRelianceAssessment
    form_class = AssessmentUpdateForm
    title = gettext_lazy("Ubah penilaian Mandiri TIK")
    update_service = staticmethod(services.assessment_update)

    def get_initial_object(self):
        return self.get_object()  # the service decides whether the draft may be edited


class AssessmentTransitionView(ObjectMixin, View):
    model = SelfRelianceAssessment

    def post(self, request, *args, **kwargs):
        assessment = self.get_object()
        form = TransitionForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, _("Data langkah tidak valid."))
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
        from kelola.core.documents import document_upload

        if not actor_for(self.request.user).has_pemda_role(obj.pemda_id, ASSESSORS):
            raise KelolaError(_("Hanya Dinas yang dapat mengunggah bukti penilaian."))
        document_upload(
            actor=self.request.user,
            upload=upload,
            pemda=obj.pemda,
            agency=obj.agency,
            title=title,
            kind="evidence",
            target=obj,
        )
