"""Pages of the data-center facilities register (DC-3): data centers, rooms, racks with their
power feeds and elevation, servers/VMs/devices, and the capacity warnings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from kelola.core import access
from kelola.core.models import Pemda
from kelola.core.templatetags.kelola import display
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
from kelola.organizations.views.base import CreateButtonMixin, pemda_prototype

from . import services
from .choices import DeviceKind
from .filters import DataCenterFilter, DeviceFilter, RackFilter, RoomFilter
from .forms import DataCenterForm, DeviceForm, DevicePlaceForm, PowerFeedForm, RackForm, RoomForm
from .models import DataCenter, Device, PowerFeed, Rack, Room
from .policies import DATACENTER_READERS, is_datacenter_staff


def device_prototype(user) -> Device:
    return Device(pemda_id=user.pemda_id, agency_id=user.agency_id)


class InitialFromQueryMixin:
    """Create forms pre-filled from the query string (e.g. "Tambah rak" on a room's page)."""

    initial_params: tuple[str, ...] = ()

    def get(self, request, *args, **kwargs):
        self.object = None
        initial = {name: request.GET[name] for name in self.initial_params if request.GET.get(name)}
        return self.render_form(self.form_class(initial=initial, **self.get_form_kwargs()))


# --- data centers ---------------------------------------------------------------------------


class DataCenterListView(CreateButtonMixin, RegisterListView):
    model = DataCenter
    filterset_class = DataCenterFilter
    title = gettext_lazy("Pusat data")
    create_url_name = "datacenter:datacenter_create"
    create_prototype = staticmethod(pemda_prototype(DataCenter))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada pusat data.")
    columns = (
        Column("name", gettext_lazy("Nama"), order_by="name"),
        Column("code", gettext_lazy("Kode"), order_by="code"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("agency", gettext_lazy("Perangkat daerah pengelola")),
        Column("meets_standard", gettext_lazy("Memenuhi standar"), order_by="meets_standard"),
        Column("power_capacity_kw", gettext_lazy("Kapasitas daya (kW)"), order_by="power_capacity_kw"),
        Column("room_count", gettext_lazy("Ruang"), order_by="room_count"),
        Column("device_count", gettext_lazy("Perangkat"), order_by="device_count"),
        Column("address", gettext_lazy("Alamat"), export_only=True),
    )

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(room_count=Count("rooms", distinct=True), device_count=Count("devices", distinct=True))
        )


class DataCenterDetailView(RegisterDetailView):
    model = DataCenter
    template_name = "datacenter/datacenter_detail.html"
    select_related = ("agency",)
    fields = (
        "name",
        "code",
        "kind",
        "agency",
        "meets_standard",
        "address",
        "power_capacity_kw",
        "description",
    )
    edit_url_name = "datacenter:datacenter_update"
    delete_url_name = "datacenter:datacenter_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        datacenter = self.object
        user = self.request.user
        racks = services.with_usage(
            Rack.objects.visible_to(user).filter(room__datacenter=datacenter).select_related("room")
        )
        context["rooms"] = _rooms_with_racks(datacenter.rooms.visible_to(user), racks)
        context["power"] = services.datacenter_power(datacenter)
        context["device_count"] = Device.objects.visible_to(user).filter(datacenter=datacenter).count()
        context["can_add_room"] = access.can(user, "add", Room(pemda_id=datacenter.pemda_id))
        return context


def _rooms_with_racks(rooms, racks) -> list[tuple]:
    by_room: dict[int, list] = {}
    for rack in racks:
        by_room.setdefault(rack.room_id, []).append((rack, services.usage_for(rack)))
    return [(room, by_room.get(room.pk, [])) for room in rooms]


class DataCenterCreateView(ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(DataCenter))
    form_class = DataCenterForm
    title = gettext_lazy("Tambah pusat data")
    create_service = staticmethod(services.datacenter_create)
    in_home_pemda = True


class DataCenterUpdateView(ServiceUpdateView):
    model = DataCenter
    form_class = DataCenterForm
    title = gettext_lazy("Ubah pusat data")
    update_service = staticmethod(services.datacenter_update)


class DataCenterDeleteView(ServiceDeleteView):
    model = DataCenter
    delete_service = staticmethod(services.datacenter_delete)
    success_url_name = "datacenter:datacenter_list"


# --- rooms ----------------------------------------------------------------------------------


class RoomListView(CreateButtonMixin, RegisterListView):
    model = Room
    filterset_class = RoomFilter
    title = gettext_lazy("Ruang server")
    create_url_name = "datacenter:room_create"
    create_prototype = staticmethod(pemda_prototype(Room))
    select_related = ("datacenter",)
    empty_message = gettext_lazy("Belum ada ruang.")
    columns = (
        Column("name", gettext_lazy("Nama ruang"), order_by="name"),
        Column("datacenter", gettext_lazy("Pusat data"), order_by="datacenter__name"),
        Column("floor", gettext_lazy("Lantai"), order_by="floor"),
        Column("rack_count", gettext_lazy("Rak"), order_by="rack_count"),
        Column("description", gettext_lazy("Keterangan"), export_only=True),
    )

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(rack_count=Count("racks"))


class RoomDetailView(RegisterDetailView):
    model = Room
    template_name = "datacenter/room_detail.html"
    select_related = ("datacenter",)
    fields = ("datacenter", "name", "floor", "description")
    edit_url_name = "datacenter:room_update"
    delete_url_name = "datacenter:room_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        racks = services.with_usage(self.object.racks.visible_to(user).select_related("room"))
        context["racks"] = [(rack, services.usage_for(rack)) for rack in racks]
        context["can_add_rack"] = access.can(user, "add", Rack(pemda_id=self.object.pemda_id))
        return context


class RoomCreateView(InitialFromQueryMixin, ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(Room))
    form_class = RoomForm
    title = gettext_lazy("Tambah ruang")
    create_service = staticmethod(services.room_create)
    in_home_pemda = True
    initial_params = ("datacenter",)


class RoomUpdateView(ServiceUpdateView):
    model = Room
    form_class = RoomForm
    title = gettext_lazy("Ubah ruang")
    update_service = staticmethod(services.room_update)


class RoomDeleteView(ServiceDeleteView):
    model = Room
    delete_service = staticmethod(services.room_delete)
    success_url_name = "datacenter:room_list"


# --- racks ----------------------------------------------------------------------------------


def _usage(rack) -> dict:
    if not hasattr(rack, "_usage"):
        rack._usage = services.usage_for(rack)
    return rack._usage


class RackListView(CreateButtonMixin, RegisterListView):
    model = Rack
    filterset_class = RackFilter
    title = gettext_lazy("Rak")
    create_url_name = "datacenter:rack_create"
    create_prototype = staticmethod(pemda_prototype(Rack))
    select_related = ("room__datacenter",)
    empty_message = gettext_lazy("Belum ada rak.")
    columns = (
        Column("name", gettext_lazy("Rak"), order_by="name"),
        Column("datacenter", gettext_lazy("Pusat data"), accessor=lambda r: r.room.datacenter.code),
        Column("room", gettext_lazy("Ruang"), accessor=lambda r: r.room.name, order_by="room__name"),
        Column("u_height", gettext_lazy("Tinggi (U)"), order_by="u_height"),
        Column("units_used", gettext_lazy("Unit terpakai"), order_by="units_used"),
        Column("units_percent", gettext_lazy("Unit (%)"), accessor=lambda r: _usage(r)["units_percent"]),
        Column("power_drawn", gettext_lazy("Daya (W)"), order_by="power_drawn"),
        Column("power_percent", gettext_lazy("Daya (%)"), accessor=lambda r: _usage(r)["power_percent"]),
        Column("warning", gettext_lazy("Peringatan"), accessor=lambda r: _usage(r)["warning"]),
        Column("max_power_watt", gettext_lazy("Daya maksimum (W)"), export_only=True),
        Column(
            "feed_capacity",
            gettext_lazy("Kapasitas catu daya (W)"),
            accessor=lambda r: _usage(r)["feed_capacity_watt"],
            export_only=True,
        ),
        Column("warning_percent", gettext_lazy("Ambang peringatan (%)"), export_only=True),
        Column("device_count", gettext_lazy("Jumlah perangkat"), export_only=True),
    )

    def get_base_queryset(self):
        return services.with_usage(super().get_base_queryset())

    def row(self, obj, columns):
        """On the page, percentages are bars' colours and the warning a badge (exports keep
        the plain values)."""
        url, first, values = super().row(obj, columns)
        names = [c.name for c in columns[1:]]
        usage = _usage(obj)
        for name in ("units_percent", "power_percent"):
            index = names.index(name)
            values[index] = format_html(
                '<span class="badge {}">{} %</span>', _tone(values[index], usage), display(values[index])
            )
        index = names.index("warning")
        values[index] = _warning_badge(usage)
        return url, first, values


def _tone(percent, usage) -> str:
    if percent >= 100:
        return "text-bg-danger"
    if percent >= usage["warning_percent"]:
        return "text-bg-warning"
    return "text-bg-light border"


def _warning_badge(usage):
    if usage["over_power"] or usage["over_feed"]:
        return format_html('<span class="badge text-bg-danger">{}</span>', _("Lewat batas"))
    if usage["warning"]:
        return format_html('<span class="badge text-bg-warning">{}</span>', _("Peringatan"))
    return format_html('<span class="text-secondary">{}</span>', "—")


class RackDetailView(RegisterDetailView):
    model = Rack
    template_name = "datacenter/rack_detail.html"
    select_related = ("room__datacenter",)
    fields = ("room", "name", "u_height", "max_power_watt", "warning_percent", "description")
    edit_url_name = "datacenter:rack_update"
    delete_url_name = "datacenter:rack_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rack = self.object
        user = self.request.user
        context["usage"] = services.rack_usage(rack)
        context["feeds"] = rack.power_feeds.visible_to(user).order_by("name")
        context["devices"] = (
            rack.devices.visible_to(user).select_related("agency").order_by("-position", "name")
        )
        context["can_add_feed"] = access.can(user, "add", PowerFeed(pemda_id=rack.pemda_id))
        context["can_add_device"] = access.can(user, "add", device_prototype(user))
        return context


class RackElevationView(ObjectMixin, TemplateView):
    """The rack's front view, printable: units from the top down, each device one block."""

    model = Rack
    select_related = ("room__datacenter",)
    template_name = "datacenter/rack_elevation.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rack = self.object
        user = self.request.user
        devices = Device.objects.visible_to(user).filter(rack=rack)
        context.update(
            object=rack,
            title=_("Elevasi rak %(rack)s") % {"rack": rack.name},
            elevation=services.elevation(rack, devices),
            usage=services.rack_usage(rack),
            kinds=DeviceKind,
            can_add_device=access.can(user, "add", device_prototype(user)),
        )
        return context


class RackCreateView(InitialFromQueryMixin, ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(Rack))
    form_class = RackForm
    title = gettext_lazy("Tambah rak")
    create_service = staticmethod(services.rack_create)
    in_home_pemda = True
    initial_params = ("room",)


class RackUpdateView(ServiceUpdateView):
    model = Rack
    form_class = RackForm
    title = gettext_lazy("Ubah rak")
    update_service = staticmethod(services.rack_update)


class RackDeleteView(ServiceDeleteView):
    model = Rack
    delete_service = staticmethod(services.rack_delete)
    success_url_name = "datacenter:rack_list"


# --- power feeds ----------------------------------------------------------------------------


class PowerFeedCreateView(InitialFromQueryMixin, ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(PowerFeed))
    form_class = PowerFeedForm
    title = gettext_lazy("Tambah catu daya")
    create_service = staticmethod(services.power_feed_create)
    in_home_pemda = True
    initial_params = ("rack",)


class PowerFeedUpdateView(ServiceUpdateView):
    model = PowerFeed
    form_class = PowerFeedForm
    title = gettext_lazy("Ubah catu daya")
    update_service = staticmethod(services.power_feed_update)


class PowerFeedDeleteView(ServiceDeleteView):
    model = PowerFeed
    delete_service = staticmethod(services.power_feed_delete)

    def post(self, request, *args, **kwargs):
        feed = self.get_object()
        take_step(request, lambda: services.power_feed_delete(feed, actor=request.user), _("Data dihapus."))
        return HttpResponseRedirect(feed.get_absolute_url())


# --- devices --------------------------------------------------------------------------------


def _units(device) -> str | None:
    if device.position is None:
        return None
    if device.u_height == 1:
        return f"U{device.position}"
    return f"U{device.position}-U{device.top_unit}"


class DeviceListView(CreateButtonMixin, RegisterListView):
    model = Device
    filterset_class = DeviceFilter
    title = gettext_lazy("Server dan perangkat")
    create_url_name = "datacenter:device_create"
    create_prototype = staticmethod(device_prototype)
    select_related = ("agency", "datacenter", "rack", "host")
    empty_message = gettext_lazy("Belum ada server atau perangkat.")
    columns = (
        Column("name", gettext_lazy("Nama"), order_by="name"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("agency", gettext_lazy("Pemilik"), accessor=lambda d: d.agency.name, order_by="agency__name"),
        Column("origin", gettext_lazy("Asal"), order_by="origin"),
        Column(
            "datacenter",
            gettext_lazy("Pusat data"),
            accessor=lambda d: d.datacenter.code if d.datacenter_id else None,
        ),
        Column("rack", gettext_lazy("Rak"), accessor=lambda d: d.rack.name if d.rack_id else None),
        Column("units", gettext_lazy("Unit"), accessor=_units, order_by="position"),
        Column("host", gettext_lazy("Host"), accessor=lambda d: d.host.name if d.host_id else None),
        Column("operating_system", gettext_lazy("Sistem operasi"), order_by="operating_system"),
        Column("serial_number", gettext_lazy("Nomor seri"), export_only=True),
        Column("u_height", gettext_lazy("Tinggi (U)"), export_only=True),
        Column("power_draw_watt", gettext_lazy("Daya (watt)"), export_only=True),
        Column("vcpus", gettext_lazy("vCPU/core"), export_only=True),
        Column("memory_gb", gettext_lazy("Memori (GB)"), export_only=True),
        Column("storage_gb", gettext_lazy("Penyimpanan (GB)"), export_only=True),
        Column("description", gettext_lazy("Keterangan"), export_only=True),
    )


class DeviceDetailView(RegisterDetailView):
    model = Device
    template_name = "datacenter/device_detail.html"
    select_related = ("agency", "datacenter", "rack__room", "host", "asset")
    fields = (
        "name",
        "kind",
        "status",
        "origin",
        "agency",
        "datacenter",
        "rack",
        "position",
        "u_height",
        "host",
        "power_draw_watt",
        "vcpus",
        "memory_gb",
        "storage_gb",
        "operating_system",
        "serial_number",
        "asset",
        "description",
    )
    plain_fields = ("position",)
    edit_url_name = "datacenter:device_update"
    delete_url_name = "datacenter:device_delete"

    def get_fields(self, obj):
        """An OPD sees its device's rack and data center by name only: the facilities' pages
        are the IT office's."""
        user = self.request.user
        rows = []
        for label, value in super().get_fields(obj):
            if hasattr(value, "get_absolute_url") and not access.can(user, "view", value):
                value = str(value)
            rows.append((label, value))
        return rows

    def get_context_data(self, **kwargs):
        from kelola.network.models import IpAddress

        context = super().get_context_data(**kwargs)
        device = self.object
        user = self.request.user
        context["ip_addresses"] = (
            IpAddress.objects.visible_to(user).filter(device=device).select_related("prefix").order_by("key")
        )
        context["guests"] = device.guests.visible_to(user).select_related("agency").order_by("name")
        context["systems"] = device.systems.visible_to(user).order_by("internal_name")
        context["sees_rack"] = device.rack_id is not None and access.can(user, "view", device.rack)
        if context["can_change"] and device.kind != DeviceKind.VM:
            context["place_form"] = DevicePlaceForm(
                user=user, initial={"rack": device.rack_id, "position": device.position}
            )
        return context


class DeviceCreateView(InitialFromQueryMixin, ServiceCreateView):
    create_prototype = staticmethod(device_prototype)
    form_class = DeviceForm
    title = gettext_lazy("Tambah server/perangkat")
    create_service = staticmethod(services.device_create)
    initial_params = ("rack", "position", "host", "kind", "agency")

    def perform(self, form):
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        return services.device_create(actor=self.request.user, pemda=agency.pemda, agency=agency, **data)


class DeviceUpdateView(ServiceUpdateView):
    model = Device
    form_class = DeviceForm
    title = gettext_lazy("Ubah server/perangkat")
    update_service = staticmethod(services.device_update)


class DeviceDeleteView(ServiceDeleteView):
    model = Device
    delete_service = staticmethod(services.device_delete)
    success_url_name = "datacenter:device_list"


class DevicePlaceView(ObjectMixin, View):
    """ "Pindahkan": put the device in another rack and unit, or take it out of its rack."""

    model = Device

    def post(self, request, pk):
        device = self.get_object()
        access.require(request.user, "change", device)
        form = DevicePlaceForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
            return HttpResponseRedirect(device.get_absolute_url())
        take_step(
            request,
            lambda: services.device_place(
                device,
                actor=request.user,
                rack=form.cleaned_data["rack"],
                position=form.cleaned_data["position"],
            ),
            _("Penempatan perangkat tersimpan."),
        )
        return HttpResponseRedirect(device.get_absolute_url())


# --- capacity -------------------------------------------------------------------------------


class CapacityView(TemplateView):
    """Racks at or over their warning threshold, and data centers over their power capacity."""

    template_name = "datacenter/capacity.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not is_datacenter_staff(request.user):
            raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = access.actor_for(self.request.user)
        if actor.is_platform_admin:
            pemdas = list(Pemda.objects.order_by("name").values_list("pk", flat=True))
        else:
            pemdas = sorted(actor.pemdas_with(DATACENTER_READERS))
        warnings = [item for pemda_id in pemdas for item in services.capacity_warnings(pemda_id)]
        context.update(title=_("Peringatan kapasitas"), warnings=warnings)
        return context
