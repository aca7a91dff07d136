"""Pages of the hosting register: hosting/colocation requests walking 004 Lampiran IV 1.1.1
(DC-1) and VPS requests with their renewals (DC-2). Views parse and call the services."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kelola.core import access
from kelola.core.views.generic import (
    Column,
    ObjectMixin,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
    StepView,
    take_step,
)
from kelola.organizations.views.base import CreateButtonMixin, agency_prototype

from . import hosting, letters, vps
from .choices import APPLICATION_ITEMS, PHYSICAL_ITEMS, CheckItem, HostingKind, HostingStatus
from .filters import HostingRequestFilter, VpsRequestFilter
from .forms import HostingRequestForm, VpsRequestForm
from .models import HostingRequest, VpsRenewal, VpsRequest
from .reminders import window_end


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _visible(model, user, pk):
    """A related row chosen on a step form, looked up inside what the user may see."""
    return access.get_visible_or_404(model, user, pk=pk) if pk else None


SERVER_FIELDS = frozenset({"server_brand", "serial_number", "u_height", "power_watt"})


# --- hosting/colocation requests ---------------------------------------------------------------


class HostingRequestListView(CreateButtonMixin, RegisterListView):
    model = HostingRequest
    filterset_class = HostingRequestFilter
    title = gettext_lazy("Penitipan aplikasi (hosting dan kolokasi)")
    create_url_name = "hosting:request_create"
    create_prototype = staticmethod(agency_prototype(HostingRequest))
    select_related = ("agency", "system", "device")
    empty_message = gettext_lazy("Belum ada permintaan penitipan aplikasi.")
    default_ordering = ("-created_at",)
    columns = (
        Column("number", gettext_lazy("Nomor"), accessor=str, order_by="id"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("system", gettext_lazy("Sistem elektronik")),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("letter_number", gettext_lazy("Nomor surat"), order_by="letter_number"),
        Column("letter_date", gettext_lazy("Tanggal surat"), order_by="letter_date"),
        Column("setup_deadline", gettext_lazy("Batas setting"), order_by="setup_deadline"),
        Column("device", gettext_lazy("Server/VM"), export_only=True),
        Column("vendor", gettext_lazy("Rekanan"), export_only=True),
        Column("decision_reason", gettext_lazy("Alasan penolakan"), export_only=True),
    )


class HostingRequestDetailView(RegisterDetailView):
    model = HostingRequest
    template_name = "hosting/request_detail.html"
    select_related = ("agency", "system", "device", "requested_by", "decided_by")
    fields = (
        "agency",
        "status",
        "kind",
        "system",
        "letter_number",
        "letter_date",
        "purpose",
        "vendor",
        "server_brand",
        "serial_number",
        "u_height",
        "power_watt",
        "operating_system",
        "requested_by",
        "created_at",
        "review_note",
        "recommendation",
        "decision_reason",
        "decided_by",
        "decided_at",
        "setup_deadline",
        "setup_done_at",
        "setup_flagged_at",
        "completed_at",
    )

    def get_fields(self, obj):
        if not obj.carries_server:  # an application only: no server to describe
            self.fields = tuple(n for n in self.fields if n not in SERVER_FIELDS)
        return super().get_fields(obj)

    def get_context_data(self, **kwargs):
        from kelola.datacenter.choices import DeviceKind, DeviceStatus
        from kelola.datacenter.models import Device, Rack
        from kelola.network.models import Prefix

        context = super().get_context_data(**kwargs)
        request, user = self.object, self.request.user
        transitions = hosting.HOSTING.available(user, request)
        names = {t.name for t in transitions}
        done = {c.item: c for c in request.checks.visible_to(user)}
        context.update(
            transitions=transitions,
            physical_checks=[(item, CheckItem(item).label, done.get(item)) for item in PHYSICAL_ITEMS],
            app_checks=[(item, CheckItem(item).label, done.get(item)) for item in APPLICATION_ITEMS],
            can_check=access.can(user, "check", request),
            physical_open=request.status == HostingStatus.PHYSICAL_CHECK,
            app_open=request.status == HostingStatus.APP_CHECK,
            reminders=request.reminders.visible_to(user).select_related("letter"),
            letters=letters.letters_of(request, user),
            addresses=request.addresses.visible_to(user).select_related("prefix").order_by("key"),
            device=Device.objects.visible_to(user).filter(pk=request.device_id).first(),
            window_end=window_end(request) if request.status == HostingStatus.SETUP else None,
            is_hosting=request.kind == HostingKind.HOSTING,
        )
        devices = Device.objects.visible_to(user).filter(pemda_id=request.pemda_id)
        if "place" in names:
            context["racks"] = Rack.objects.visible_to(user).filter(pemda_id=request.pemda_id)
        if "install" in names and request.kind == HostingKind.HOSTING:
            context["hosts"] = devices.filter(kind=DeviceKind.SERVER, status=DeviceStatus.ACTIVE)
            context["vms"] = devices.filter(kind=DeviceKind.VM).exclude(status=DeviceStatus.DECOMMISSIONED)
        if "assign_ip" in names:
            context["prefixes"] = Prefix.objects.visible_to(user).filter(pemda_id=request.pemda_id)
        return context


class HostingRequestCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(HostingRequest))
    form_class = HostingRequestForm
    title = gettext_lazy("Ajukan penitipan aplikasi")
    create_service = staticmethod(hosting.request_create)

    def get(self, request, *args, **kwargs):
        self.object = None
        form = self.form_class(initial={"agency": request.user.agency_id}, **self.get_form_kwargs())
        return self.render_form(form)


class HostingTransitionView(StepView):
    """The step buttons of a request's page, each with the data its step needs."""

    model = HostingRequest
    transition = staticmethod(hosting.request_transition)
    comment_limit = 4000

    def step_params(self, obj) -> dict:
        from kelola.datacenter.models import Device, Rack
        from kelola.network.models import Prefix

        data, user = self.request.POST, self.request.user
        return {
            "u_height": _int(data.get("u_height")),
            "power_watt": _int(data.get("power_watt")),
            "rack": _visible(Rack, user, _int(data.get("rack"))),
            "position": _int(data.get("position")),
            "host": _visible(Device, user, _int(data.get("host"))),
            "vm": _visible(Device, user, _int(data.get("vm"))),
            "device_name": data.get("device_name", "").strip()[:100],
            "prefixes": [_visible(Prefix, user, _int(p)) for p in data.getlist("prefixes") if _int(p)],
        }


