"""Pages of the portfolio: the registry list, a system's registration form (detail, edit, the
repeatable tables, the risk questionnaire, PDF and XLSX), and the pemda's build rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms import formset_factory
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kelola.core import access, audit
from kelola.core.documents import documents_of
from kelola.core.errors import KelolaError
from kelola.core.jobs import run_job
from kelola.core.views.generic import (
    Column,
    ObjectMixin,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceUpdateView,
    add_refusal_to_form,
    take_step,
)
from kelola.organizations.views.base import CreateButtonMixin, agency_prototype

from . import importing, insights, lifecycle, printing, services
from .filters import BuildRuleFilter, SystemFilter
from .forms import (
    ArtifactForm,
    BuildRuleForm,
    LinkForm,
    PresetForm,
    RiskQuestionnaireForm,
    SystemForm,
    TransitionForm,
)
from .models import BuildRule, ElectronicSystem
from .sections import section_for


class SystemListView(CreateButtonMixin, RegisterListView):
    model = ElectronicSystem
    template_name = "portfolio/system_list.html"
    filterset_class = SystemFilter
    title = gettext_lazy("Sistem elektronik")
    create_url_name = "portfolio:system_create"
    create_prototype = staticmethod(agency_prototype(ElectronicSystem))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada sistem elektronik terdaftar.")

    def get_base_queryset(self):
        # The list never shows the long texts; a page of 25 rows need not carry them.
        return super().get_base_queryset().defer("search_text", "description", "closed_source_justification")

    columns = (
        Column("external_name", gettext_lazy("Nama"), order_by="external_name"),
        Column("internal_name", gettext_lazy("Nama internal"), export_only=True),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("app_kind", gettext_lazy("Jenis"), order_by="app_kind"),
        Column("status", gettext_lazy("Tahap"), order_by="status"),
        Column("risk_category", gettext_lazy("Kategori"), order_by="risk_score"),
        Column("access", gettext_lazy("Akses")),
        Column("updated_at", gettext_lazy("Diperbarui"), order_by="updated_at"),
        Column("url", gettext_lazy("Alamat URL"), export_only=True),
        Column("risk_score", gettext_lazy("Nilai kategori"), export_only=True),
        Column("developer", gettext_lazy("Pembangun"), export_only=True),
        Column("vendor", gettext_lazy("Pihak ketiga"), export_only=True),
        Column("open_source", gettext_lazy("Kode sumber terbuka"), export_only=True),
        Column("publish_consent", gettext_lazy("Bersedia dipublikasikan"), export_only=True),
        Column("classification", gettext_lazy("Klasifikasi"), export_only=True),
    )


class SystemDetailView(RegisterDetailView):
    model = ElectronicSystem
    template_name = "portfolio/system_detail.html"
    select_related = ("agency", "operator_agency", "pemda")
    edit_url_name = "portfolio:system_update"
    delete_url_name = "portfolio:system_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        system = self.object
        grouped = services.entries_of(system)
        user = self.request.user
        context.update(
            evidence=lifecycle.evidence_status(system),
            transitions=lifecycle.LIFECYCLE.available(user, system),
            artifacts=system.artifacts.select_related("document", "document__uploaded_by"),
            visible_documents=set(documents_of(system, user).values_list("pk", flat=True)),
            artifact_form=ArtifactForm() if context["can_change"] else None,
            similar=_similar_systems(system),
            links=system.links.select_related("target_system"),
            incoming=system.incoming_links.filter(
                system__in=ElectronicSystem.objects.visible_to(user)
            ).select_related("system"),
            link_form=LinkForm(system=system, user=user) if context["can_change"] else None,
            groups=printing.field_groups(system),
            sections=printing.section_tables(grouped),
            missing=services.completeness(system, grouped),
            assessments=system.risk_assessments.select_related("assessed_by")[:20],
        )
        return context


def _similar_systems(system):
    """A system still being planned or built is compared with the pemda's others (PROP-3)."""
    from kelola.proposals.overlap_sources import suggestions_for_system

    if system.status not in services.BEING_BUILT:
        return []
    return suggestions_for_system(system)


class SystemCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(ElectronicSystem))
    form_class = SystemForm
    template_name = "portfolio/system_form.html"
    title = gettext_lazy("Daftarkan sistem elektronik")
    create_service = staticmethod(services.system_create)


class SystemUpdateView(ServiceUpdateView):
    model = ElectronicSystem
    form_class = SystemForm
    template_name = "portfolio/system_form.html"
    title = gettext_lazy("Ubah sistem elektronik")
    update_service = staticmethod(services.system_update)


class SystemDeleteView(ServiceDeleteView):
    model = ElectronicSystem
    delete_service = staticmethod(services.system_delete)
    success_url_name = "portfolio:system_list"


class SystemChangeMixin(ObjectMixin):
    """Pages that change a system: 404 outside what the user may see, 403 without "change"."""

    model = ElectronicSystem

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        access.require(request.user, "change", self.object)
        return super().dispatch(request, *args, **kwargs)


class SectionEditView(SystemChangeMixin, View):
    """Edit one repeatable table of the form: the rows present plus blank ones."""

    template_name = "portfolio/section_form.html"
    blank_rows = 3

    def formset_class(self, section):
        return formset_factory(section.form_class(), extra=self.blank_rows, can_delete=True)

    def render_page(self, section, formset, status=200, error=""):
        return render(
            self.request,
            self.template_name,
            {
                "object": self.object,
                "section": section,
                "formset": formset,
                "error": error,
                "title": f"{section.part} {section.title} — {self.object}",
            },
            status=status,
        )

    def get(self, request, pk, section):
        spec = self._section(section)
        rows = [e.data for e in self.object.entries.filter(section=spec.key)]
        return self.render_page(spec, self.formset_class(spec)(initial=rows))

    def post(self, request, pk, section):
        spec = self._section(section)
        formset = self.formset_class(spec)(request.POST)
        if not formset.is_valid():
            return self.render_page(spec, formset, status=400)
        rows = [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in formset.forms
            if form.has_changed() and not form.cleaned_data.get("DELETE")
        ]
        try:
            services.section_replace(self.object, spec.key, rows, actor=request.user)
        except KelolaError as exc:
            return self.render_page(spec, formset, status=exc.status, error=str(exc.message))
        messages.success(request, _("Data tersimpan."))
        return HttpResponseRedirect(self.object.get_absolute_url() + f"#section-{spec.key}")

    @staticmethod
    def _section(key):
        from django.http import Http404

        spec = section_for(key)
        if spec is None:
            raise Http404
        return spec


class RiskAssessView(SystemChangeMixin, View):
    template_name = "portfolio/risk_form.html"

    def render_page(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "object": self.object,
                "form": form,
                "title": _("Kategori sistem elektronik — %(s)s") % {"s": self.object},
            },
            status=status,
        )

    def get(self, request, pk):
        latest = self.object.risk_assessments.first()
        return self.render_page(RiskQuestionnaireForm(initial=latest.answers if latest else None))

    def post(self, request, pk):
        form = RiskQuestionnaireForm(request.POST)
        if not form.is_valid():
            return self.render_page(form, status=400)
        try:
            assessment = services.risk_assess(
                self.object,
                actor=request.user,
                answers=form.answers(),
                assessor_position=form.cleaned_data["assessor_position"],
                note=form.cleaned_data["note"],
            )
        except KelolaError as exc:
            add_refusal_to_form(form, exc)
            return self.render_page(form, status=exc.status)
        messages.success(
            request,
            _("Kategori: %(category)s (nilai %(score)s).")
            % {"category": assessment.get_category_display(), "score": assessment.score},
        )
        return HttpResponseRedirect(self.object.get_absolute_url())


class LifecycleTransitionView(ObjectMixin, View):
    """POST one lifecycle step; a refusal shows what is missing and changes nothing."""

    model = ElectronicSystem

    def post(self, request, pk):
        system = self.get_object()
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Langkah tidak dikenal."))
            return HttpResponseRedirect(system.get_absolute_url())
        take_step(
            request,
            lambda: services.lifecycle_transition(
                system, form.cleaned_data["name"], actor=request.user, comment=form.cleaned_data["comment"]
            ),
        )
        return HttpResponseRedirect(system.get_absolute_url() + "#lifecycle")


