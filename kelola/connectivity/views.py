"""Pages of the connectivity domain: connection-point and event-network requests with their
workflow steps (DC-5), and bandwidth — capacity, needs analyses, allocations, usage with its
import, and the monthly over/under-use report (DC-6)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kelola.core.errors import KelolaError
from kelola.core.exports import XLSX_MIME, export_response
from kelola.core.jobs import run_job
from kelola.core.views.generic import (
    Column,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceUpdateView,
    StepView,
)
from kelola.network.choices import Scope
from kelola.network.models import Prefix
from kelola.organizations.views.base import CreateButtonMixin, agency_prototype, pemda_prototype

from . import bandwidth, connection, events, importing, reports
from .common import mbps_text
from .filters import (
    BandwidthAllocationFilter,
    BandwidthCapacityFilter,
    BandwidthNeedFilter,
    BandwidthUsageFilter,
    ConnectionPointRequestFilter,
    EventNetworkRequestFilter,
)
from .forms import (
    BandwidthAllocationForm,
    BandwidthCapacityForm,
    BandwidthNeedForm,
    ConnectionPointRequestForm,
    EventNetworkRequestForm,
    UsageImportForm,
)
from .models import (
    BandwidthAllocation,
    BandwidthCapacity,
    BandwidthNeed,
    BandwidthUsage,
    ConnectionPointRequest,
    EventNetworkRequest,
)
from .policies import may_import_usage, sees_bandwidth


class OwnAgencyInitialMixin:
    """A new OPD row starts with the user's own agency chosen."""

    def get(self, request, *args, **kwargs):
        self.object = None
        form = self.form_class(initial={"agency": request.user.agency_id}, **self.get_form_kwargs())
        return self.render_form(form)


def _mbps(value):
    return None if value is None else mbps_text(value)


# --- connection points ----------------------------------------------------------------------


