"""Pages of the ICT asset register (ASSET-1, ASSET-2): assets, licences, maintenance, the
replacement list. Thin: parse, call a service, render."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from kelola.core import access
from kelola.core.exports import XLSX_MIME
from kelola.core.jobs import run_job
from kelola.core.templatetags.kelola import rupiah
from kelola.core.views.generic import (
    Column,
    ObjectMixin,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceUpdateView,
    StepView,
    take_step,
)
from kelola.organizations.views.base import CreateButtonMixin, agency_prototype

from . import importing, queries, services
from .filters import AssetFilter, LanDiagramFilter, LicenceFilter
from .forms import (
    AssetForm,
    AssetUpdateForm,
    AssignForm,
    LanDiagramForm,
    LicenceForm,
    RecordForm,
    ScheduleForm,
)
from .lifecycle import ASSET_LIFECYCLE, asset_transition
from .models import Asset, LanDiagram, Licence, MaintenanceRecord, MaintenanceSchedule
from .policies import may_read_assets, may_read_lan_diagrams, may_send_lan_reminders

# --- assets ---------------------------------------------------------------------------------


class AssetListView(CreateButtonMixin, RegisterListView):
    model = Asset
    filterset_class = AssetFilter
    title = gettext_lazy("Aset TIK")
    template_name = "assets/asset_list.html"
    create_url_name = "assets:asset_create"
    create_prototype = staticmethod(agency_prototype(Asset))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada aset.")
    columns = (
        Column("name", gettext_lazy("Nama aset"), order_by="name"),
        Column("agency", gettext_lazy("Perangkat daerah"), accessor=lambda a: a.agency.name),
        Column("category", gettext_lazy("Kategori"), order_by="category"),
        Column("brand_model", gettext_lazy("Merek/tipe")),
        Column("serial_number", gettext_lazy("Nomor seri"), order_by="serial_number"),
        Column("acquisition_date", gettext_lazy("Tanggal perolehan"), order_by="acquisition_date"),
        Column(
            "acquisition_cost",
            gettext_lazy("Nilai perolehan"),
            accessor=lambda a: rupiah(a.acquisition_cost),
            order_by="acquisition_cost",
        ),
        Column("condition", gettext_lazy("Kondisi"), order_by="condition"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("kind", gettext_lazy("Jenis"), export_only=True),
        Column("funding_source", gettext_lazy("Sumber dana"), export_only=True),
        Column("location", gettext_lazy("Lokasi"), export_only=True),
        Column("expected_lifetime_years", gettext_lazy("Umur ekonomis (tahun)"), export_only=True),
        Column("repair_count", gettext_lazy("Jumlah perbaikan"), export_only=True),
    )

    def get_base_queryset(self):
        # Only what the columns show: the long specification and disposal texts stay on disk
        # (a pemda's list reads thousands of rows per page of filters).
        return (
            super()
            .get_base_queryset()
            .only(
                *("id", "pemda_id", "name", "category", "brand_model", "serial_number", "acquisition_date"),
                *("acquisition_cost", "condition", "status", "kind", "funding_source", "location"),
                *("expected_lifetime_years", "repair_count", "agency__id", "agency__name"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_import"] = self.can_create()
        return context


class AssetDetailView(RegisterDetailView):
    model = Asset
    template_name = "assets/asset_detail.html"
    select_related = ("agency", "custodian", "system")
    fields = (
        "agency",
        "kind",
        "category",
        "brand_model",
        "specs",
        "serial_number",
        "acquisition_date",
        "acquisition_cost",
        "funding_source",
        "condition",
        "location",
        "custodian",
        "system",
        "status",
        "expected_lifetime_years",
        "repair_count",
        "disposal_date",
        "disposal_reason",
    )
    edit_url_name = "assets:asset_update"
    delete_url_name = "assets:asset_delete"

    def get_fields(self, obj):
        rows = super().get_fields(obj)
        cost_label = obj._meta.get_field("acquisition_cost").verbose_name
        rows = [(label, rupiah(value) if label == cost_label else value) for label, value in rows]
        if obj.status != "disposed":
            hidden = {obj._meta.get_field(n).verbose_name for n in ("disposal_date", "disposal_reason")}
            rows = [row for row in rows if row[0] not in hidden]
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asset, user = self.object, self.request.user
        probe = MaintenanceRecord(pemda_id=asset.pemda_id, agency_id=asset.agency_id, asset=asset)
        may_maintain = access.can(user, "add", probe) and asset.status != "disposed"
        context.update(
            transitions=ASSET_LIFECYCLE.available(user, asset),
            schedules=asset.maintenance_schedules.all(),
            records=asset.maintenance_records.all()[:50],
            assignments=asset.licence_assignments.select_related("licence"),
            may_maintain=may_maintain,
            schedule_form=ScheduleForm(user=user) if may_maintain else None,
            record_form=RecordForm(user=user, asset=asset) if may_maintain else None,
            age=asset.age_years(),
            today=datetime.date.today(),
        )
        return context


class AssetCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(Asset))
    form_class = AssetForm
    title = gettext_lazy("Tambah aset TIK")
    create_service = staticmethod(services.asset_create)


class AssetUpdateView(ServiceUpdateView):
    model = Asset
    form_class = AssetUpdateForm
    title = gettext_lazy("Ubah aset TIK")
    update_service = staticmethod(services.asset_update)


class AssetDeleteView(ServiceDeleteView):
    model = Asset
    delete_service = staticmethod(services.asset_delete)
    success_url_name = "assets:asset_list"


class AssetTransitionView(StepView):
    model = Asset
    transition = staticmethod(asset_transition)

    def step_params(self, obj) -> dict:
        post = self.request.POST
        return {
            "acquisition_date": parse_date(post.get("acquisition_date", "") or "") or None,
            "disposal_reason": post.get("disposal_reason", "")[:5000],
            "disposal_date": parse_date(post.get("disposal_date", "") or "") or None,
        }


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


class ScheduleAddView(ObjectMixin, View):
    model = Asset

    def post(self, request, pk):
        asset = self.get_object()
        form = ScheduleForm(request.POST, user=request.user)
        if form.is_valid():
            take_step(
                request, lambda: services.schedule_create(asset, actor=request.user, **form.cleaned_data)
            )
        else:
            _form_errors(request, form)
        return HttpResponseRedirect(asset.get_absolute_url() + "#maintenance")


class RecordAddView(ObjectMixin, View):
    model = Asset

    def post(self, request, pk):
        asset = self.get_object()
        form = RecordForm(request.POST, user=request.user, asset=asset)
        if form.is_valid():
            take_step(request, lambda: services.record_add(asset, actor=request.user, **form.cleaned_data))
        else:
            _form_errors(request, form)
        return HttpResponseRedirect(asset.get_absolute_url() + "#maintenance")


class ScheduleDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        schedule = access.get_visible_or_404(MaintenanceSchedule, request.user, pk=pk)
        take_step(
            request, lambda: services.schedule_delete(schedule, actor=request.user), _("Jadwal dihapus.")
        )
        return HttpResponseRedirect(schedule.get_absolute_url() + "#maintenance")


class AssetImportView(LoginRequiredMixin, View):
    """Upload an XLSX of existing assets; every row is reported."""

    template_name = "assets/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            access.require(request.user, "add", agency_prototype(Asset)(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.GET.get("templat"):
            response = HttpResponse(importing.template_xlsx(), content_type=XLSX_MIME)
            response["Content-Disposition"] = 'attachment; filename="templat-impor-aset-tik.xlsx"'
            return response
        return render(request, self.template_name, {"title": _("Impor aset TIK")})

    def post(self, request):
        from kelola.core.errors import KelolaError

        upload = request.FILES.get("file")
        context = {"title": _("Impor aset TIK")}
        if upload is None:
            context["error"] = _("Pilih berkas XLSX.")
            return render(request, self.template_name, context, status=400)
        try:
            report = importing.assets_import(upload, actor=request.user)
        except KelolaError as exc:
            context["error"] = str(exc.message)
            return render(request, self.template_name, context, status=exc.status)
        job = run_job("assets.import_report", lambda: report, actor=request.user, pemda=request.user.pemda)
        context.update(
            report=report, job=job, problems=[r for r in report["rows"] if r["status"] != "created"]
        )
        return render(request, self.template_name, context)


class ImportReportView(LoginRequiredMixin, View):
    def get(self, request, job_id):
        from kelola.core.models import Job

        job = Job.objects.filter(pk=job_id, created_by=request.user, name="assets.import_report").first()
        if job is None:
            raise Http404
        response = HttpResponse(importing.report_xlsx(job.result), content_type=XLSX_MIME)
        response["Content-Disposition"] = f'attachment; filename="laporan-impor-aset-{job.pk}.xlsx"'
        return response


# --- licences -------------------------------------------------------------------------------


class LicenceListView(CreateButtonMixin, RegisterListView):
    model = Licence
    filterset_class = LicenceFilter
    title = gettext_lazy("Lisensi perangkat lunak")
    create_url_name = "assets:licence_create"
    create_prototype = staticmethod(agency_prototype(Licence))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada lisensi.")
    columns = (
        Column("software_name", gettext_lazy("Perangkat lunak"), order_by="software_name"),
        Column("agency", gettext_lazy("Perangkat daerah"), accessor=lambda x: x.agency.name),
        Column("vendor", gettext_lazy("Vendor"), order_by="vendor"),
        Column("licence_type", gettext_lazy("Jenis lisensi"), order_by="licence_type"),
        Column(
            "seats_used",
            gettext_lazy("Seat terpakai"),
            accessor=lambda x: f"{x.seats_used} / {x.seats}" if x.seats else f"{x.seats_used} / ∞",
        ),
        Column("expiry_date", gettext_lazy("Berlaku sampai"), order_by="expiry_date"),
        Column("cost", gettext_lazy("Biaya"), accessor=lambda x: rupiah(x.cost), order_by="cost"),
    )

    def get_base_queryset(self):
        return queries.with_seats_used(super().get_base_queryset())


class LicenceDetailView(RegisterDetailView):
    model = Licence
    template_name = "assets/licence_detail.html"
    select_related = ("agency",)
    fields = ("agency", "vendor", "licence_type", "seats", "expiry_date", "cost", "notes")
    edit_url_name = "assets:licence_update"
    delete_url_name = "assets:licence_delete"

    def get_fields(self, obj):
        cost_label = obj._meta.get_field("cost").verbose_name
        return [
            (label, rupiah(value) if label == cost_label else value)
            for label, value in super().get_fields(obj)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        licence = self.object
        assignments = list(licence.assignments.select_related("asset", "person"))
        context.update(
            assignments=assignments,
            used=len(assignments),
            free=None if licence.seats is None else max(licence.seats - len(assignments), 0),
            assign_form=AssignForm(licence=licence, user=self.request.user)
            if context["can_change"]
            else None,
        )
        return context


class LicenceCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(Licence))
    form_class = LicenceForm
    title = gettext_lazy("Tambah lisensi")
    create_service = staticmethod(services.licence_create)


class LicenceUpdateView(ServiceUpdateView):
    model = Licence
    form_class = LicenceForm
    title = gettext_lazy("Ubah lisensi")
    update_service = staticmethod(services.licence_update)


class LicenceDeleteView(ServiceDeleteView):
    model = Licence
    delete_service = staticmethod(services.licence_delete)
    success_url_name = "assets:licence_list"


class LicenceAssignView(ObjectMixin, View):
    model = Licence

    def post(self, request, pk):
        licence = self.get_object()
        form = AssignForm(request.POST, licence=licence, user=request.user)
        if form.is_valid():
            take_step(
                request,
                lambda: services.licence_assign(licence, actor=request.user, **form.cleaned_data),
                _("Lisensi ditugaskan."),
            )
        else:
            _form_errors(request, form)
        return HttpResponseRedirect(licence.get_absolute_url())


class LicenceUnassignView(ObjectMixin, View):
    model = Licence

    def post(self, request, pk, assignment_pk):
        licence = self.get_object()
        assignment = get_object_or_404(licence.assignments, pk=assignment_pk)
        take_step(
            request,
            lambda: services.licence_unassign(assignment, actor=request.user),
            _("Penugasan dilepas."),
        )
        return HttpResponseRedirect(licence.get_absolute_url())


# --- reports --------------------------------------------------------------------------------


class ReaderMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_read_assets(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReplacementView(ReaderMixin, TemplateView):
    """Hardware ranked for replacement (ASSET-2; seed 003: "many computers are old")."""

    template_name = "assets/replacement.html"

    def get_context_data(self, **kwargs):
        candidates, total = queries.replacement_candidates(self.request.user)
        return super().get_context_data(
            title=_("Rekomendasi penggantian aset"),
            candidates=candidates,
            total=total,
            weights=(queries.AGE_WEIGHT, queries.FAILURE_WEIGHT, queries.ROLE_SHARE),
            **kwargs,
        )


class MaintenanceOverdueView(ReaderMixin, TemplateView):
    template_name = "assets/maintenance_overdue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Pemeliharaan terlambat"),
            schedules=queries.overdue_schedules(self.request.user)[:500],
            **kwargs,
        )


# --- LAN diagrams (ASSET-4) -----------------------------------------------------------------


class LanDiagramListView(CreateButtonMixin, RegisterListView):
    model = LanDiagram
    filterset_class = LanDiagramFilter
    title = gettext_lazy("Diagram LAN perangkat daerah")
    create_url_name = "assets:lan_diagram_create"
    create_prototype = staticmethod(agency_prototype(LanDiagram))
    select_related = ("agency", "uploaded_by", "document")
    empty_message = gettext_lazy("Belum ada diagram LAN.")
    columns = (
        Column("effective_date", gettext_lazy("Tanggal berlaku"), order_by="effective_date"),
        Column(
            "agency",
            gettext_lazy("Perangkat daerah"),
            accessor=lambda d: d.agency.name,
            order_by="agency__name",
        ),
        Column("report_kind", gettext_lazy("Jenis penyampaian"), order_by="report_kind"),
        Column(
            "change_summary", gettext_lazy("Ringkasan perubahan"), accessor=lambda d: d.change_summary[:120]
        ),
        Column(
            "uploaded_by",
            gettext_lazy("Diunggah oleh"),
            accessor=lambda d: (
                d.uploaded_by.get_full_name() or d.uploaded_by.username if d.uploaded_by else ""
            ),
        ),
        Column(
            "created_at",
            gettext_lazy("Tanggal unggah"),
            accessor=lambda d: d.created_at.date(),
            order_by="created_at",
        ),
        Column("file", gettext_lazy("Berkas"), accessor=lambda d: d.document.original_name, export_only=True),
        Column("sha256", gettext_lazy("SHA-256"), accessor=lambda d: d.document.sha256, export_only=True),
    )


class LanDiagramDetailView(RegisterDetailView):
    model = LanDiagram
    template_name = "assets/lan_diagram_detail.html"
    select_related = ("agency", "uploaded_by", "document")
    fields = ("agency", "report_kind", "effective_date", "change_summary", "uploaded_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        diagram = self.object
        history = list(
            LanDiagram.objects.visible_to(self.request.user)
            .filter(agency_id=diagram.agency_id)
            .select_related("uploaded_by", "document")
            .order_by("-effective_date", "-id")[:100]
        )
        context.update(
            document=diagram.document,
            diagrams=history,
            is_current=bool(history) and history[0].pk == diagram.pk,
            may_file=access.can(
                self.request.user, "add", LanDiagram(pemda_id=diagram.pemda_id, agency_id=diagram.agency_id)
            ),
        )
        return context


class LanDiagramCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(LanDiagram))
    form_class = LanDiagramForm
    title = gettext_lazy("Unggah diagram LAN")

    def get(self, request, *args, **kwargs):
        self.object = None
        initial = {"effective_date": datetime.date.today(), "agency": request.user.agency_id}
        if request.GET.get("jenis") in {"yearly", "change"}:
            initial["report_kind"] = request.GET["jenis"]
        return self.render_form(self.form_class(initial=initial, **self.get_form_kwargs()))

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.lan_diagram_upload(actor=self.request.user, upload=data.pop("file"), **data)


class LanDiagramDownloadView(ObjectMixin, View):
    """The diagram's file, for whoever may see the diagram (the download is audited)."""

    model = LanDiagram
    select_related = ("document",)

    def get(self, request, pk):
        from kelola.core.documents import download_response

        diagram = self.get_object()
        return download_response(diagram.document, request.user, via=diagram)


class LanReaderMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_read_lan_diagrams(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LanOverdueView(LanReaderMixin, TemplateView):
    """OPDs whose LAN diagram is older than the period, with a reminder button for the IT
    office (001 Ps.17)."""

    template_name = "assets/lan_overdue.html"

    def get_context_data(self, **kwargs):
        rows = queries.lan_overdue(self.request.user)
        user = self.request.user
        remindable = {r.agency.pemda_id for r in rows if may_send_lan_reminders(user, r.agency.pemda_id)}
        return super().get_context_data(
            title=_("Diagram LAN terlambat"),
            rows=rows,
            remindable=remindable,
            months=queries.LAN_DIAGRAM_PERIOD_MONTHS,
            **kwargs,
        )


class LanRemindView(LoginRequiredMixin, View):
    """ "Kirim pengingat": one OPD (`agency`) or every overdue OPD of the user's pemda."""

    def post(self, request):
        from kelola.core.models import Agency

        agency_id = request.POST.get("agency", "")
        if agency_id:
            if not agency_id.isdigit():
                raise Http404
            agency = access.get_visible_or_404(
                Agency.objects.select_related("pemda"), request.user, pk=agency_id
            )
            pemda, agency_ids = agency.pemda, [agency.pk]
            if not may_send_lan_reminders(request.user, pemda.pk):
                raise PermissionDenied
        else:
            pemda, agency_ids = request.user.pemda, None
            if pemda is None or not may_send_lan_reminders(request.user, pemda.pk):
                raise PermissionDenied
        sent = {"count": 0}

        def remind():
            sent["count"] = services.lan_reminders_send(
                actor=request.user, pemda=pemda, agency_ids=agency_ids
            )

        if take_step(request, remind, _("Pengingat terkirim.")):
            messages.info(request, _("%(n)s perangkat daerah diingatkan.") % {"n": sent["count"]})
        return HttpResponseRedirect(reverse("assets:lan_overdue"))
