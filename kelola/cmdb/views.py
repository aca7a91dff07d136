"""Pages of the configuration register (ASSET-3): items with their impact and dependency trees,
the relations, and the manual relations' forms."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core import access
from kelola.core.errors import KelolaError
from kelola.core.views.generic import (
    Column,
    ObjectMixin,
    RegisterDetailView,
    RegisterListView,
    ServiceDeleteView,
    ServiceFormView,
)

from . import graph, services
from .filters import ConfigurationItemFilter, RelationFilter
from .forms import RelationForm
from .models import ConfigurationItem, Relation


class ConfigurationItemListView(RegisterListView):
    model = ConfigurationItem
    filterset_class = ConfigurationItemFilter
    title = gettext_lazy("Item konfigurasi")
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada item konfigurasi.")
    default_ordering = ("kind", "name")
    columns = (
        Column("name", gettext_lazy("Nama"), order_by="name"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("updated_at", gettext_lazy("Diperbarui"), order_by="updated_at"),
    )


class ConfigurationItemDetailView(RegisterDetailView):
    model = ConfigurationItem
    template_name = "cmdb/ci_detail.html"
    select_related = ("agency",)
    fields = ("name", "kind", "agency")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item, user = self.object, self.request.user
        depth = graph.clamp_depth(self.request.GET.get("kedalaman"))
        relations = Relation.objects.visible_to(user).select_related("source", "target")
        context.update(
            impact=graph.affected_by(item, user, max_depth=depth),
            dependencies=graph.depends_on(item, user, max_depth=depth),
            depth=depth,
            depth_choices=(1, 2, 3, 5, 10, graph.MAX_DEPTH),
            outgoing=relations.filter(source=item).order_by("kind", "target__name"),
            incoming=relations.filter(target=item).order_by("kind", "source__name"),
            can_relate=access.can(user, "relate", item),
            domain_url=item.domain_url,
            addresses=_addresses(item, user),
        )
        return context


def _addresses(item, user):
    """The IP addresses of a server/VM/device, as the user may see them (network register)."""
    from kelola.network.models import IpAddress

    if item.content_type.app_label != "datacenter" or item.content_type.model != "device":
        return []
    return list(IpAddress.objects.visible_to(user).filter(device_id=item.object_id).order_by("family", "key"))


class RelationListView(RegisterListView):
    model = Relation
    filterset_class = RelationFilter
    title = gettext_lazy("Relasi konfigurasi")
    select_related = ("source", "target")
    empty_message = gettext_lazy("Belum ada relasi konfigurasi.")
    default_ordering = ("source__name", "kind", "target__name")
    columns = (
        Column("source", gettext_lazy("Item"), order_by="source__name"),
        Column("kind", gettext_lazy("Jenis relasi"), order_by="kind"),
        Column("target", gettext_lazy("Bergantung pada"), order_by="target__name"),
        Column("origin", gettext_lazy("Asal"), order_by="origin"),
        Column("note", gettext_lazy("Keterangan")),
    )


class RelationCreateView(ObjectMixin, ServiceFormView):
    """A manual relation from this item (its page's "Tambah relasi")."""

    model = ConfigurationItem
    form_class = RelationForm
    title = gettext_lazy("Tambah relasi konfigurasi")

    def get_initial_object(self):
        item = self.get_object()
        access.require(self.request.user, "relate", item)
        return item

    def perform(self, form):
        return services.relation_create(actor=self.request.user, source=self.object, **form.cleaned_data)


class RelationDeleteView(ServiceDeleteView):
    model = Relation
    select_related = ("source", "target")
    delete_service = staticmethod(services.relation_delete)

    def post(self, request, *args, **kwargs):
        relation = self.get_object()
        try:
            services.relation_delete(relation, actor=request.user)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
            return HttpResponseRedirect(relation.get_absolute_url())
        messages.success(request, _("Relasi dihapus."))
        return HttpResponseRedirect(relation.get_absolute_url())