class ArtifactUploadView(SystemChangeMixin, View):
    template_name = "portfolio/artifact_form.html"

    def render_page(self, form, status=200):
        title = _("Unggah berkas repositori — %(s)s") % {"s": self.object}
        return render(
            self.request,
            self.template_name,
            {"object": self.object, "form": form, "title": title},
            status=status,
        )

    def get(self, request, pk):
        return self.render_page(ArtifactForm(initial={"kind": request.GET.get("kind", "")}))

    def post(self, request, pk):
        form = ArtifactForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form, status=400)
        try:
            services.artifact_add(
                self.object, actor=request.user, upload=form.cleaned_data.pop("file"), **form.cleaned_data
            )
        except KelolaError as exc:
            add_refusal_to_form(form, exc)
            return self.render_page(form, status=exc.status)
        messages.success(request, _("Berkas tersimpan di repositori."))
        return HttpResponseRedirect(self.object.get_absolute_url() + "#lifecycle")


class SystemImportView(LoginRequiredMixin, View):
    """Upload an XLSX of existing systems; every row is reported (PORT-1)."""

    template_name = "portfolio/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            access.require(request.user, "add", agency_prototype(ElectronicSystem)(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.GET.get("templat"):
            response = HttpResponse(importing.template_xlsx(), content_type=printing.XLSX_MIME)
            response["Content-Disposition"] = 'attachment; filename="templat-impor-sistem-elektronik.xlsx"'
            return response
        return render(request, self.template_name, {"title": _("Impor sistem elektronik")})

    def post(self, request):
        upload = request.FILES.get("file")
        context = {"title": _("Impor sistem elektronik")}
        if upload is None:
            context["error"] = _("Pilih berkas XLSX.")
            return render(request, self.template_name, context, status=400)
        try:
            report = importing.systems_import(upload, actor=request.user)
        except KelolaError as exc:
            context["error"] = str(exc.message)
            return render(request, self.template_name, context, status=exc.status)
        job = run_job("portfolio.import_report", lambda: report, actor=request.user, pemda=request.user.pemda)
        context.update(
            report=report, job=job, problems=[r for r in report["rows"] if r["status"] != "created"]
        )
        return render(request, self.template_name, context)


class ImportReportView(LoginRequiredMixin, View):
    def get(self, request, job_id):
        from django.http import Http404

        from kelola.core.models import Job

        job = Job.objects.filter(pk=job_id, created_by=request.user, name="portfolio.import_report").first()
        if job is None:
            raise Http404
        response = HttpResponse(importing.report_xlsx(job.result), content_type=printing.XLSX_MIME)
        response["Content-Disposition"] = f'attachment; filename="laporan-impor-{job.pk}.xlsx"'
        return response


class LinkAddView(SystemChangeMixin, View):
    def post(self, request, pk):
        form = LinkForm(request.POST, system=self.object, user=request.user)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            try:
                services.link_add(self.object, actor=request.user, **form.cleaned_data)
            except KelolaError as exc:
                messages.error(request, str(exc.message))
            except DjangoValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Relasi tersimpan."))
        return HttpResponseRedirect(self.object.get_absolute_url() + "#relations")


class LinkRemoveView(SystemChangeMixin, View):
    def post(self, request, pk, link_pk):
        from django.shortcuts import get_object_or_404

        link = get_object_or_404(self.object.links, pk=link_pk)
        services.link_remove(link, actor=request.user)
        messages.success(request, _("Relasi dihapus."))
        return HttpResponseRedirect(self.object.get_absolute_url() + "#relations")


