"""Pages of the address plan (DC-4): prefixes, addresses, VLANs and the OPD's requests; and the
domains with their DNS records (DC-7)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
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
    ServiceDeleteView,
    ServiceUpdateView,
    StepView,
    take_step,
)
from kelola.organizations.views.base import CreateButtonMixin, agency_prototype, pemda_prototype

from . import domains, requesting, services
from .filters import AddressRequestFilter, DomainFilter, IpAddressFilter, PrefixFilter, VlanFilter
from .forms import AddressRequestForm, DnsRecordForm, DomainForm, IpAddressForm, PrefixForm, VlanForm
from .models import AddressRequest, DnsRecord, Domain, IpAddress, Prefix, Vlan

# --- prefixes -------------------------------------------------------------------------------


class PrefixListView(CreateButtonMixin, RegisterListView):
    model = Prefix
    filterset_class = PrefixFilter
    title = gettext_lazy("Prefiks IP")
    create_url_name = "network:prefix_create"
    create_prototype = staticmethod(pemda_prototype(Prefix))
    select_related = ("agency", "vlan", "parent")
    empty_message = gettext_lazy("Belum ada prefiks.")
    columns = (
        Column("network", gettext_lazy("Prefiks"), order_by="start_key"),
        Column("parent", gettext_lazy("Prefiks induk")),
        Column("family", gettext_lazy("Versi"), order_by="family"),
        Column("scope", gettext_lazy("Jenis"), order_by="scope"),
        Column("vlan", gettext_lazy("VLAN")),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("address_count", gettext_lazy("Alamat tercatat"), order_by="address_count"),
        Column("description", gettext_lazy("Keterangan")),
    )

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(address_count=Count("addresses"))


class PrefixDetailView(RegisterDetailView):
    model = Prefix
    template_name = "network/prefix_detail.html"
    select_related = ("agency", "vlan", "parent")
    fields = ("network", "family", "scope", "parent", "vlan", "agency", "description")
    edit_url_name = "network:prefix_update"
    delete_url_name = "network:prefix_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefix = self.object
        user = self.request.user
        context["usage"] = services.utilisation(prefix)
        context["children"] = prefix.children.visible_to(user).select_related("agency")
        addresses = IpAddress.objects.visible_to(user).filter(
            pemda_id=prefix.pemda_id, family=prefix.family, key__gte=prefix.start_key, key__lte=prefix.end_key
        )
        context["address_total"] = addresses.count()
        context["addresses"] = addresses.select_related("agency", "system").order_by("key")[:200]
        context["can_allocate"] = access.can(user, "allocate", prefix)
        context["can_add_address"] = context["can_allocate"]
        return context


class PrefixCreateView(ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(Prefix))
    form_class = PrefixForm
    title = gettext_lazy("Tambah prefiks IP")
    create_service = staticmethod(services.prefix_create)
    in_home_pemda = True


class PrefixUpdateView(ServiceUpdateView):
    model = Prefix
    form_class = PrefixForm
    title = gettext_lazy("Ubah prefiks IP")
    update_service = staticmethod(services.prefix_update)


class PrefixDeleteView(ServiceDeleteView):
    model = Prefix
    delete_service = staticmethod(services.prefix_delete)
    success_url_name = "network:prefix_list"


class PrefixAllocateView(ObjectMixin, View):
    """ "Alokasikan alamat berikutnya": the lowest free address, for the OPD and host named."""

    model = Prefix

    def post(self, request, pk):
        prefix = self.get_object()
        access.require(request.user, "allocate", prefix)
        agency = None
        if request.POST.get("agency"):
            from kelola.core.models import Agency

            agency = access.get_visible_or_404(Agency, request.user, pk=request.POST["agency"])
        result = {}

        def allocate():
            result["ip"] = services.next_free(
                prefix,
                actor=request.user,
                agency=agency or prefix.agency,
                assigned_to=request.POST.get("assigned_to", "")[:200],
                description=request.POST.get("description", "")[:300],
            )

        if take_step(request, allocate, _("Alamat dialokasikan.")):
            return HttpResponseRedirect(result["ip"].get_absolute_url())
        return HttpResponseRedirect(prefix.get_absolute_url())


# --- addresses ------------------------------------------------------------------------------


class IpAddressListView(CreateButtonMixin, RegisterListView):
    model = IpAddress
    filterset_class = IpAddressFilter
    title = gettext_lazy("Alamat IP")
    create_url_name = "network:address_create"
    create_prototype = staticmethod(lambda user: IpAddress(pemda_id=user.pemda_id))
    select_related = ("agency", "prefix", "system", "device")
    empty_message = gettext_lazy("Belum ada alamat IP.")
    default_ordering = ("family", "key")
    columns = (
        Column("address", gettext_lazy("Alamat"), order_by="key"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("prefix", gettext_lazy("Prefiks")),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("assigned_to", gettext_lazy("Dipakai oleh"), order_by="assigned_to"),
        Column("device", gettext_lazy("Server/perangkat"), export_only=True),
        Column("system", gettext_lazy("Sistem elektronik")),
        Column("dns_name", gettext_lazy("Nama DNS"), order_by="dns_name"),
        Column("description", gettext_lazy("Keterangan"), export_only=True),
    )


class IpAddressDetailView(RegisterDetailView):
    model = IpAddress
    select_related = ("agency", "prefix", "system", "device", "request")
    fields = (
        "address",
        "family",
        "prefix",
        "status",
        "agency",
        "assigned_to",
        "device",
        "system",
        "dns_name",
        "description",
        "request",
    )
    edit_url_name = "network:address_update"
    delete_url_name = "network:address_delete"


class IpAddressCreateView(ServiceCreateView):
    create_prototype = staticmethod(lambda user: IpAddress(pemda_id=user.pemda_id))
    form_class = IpAddressForm
    title = gettext_lazy("Tambah alamat IP")
    create_service = staticmethod(services.address_create)

    def get(self, request, *args, **kwargs):
        form = self.form_class(initial={"prefix": request.GET.get("prefix")}, **self.get_form_kwargs())
        self.object = None
        return self.render_form(form)


class IpAddressUpdateView(ServiceUpdateView):
    model = IpAddress
    form_class = IpAddressForm
    title = gettext_lazy("Ubah alamat IP")
    update_service = staticmethod(services.address_update)


class IpAddressDeleteView(ServiceDeleteView):
    model = IpAddress
    delete_service = staticmethod(services.address_delete)
    success_url_name = "network:address_list"


# --- VLANs ----------------------------------------------------------------------------------


class VlanListView(CreateButtonMixin, RegisterListView):
    model = Vlan
    filterset_class = VlanFilter
    title = gettext_lazy("VLAN")
    create_url_name = "network:vlan_create"
    create_prototype = staticmethod(pemda_prototype(Vlan))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada VLAN.")
    columns = (
        Column("vid", gettext_lazy("VLAN ID"), order_by="vid"),
        Column("name", gettext_lazy("Nama"), order_by="name"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("description", gettext_lazy("Keterangan")),
    )


class VlanDetailView(RegisterDetailView):
    model = Vlan
    template_name = "network/vlan_detail.html"
    select_related = ("agency",)
    fields = ("vid", "name", "agency", "description")
    plain_fields = ("vid",)
    edit_url_name = "network:vlan_update"
    delete_url_name = "network:vlan_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["prefixes"] = self.object.prefixes.visible_to(self.request.user)
        return context


class VlanCreateView(ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(Vlan))
    form_class = VlanForm
    title = gettext_lazy("Tambah VLAN")
    create_service = staticmethod(services.vlan_create)
    in_home_pemda = True


class VlanUpdateView(ServiceUpdateView):
    model = Vlan
    form_class = VlanForm
    title = gettext_lazy("Ubah VLAN")
    update_service = staticmethod(services.vlan_update)


class VlanDeleteView(ServiceDeleteView):
    model = Vlan
    delete_service = staticmethod(services.vlan_delete)
    success_url_name = "network:vlan_list"


# --- requests -------------------------------------------------------------------------------


class AddressRequestListView(CreateButtonMixin, RegisterListView):
    model = AddressRequest
    filterset_class = AddressRequestFilter
    title = gettext_lazy("Permintaan alamat IP")
    create_url_name = "network:request_create"
    create_prototype = staticmethod(agency_prototype(AddressRequest))
    select_related = ("agency", "prefix")
    empty_message = gettext_lazy("Belum ada permintaan alamat IP.")
    default_ordering = ("-created_at",)
    columns = (
        Column("number", gettext_lazy("Nomor"), accessor=str, order_by="id"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("scope", gettext_lazy("Jenis alamat"), order_by="scope"),
        Column("quantity", gettext_lazy("Jumlah"), order_by="quantity"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("created_at", gettext_lazy("Diajukan"), order_by="created_at"),
        Column("purpose", gettext_lazy("Keperluan")),
    )


class AddressRequestDetailView(RegisterDetailView):
    model = AddressRequest
    template_name = "network/request_detail.html"
    select_related = ("agency", "system", "prefix", "requested_by")
    fields = (
        "agency",
        "status",
        "scope",
        "family",
        "quantity",
        "purpose",
        "system",
        "requested_by",
        "created_at",
        "prefix",
        "decision_reason",
        "decided_at",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.object
        user = self.request.user
        context["transitions"] = requesting.REQUEST.available(user, request)
        context["addresses"] = request.addresses.visible_to(user).order_by("key")
        if any(t.name == "approve" for t in context["transitions"]):
            context["prefix_choices"] = Prefix.objects.visible_to(user).filter(
                pemda_id=request.pemda_id, scope=request.scope, family=request.family
            )
        return context


class AddressRequestCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(AddressRequest))
    form_class = AddressRequestForm
    title = gettext_lazy("Minta alamat IP")
    create_service = staticmethod(requesting.request_create)

    def get(self, request, *args, **kwargs):
        self.object = None
        form = self.form_class(initial={"agency": request.user.agency_id}, **self.get_form_kwargs())
        return self.render_form(form)


class AddressRequestTransitionView(StepView):
    model = AddressRequest
    transition = staticmethod(requesting.request_transition)

    def step_params(self, obj) -> dict:
        return {"prefix": self.visible(Prefix, self.request.POST.get("prefix"))}


# --- domains and DNS records ----------------------------------------------------------------


class DomainListView(CreateButtonMixin, RegisterListView):
    model = Domain
    filterset_class = DomainFilter
    title = gettext_lazy("Domain")
    create_url_name = "network:domain_create"
    create_prototype = staticmethod(pemda_prototype(Domain))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada domain.")
    columns = (
        Column("name", gettext_lazy("Nama domain"), order_by="name"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("village_name", gettext_lazy("Desa"), order_by="village_name"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("expires_on", gettext_lazy("Berlaku sampai"), order_by="expires_on"),
        Column("registrar", gettext_lazy("Registrar"), order_by="registrar"),
        Column("record_count", gettext_lazy("Rekaman DNS"), order_by="record_count"),
        Column("description", gettext_lazy("Keterangan"), export_only=True),
    )

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(record_count=Count("records"))


class DomainDetailView(RegisterDetailView):
    model = Domain
    template_name = "network/domain_detail.html"
    select_related = ("agency",)
    fields = (
        "name",
        "kind",
        "agency",
        "village_name",
        "kabupaten_name",
        "status",
        "registrar",
        "registered_on",
        "expires_on",
        "description",
    )
    edit_url_name = "network:domain_update"
    delete_url_name = "network:domain_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        domain = self.object
        user = self.request.user
        context["records"] = domain.records.visible_to(user).order_by("host", "type", "priority", "value")
        probe = DnsRecord(pemda_id=domain.pemda_id, agency_id=domain.agency_id, domain=domain)
        context["can_edit_records"] = access.can(user, "add", probe)
        if context["can_edit_records"]:
            context["record_form"] = DnsRecordForm(user=user)
        return context


class DomainCreateView(ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(Domain))
    form_class = DomainForm
    title = gettext_lazy("Tambah domain")
    create_service = staticmethod(domains.domain_create)
    in_home_pemda = True


class DomainUpdateView(ServiceUpdateView):
    model = Domain
    form_class = DomainForm
    title = gettext_lazy("Ubah domain")
    update_service = staticmethod(domains.domain_update)


class DomainDeleteView(ServiceDeleteView):
    model = Domain
    delete_service = staticmethod(domains.domain_delete)
    success_url_name = "network:domain_list"


class DnsRecordAddView(ObjectMixin, View):
    """The "Tambah rekaman" form on a domain's page."""

    model = Domain

    def post(self, request, pk):
        domain = self.get_object()
        form = DnsRecordForm(request.POST, user=request.user)
        if not form.is_valid():
            problems = [
                f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                for f, e in form.errors.items()
            ]
            messages.error(request, " ".join(problems))
            return HttpResponseRedirect(domain.get_absolute_url())
        take_step(
            request,
            lambda: domains.record_create(actor=request.user, domain=domain, **form.cleaned_data),
            _("Rekaman DNS ditambahkan."),
        )
        return HttpResponseRedirect(domain.get_absolute_url())


class DnsRecordDeleteView(ObjectMixin, View):
    model = DnsRecord
    select_related = ("domain",)

    def post(self, request, pk):
        record = self.get_object()
        take_step(
            request, lambda: domains.record_delete(record, actor=request.user), _("Rekaman DNS dihapus.")
        )
        return HttpResponseRedirect(record.domain.get_absolute_url())