class ConnectionListView(CreateButtonMixin, RegisterListView):
    model = ConnectionPointRequest
    filterset_class = ConnectionPointRequestFilter
    title = gettext_lazy("Permintaan titik koneksi")
    create_url_name = "connectivity:connection_create"
    create_prototype = staticmethod(agency_prototype(ConnectionPointRequest))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada permintaan titik koneksi.")
    default_ordering = ("-created_at",)
    columns = (
        Column("number", gettext_lazy("Nomor"), accessor=str, order_by="id"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("building", gettext_lazy("Gedung/lokasi"), order_by="building"),
        Column("room", gettext_lazy("Ruang")),
        Column("points", gettext_lazy("Jumlah titik"), order_by="points"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("created_at", gettext_lazy("Diajukan"), order_by="created_at"),
        Column("purpose", gettext_lazy("Keperluan"), export_only=True),
        Column("recommendation", gettext_lazy("Rekomendasi IT Support"), export_only=True),
    )


class ConnectionDetailView(RegisterDetailView):
    model = ConnectionPointRequest
    template_name = "connectivity/connection_detail.html"
    select_related = ("agency", "requested_by")
    fields = (
        "agency",
        "status",
        "building",
        "room",
        "points",
        "purpose",
        "requested_by",
        "created_at",
        "survey_location",
        "survey_points",
        "survey_devices",
        "survey_notes",
        "surveyed_at",
        "recommendation",
        "analysis",
        "installation_report",
        "installed_at",
        "decision_reason",
        "closed_at",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transitions"] = connection.CONNECTION.available(self.request.user, self.object)
        return context


class ConnectionCreateView(OwnAgencyInitialMixin, ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(ConnectionPointRequest))
    form_class = ConnectionPointRequestForm
    title = gettext_lazy("Minta titik koneksi baru")
    create_service = staticmethod(connection.connection_create)


class ConnectionTransitionView(StepView):
    model = ConnectionPointRequest
    transition = staticmethod(connection.connection_transition)

    def step_params(self, obj) -> dict:
        data = self.request.POST
        return {
            key: data[key][:5000] for key in connection.STEP_FIELDS.get(data.get("name"), ()) if key in data
        }


# --- events ---------------------------------------------------------------------------------


class EventListView(CreateButtonMixin, RegisterListView):
    model = EventNetworkRequest
    filterset_class = EventNetworkRequestFilter
    title = gettext_lazy("Jaringan untuk acara")
    create_url_name = "connectivity:event_create"
    create_prototype = staticmethod(agency_prototype(EventNetworkRequest))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada permintaan jaringan acara.")
    columns = (
        Column("name", gettext_lazy("Acara"), order_by="name"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("venue", gettext_lazy("Tempat")),
        Column("start_at", gettext_lazy("Mulai"), order_by="start_at"),
        Column("end_at", gettext_lazy("Selesai"), order_by="end_at"),
        Column("participants", gettext_lazy("Peserta"), order_by="participants"),
        Column("addresses_needed", gettext_lazy("Alamat IP"), order_by="addresses_needed"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("needs_internet", gettext_lazy("Internet"), export_only=True),
        Column("needs_intranet", gettext_lazy("Intranet"), export_only=True),
        Column("bandwidth_mbps", gettext_lazy("Bandwidth (Mbps)"), export_only=True),
        Column("reserved_addresses", gettext_lazy("Alamat yang dipakai"), export_only=True),
    )


class EventDetailView(RegisterDetailView):
    model = EventNetworkRequest
    template_name = "connectivity/event_detail.html"
    select_related = ("agency", "requested_by", "prefix")
    fields = (
        "agency",
        "status",
        "name",
        "venue",
        "start_at",
        "end_at",
        "participants",
        "addresses_needed",
        "needs_internet",
        "needs_intranet",
        "bandwidth_mbps",
        "notes",
        "requested_by",
        "recommendation",
        "prefix",
        "reserved_addresses",
        "setup_report",
        "dismantled_at",
        "decision_reason",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = self.object, self.request.user
        context["transitions"] = events.EVENT.available(user, event)
        context["addresses"] = event.addresses.visible_to(user).order_by("key")
        if any(t.name == "set_up" for t in context["transitions"]):
            context["prefix_choices"] = Prefix.objects.visible_to(user).filter(
                pemda_id=event.pemda_id, scope=Scope.PRIVATE
            )
        return context


class EventCreateView(OwnAgencyInitialMixin, ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(EventNetworkRequest))
    form_class = EventNetworkRequestForm
    title = gettext_lazy("Minta jaringan untuk acara")
    create_service = staticmethod(events.event_create)


class EventTransitionView(StepView):
    model = EventNetworkRequest
    transition = staticmethod(events.event_transition)
    FIELDS = ("recommendation", "addresses_needed", "setup_report", "decision_reason")

    def step_params(self, obj) -> dict:
        data = self.request.POST
        fields = {key: data[key][:5000] for key in self.FIELDS if data.get(key)}
        return {"prefix": self.visible(Prefix, data.get("prefix")), **fields}


# --- capacity -------------------------------------------------------------------------------


class CapacityListView(CreateButtonMixin, RegisterListView):
    model = BandwidthCapacity
    filterset_class = BandwidthCapacityFilter
    title = gettext_lazy("Kapasitas bandwidth pemda")
    create_url_name = "connectivity:capacity_create"
    create_prototype = staticmethod(pemda_prototype(BandwidthCapacity))
    empty_message = gettext_lazy("Belum ada jalur/kapasitas bandwidth.")
    columns = (
        Column("name", gettext_lazy("Nama jalur"), order_by="name"),
        Column("provider", gettext_lazy("Penyedia (ISP)"), order_by="provider"),
        Column("capacity_mbps", gettext_lazy("Kapasitas (Mbps)"), order_by="capacity_mbps"),
        Column("valid_from", gettext_lazy("Berlaku mulai"), order_by="valid_from"),
        Column("valid_to", gettext_lazy("Berlaku sampai"), order_by="valid_to"),
    )


class CapacityDetailView(RegisterDetailView):
    model = BandwidthCapacity
    fields = ("name", "provider", "capacity_mbps", "valid_from", "valid_to", "description")
    edit_url_name = "connectivity:capacity_update"
    delete_url_name = "connectivity:capacity_delete"


class CapacityCreateView(ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(BandwidthCapacity))
    form_class = BandwidthCapacityForm
    title = gettext_lazy("Tambah kapasitas bandwidth")
    create_service = staticmethod(bandwidth.capacity_create)
    in_home_pemda = True


class CapacityUpdateView(ServiceUpdateView):
    model = BandwidthCapacity
    form_class = BandwidthCapacityForm
    title = gettext_lazy("Ubah kapasitas bandwidth")
    update_service = staticmethod(bandwidth.capacity_update)


class CapacityDeleteView(ServiceDeleteView):
    model = BandwidthCapacity
    delete_service = staticmethod(bandwidth.capacity_delete)
    success_url_name = "connectivity:capacity_list"


# --- needs analyses -------------------------------------------------------------------------


class NeedListView(CreateButtonMixin, RegisterListView):
    model = BandwidthNeed
    filterset_class = BandwidthNeedFilter
    title = gettext_lazy("Analisis kebutuhan bandwidth")
    create_url_name = "connectivity:need_create"
    create_prototype = staticmethod(agency_prototype(BandwidthNeed))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada analisis kebutuhan bandwidth.")
    columns = (
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("year", gettext_lazy("Tahun"), accessor=lambda n: str(n.year), order_by="year"),
        Column("staff_users", gettext_lazy("Pengguna"), order_by="staff_users"),
        Column("systems_in_use", gettext_lazy("Sistem"), order_by="systems_in_use"),
        Column("current_mbps", gettext_lazy("Saat ini (Mbps)"), order_by="current_mbps"),
        Column("requested_mbps", gettext_lazy("Diminta (Mbps)"), order_by="requested_mbps"),
        Column("recommended_mbps", gettext_lazy("Rekomendasi (Mbps)"), order_by="recommended_mbps"),
        Column("justification", gettext_lazy("Alasan"), export_only=True),
    )


class NeedDetailView(RegisterDetailView):
    model = BandwidthNeed
    template_name = "connectivity/need_detail.html"
    select_related = ("agency",)
    fields = (
        "agency",
        "year",
        "staff_users",
        "systems_in_use",
        "current_mbps",
        "requested_mbps",
        "recommended_mbps",
        "justification",
    )
    edit_url_name = "connectivity:need_update"
    delete_url_name = "connectivity:need_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rates"] = {
            "per_user": _mbps(bandwidth.PER_USER_MBPS),
            "per_system": _mbps(bandwidth.PER_SYSTEM_MBPS),
            "minimum": _mbps(bandwidth.MINIMUM_MBPS),
        }
        context["allocations"] = self.object.allocations.visible_to(self.request.user)
        return context


class NeedCreateView(OwnAgencyInitialMixin, ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(BandwidthNeed))
    form_class = BandwidthNeedForm
    title = gettext_lazy("Tambah analisis kebutuhan bandwidth")
    create_service = staticmethod(bandwidth.need_create)


class NeedUpdateView(ServiceUpdateView):
    model = BandwidthNeed
    form_class = BandwidthNeedForm
    title = gettext_lazy("Ubah analisis kebutuhan bandwidth")
    update_service = staticmethod(bandwidth.need_update)


class NeedDeleteView(ServiceDeleteView):
    model = BandwidthNeed
    delete_service = staticmethod(bandwidth.need_delete)
    success_url_name = "connectivity:need_list"


# --- allocations ----------------------------------------------------------------------------


class AllocationListView(CreateButtonMixin, RegisterListView):
    model = BandwidthAllocation
    filterset_class = BandwidthAllocationFilter
    title = gettext_lazy("Alokasi bandwidth")
    create_url_name = "connectivity:allocation_create"
    create_prototype = staticmethod(pemda_prototype(BandwidthAllocation))
    select_related = ("agency", "link")
    empty_message = gettext_lazy("Belum ada alokasi bandwidth.")
    columns = (
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("committed_mbps", gettext_lazy("Alokasi (Mbps)"), order_by="committed_mbps"),
        Column("valid_from", gettext_lazy("Berlaku mulai"), order_by="valid_from"),
        Column("valid_to", gettext_lazy("Berlaku sampai"), order_by="valid_to"),
        Column("link", gettext_lazy("Jalur/ISP")),
        Column("notes", gettext_lazy("Keterangan"), export_only=True),
    )


class AllocationDetailView(RegisterDetailView):
    model = BandwidthAllocation
    select_related = ("agency", "link", "need")
    fields = ("agency", "committed_mbps", "valid_from", "valid_to", "link", "need", "notes")
    edit_url_name = "connectivity:allocation_update"
    delete_url_name = "connectivity:allocation_delete"


class AllocationCreateView(ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(BandwidthAllocation))
    form_class = BandwidthAllocationForm
    title = gettext_lazy("Tambah alokasi bandwidth")
    create_service = staticmethod(bandwidth.allocation_create)


class AllocationUpdateView(ServiceUpdateView):
    model = BandwidthAllocation
    form_class = BandwidthAllocationForm
    title = gettext_lazy("Ubah alokasi bandwidth")
    update_service = staticmethod(bandwidth.allocation_update)


class AllocationDeleteView(ServiceDeleteView):
    model = BandwidthAllocation
    delete_service = staticmethod(bandwidth.allocation_delete)
    success_url_name = "connectivity:allocation_list"


# --- usage, import and report ---------------------------------------------------------------


class UsageListView(RegisterListView):
    model = BandwidthUsage
    filterset_class = BandwidthUsageFilter
    title = gettext_lazy("Pemakaian bandwidth")
    template_name = "connectivity/usage_list.html"
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada data pemakaian bandwidth.")
    columns = (
        Column("period", gettext_lazy("Tanggal"), order_by="period"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("avg_mbps", gettext_lazy("Rata-rata (Mbps)"), order_by="avg_mbps"),
        Column("peak_mbps", gettext_lazy("Puncak (Mbps)"), order_by="peak_mbps"),
        Column("source", gettext_lazy("Sumber"), order_by="source"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_import"] = may_import_usage(self.request.user)
        return context


class UsageDetailView(RegisterDetailView):
    model = BandwidthUsage
    select_related = ("agency", "imported_by")
    fields = ("agency", "period", "avg_mbps", "peak_mbps", "source", "imported_by", "created_at")


class UsageImportView(LoginRequiredMixin, View):
    """Upload a daily CSV or an SNMP counter export; every row is reported."""

    template_name = "connectivity/usage_import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_import_usage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        kind = request.GET.get("templat")
        if kind in {"csv", "snmp"}:
            body = importing.CSV_TEMPLATE if kind == "csv" else importing.SNMP_TEMPLATE
            response = HttpResponse(body, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="templat-pemakaian-bandwidth-{kind}.csv"'
            return response
        return render(
            request, self.template_name, {"title": _("Impor pemakaian bandwidth"), "form": UsageImportForm()}
        )

    def post(self, request):
        form = UsageImportForm(request.POST, request.FILES)
        context = {"title": _("Impor pemakaian bandwidth"), "form": form}
        if not form.is_valid():
            context["error"] = _("Pilih format dan berkas CSV.")
            return render(request, self.template_name, context, status=400)
        try:
            report = importing.import_usage(
                form.cleaned_data["file"], actor=request.user, kind=form.cleaned_data["kind"]
            )
        except KelolaError as exc:
            context["error"] = str(exc.message)
            return render(request, self.template_name, context, status=exc.status)
        job = run_job(
            "connectivity.usage_import", lambda: report, actor=request.user, pemda=request.user.pemda
        )
        context.update(
            report=report, job=job, problems=[r for r in report["rows"] if r["status"] != "created"][:500]
        )
        return render(request, self.template_name, context)


class UsageImportReportView(LoginRequiredMixin, View):
    def get(self, request, job_id):
        from kelola.core.models import Job

        job = Job.objects.filter(pk=job_id, created_by=request.user, name="connectivity.usage_import").first()
        if job is None:
            raise Http404
        response = HttpResponse(importing.report_xlsx(job.result), content_type=XLSX_MIME)
        response["Content-Disposition"] = f'attachment; filename="laporan-impor-bandwidth-{job.pk}.xlsx"'
        return response


REPORT_HEADERS = (
    gettext_lazy("Perangkat daerah"),
    gettext_lazy("Alokasi (Mbps)"),
    gettext_lazy("Rata-rata (Mbps)"),
    gettext_lazy("Puncak (Mbps)"),
    gettext_lazy("Rata-rata (% alokasi)"),
    gettext_lazy("Puncak (% alokasi)"),
    gettext_lazy("Hari terukur"),
    gettext_lazy("Penilaian"),
)


class ReportView(LoginRequiredMixin, View):
    """Over/under use per OPD for one month (002 Ps.35(2)c); ?bulan=yyyy-mm, ?export=csv|xlsx."""

    template_name = "connectivity/report.html"

    def get(self, request):
        if not sees_bandwidth(request.user):
            raise PermissionDenied
        year, month = reports.parse_month(request.GET.get("bulan"))
        rows = reports.month_report(request.user, year, month)
        label = f"{year}-{month:02d}"
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return export_response(
                title=_("Laporan pemakaian bandwidth %(month)s") % {"month": label},
                headers=[str(h) for h in REPORT_HEADERS],
                rows=(
                    [
                        r.agency.name,
                        r.allocated,
                        r.average,
                        r.peak,
                        r.average_percent,
                        r.peak_percent,
                        r.days,
                        r.classification_label,
                    ]
                    for r in rows
                ),
                fmt=export,
                user=request.user,
                model=BandwidthUsage,
            )
        context = {
            "title": _("Laporan pemakaian bandwidth"),
            "rows": rows,
            "month": label,
            "headers": REPORT_HEADERS,
            "thresholds": {
                "over_average": int(reports.OVER_AVERAGE_RATIO * 100),
                "over_peak": int(reports.OVER_PEAK_RATIO * 100),
                "under_peak": int(reports.UNDER_PEAK_RATIO * 100),
            },
        }
        return render(request, self.template_name, context)