class HostingCheckView(ObjectMixin, View):
    """Record one check's result (met / not met, with a note)."""

    model = HostingRequest

    def post(self, request, pk):
        hosting_request = self.get_object()
        take_step(
            request,
            lambda: hosting.check_record(
                hosting_request,
                actor=request.user,
                item=request.POST.get("item", ""),
                passed=request.POST.get("passed") == "1",
                note=request.POST.get("note", "")[:2000],
            ),
            _("Hasil pemeriksaan tersimpan."),
        )
        return HttpResponseRedirect(hosting_request.get_absolute_url())


# --- VPS ------------------------------------------------------------------------------------------


class VpsRequestListView(CreateButtonMixin, RegisterListView):
    model = VpsRequest
    filterset_class = VpsRequestFilter
    title = gettext_lazy("VPS")
    create_url_name = "hosting:vps_create"
    create_prototype = staticmethod(agency_prototype(VpsRequest))
    select_related = ("agency", "device", "address")
    empty_message = gettext_lazy("Belum ada permintaan VPS.")
    default_ordering = ("-created_at",)
    columns = (
        Column("number", gettext_lazy("Nomor"), accessor=str, order_by="id"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("vcpus", gettext_lazy("vCPU"), order_by="vcpus"),
        Column("memory_gb", gettext_lazy("Memori (GB)"), order_by="memory_gb"),
        Column("storage_gb", gettext_lazy("Penyimpanan (GB)"), order_by="storage_gb"),
        Column("device", gettext_lazy("VM")),
        Column("address", gettext_lazy("Alamat IP")),
        Column("expires_on", gettext_lazy("Berlaku sampai"), order_by="expires_on"),
        Column("purpose", gettext_lazy("Keperluan"), export_only=True),
        Column("operating_system", gettext_lazy("Sistem operasi"), export_only=True),
    )


class VpsRequestDetailView(RegisterDetailView):
    model = VpsRequest
    template_name = "hosting/vps_detail.html"
    select_related = ("agency", "system", "device", "address", "requested_by", "decided_by")
    fields = (
        "agency",
        "status",
        "purpose",
        "system",
        "vcpus",
        "memory_gb",
        "storage_gb",
        "operating_system",
        "period_months",
        "requested_by",
        "created_at",
        "decision_reason",
        "decided_by",
        "decided_at",
        "provisioned_at",
        "expires_on",
        "handover_note",
    )

    def get_context_data(self, **kwargs):
        from kelola.datacenter.choices import DeviceKind, DeviceStatus
        from kelola.datacenter.models import Device
        from kelola.network.models import IpAddress, Prefix

        context = super().get_context_data(**kwargs)
        item, user = self.object, self.request.user
        transitions = [t for t in vps.VPS.available(user, item) if t.name != "renew"]
        renewals = list(item.renewals.visible_to(user).select_related("requested_by", "decided_by"))
        probe = VpsRenewal(pemda_id=item.pemda_id, agency_id=item.agency_id, vps=item)
        context.update(
            transitions=transitions,
            renewals=renewals,
            can_decide_renewal=any(vps.RENEWAL.available(user, r) for r in renewals),
            can_renew=item.status in ("provisioned", "expired")
            and access.can(user, "add", probe)
            and not any(r.status == "submitted" for r in renewals),
            device=Device.objects.visible_to(user).filter(pk=item.device_id).first(),
            address=IpAddress.objects.visible_to(user).filter(pk=item.address_id).first(),
        )
        if any(t.name == "provision" for t in transitions):
            context["hosts"] = Device.objects.visible_to(user).filter(
                pemda_id=item.pemda_id, kind=DeviceKind.SERVER, status=DeviceStatus.ACTIVE
            )
            context["prefixes"] = Prefix.objects.visible_to(user).filter(pemda_id=item.pemda_id)
        return context


class VpsRequestCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(VpsRequest))
    form_class = VpsRequestForm
    title = gettext_lazy("Ajukan VPS")
    create_service = staticmethod(vps.vps_create)

    def get(self, request, *args, **kwargs):
        self.object = None
        form = self.form_class(initial={"agency": request.user.agency_id}, **self.get_form_kwargs())
        return self.render_form(form)