class SystemDownloadView(ObjectMixin, View):
    """The filled registration form as PDF (laid out like the official form) or XLSX."""

    model = ElectronicSystem
    select_related = ("agency", "operator_agency", "pemda")

    def get(self, request, pk, fmt):
        system = self.get_object()
        audit.record("export", system, actor=request.user, changes={"title": str(system), "format": fmt})
        filename = f"formulir-sistem-elektronik-{system.pk}.{fmt}"
        if fmt == "pdf":
            response = HttpResponse(printing.form_pdf(system), content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="{filename}"'
        else:
            response = HttpResponse(printing.form_xlsx(system), content_type=printing.XLSX_MIME)
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PortfolioDashboardView(LoginRequiredMixin, View):
    """Counts by stage, category and agency; systems needing attention; proposals waiting."""

    template_name = "portfolio/dashboard.html"

    def get(self, request):
        from kelola.proposals.dashboard import oldest_waiting, waiting_per_step

        try:
            months = max(1, min(60, int(request.GET.get("bulan", 12))))
        except ValueError:
            months = 12
        systems = ElectronicSystem.objects.visible_to(request.user)
        figures = insights.counts(systems)
        missing_hand_over, missing_count = insights.without_hand_over(systems)
        stale, stale_count = insights.stale(systems, months)
        context = {
            "title": _("Dasbor portofolio"),
            "figures": figures,
            "no_pic": insights.without_person_in_charge(systems),
            "missing_hand_over": missing_hand_over,
            "missing_count": missing_count,
            "stale": stale,
            "stale_count": stale_count,
            "months": months,
            "waiting": waiting_per_step(request.user),
            "oldest_waiting": oldest_waiting(request.user),
            "chart_status": _chart(figures["status"], _("Sistem"), "#0d4f8b"),
            "chart_category": _chart(figures["category"], _("Sistem"), "#b26a00"),
        }
        return render(request, self.template_name, context)


def _chart(pairs, label, color) -> dict:
    return {
        "type": "bar",
        "labels": [name for name, _count in pairs],
        "datasets": [{"label": str(label), "data": [count for _name, count in pairs], "color": color}],
    }


# --- build rules ------------------------------------------------------------------------


class RuleListView(RegisterListView):
    model = BuildRule
    filterset_class = BuildRuleFilter
    title = gettext_lazy("Aturan pembangunan aplikasi")
    template_name = "portfolio/rule_list.html"
    empty_message = gettext_lazy(
        "Pemda belum memilih aturan; pilih salah satu preset. "
        "Tanpa aturan, tidak ada pembangunan yang ditolak."
    )
    columns = (
        Column("scope", gettext_lazy("Jenis aplikasi"), order_by="scope"),
        Column("it_office_may_build", gettext_lazy("Dinas")),
        Column("self_reliant_agency_may_build", gettext_lazy("PD Mandiri TIK")),
        Column("any_agency_may_build", gettext_lazy("Semua PD")),
        Column("citation", gettext_lazy("Dasar hukum")),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        may_set = user.pemda_id is not None and access.can(user, "add", BuildRule(pemda_id=user.pemda_id))
        context["preset_form"] = PresetForm() if may_set else None
        return context

    @staticmethod
    def row(obj, columns) -> tuple:
        values = [c.value(obj) for c in columns]
        return reverse("portfolio:rule_update", args=[obj.pk]), values[0], values[1:]


class RulePresetView(LoginRequiredMixin, View):
    def post(self, request):
        form = PresetForm(request.POST)
        if not form.is_valid() or request.user.pemda_id is None:
            messages.error(request, _("Pilih salah satu preset."))
            return HttpResponseRedirect(reverse("portfolio:rule_list"))
        try:
            services.rules_apply_preset(request.user.pemda, form.cleaned_data["preset"], actor=request.user)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Aturan pembangunan diperbarui."))
        return HttpResponseRedirect(reverse("portfolio:rule_list"))


class RuleUpdateView(ServiceUpdateView):
    model = BuildRule
    form_class = BuildRuleForm
    title = gettext_lazy("Ubah aturan pembangunan aplikasi")
    update_service = staticmethod(services.rule_update)

    def get_success_url(self, result) -> str:
        return reverse("portfolio:rule_list")