class VpsTransitionView(StepView):
    model = VpsRequest
    transition = staticmethod(vps.vps_transition)
    comment_limit = 4000

    def step_params(self, obj) -> dict:
        from kelola.datacenter.models import Device
        from kelola.network.models import Prefix

        data, user = self.request.POST, self.request.user
        return {
            "host": _visible(Device, user, _int(data.get("host"))),
            "prefix": _visible(Prefix, user, _int(data.get("prefix"))),
            "device_name": data.get("device_name", "").strip()[:100],
            "handover_note": data.get("handover_note", "")[:4000],
        }


class VpsRenewalCreateView(ObjectMixin, View):
    model = VpsRequest

    def post(self, request, pk):
        item = self.get_object()
        take_step(
            request,
            lambda: vps.renewal_create(
                item,
                actor=request.user,
                months=_int(request.POST.get("months")) or 0,
                reason=request.POST.get("reason", "")[:4000],
            ),
            _("Permintaan perpanjangan terkirim."),
        )
        return HttpResponseRedirect(item.get_absolute_url())


class VpsRenewalDecisionView(ObjectMixin, View):
    model = VpsRenewal
    select_related = ("vps",)

    def post(self, request, pk):
        renewal = self.get_object()
        take_step(
            request,
            lambda: vps.renewal_decide(
                renewal,
                actor=request.user,
                approve=request.POST.get("decision") == "approve",
                comment=request.POST.get("comment", "")[:4000],
            ),
        )
        return HttpResponseRedirect(renewal.vps.get_absolute_url())
