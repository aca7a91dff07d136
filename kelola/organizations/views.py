"""Organisation pages: declarations over the generic register views."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kelola.core.models import Agency
from kelola.core.views.generic import Column, RegisterDetailView, RegisterListView

from .filters import AgencyFilter


class AgencyListView(RegisterListView):
    model = Agency
    filterset_class = AgencyFilter
    title = _("Perangkat daerah")
    select_related = ("pemda", "parent")
    columns = (
        Column("name", _("Nama"), order_by="name"),
        Column("short_name", _("Singkatan"), order_by="short_name"),
        Column("kind", _("Jenis"), order_by="kind"),
        Column("parent", _("Induk")),
        Column("it_self_reliant", _("Mandiri TIK")),
        Column("pemda", _("Pemda"), order_by="pemda__name"),
        Column("subdomain", _("Sub-domain"), export_only=True),
        Column("email", _("E-mail"), export_only=True),
        Column("phone", _("Telepon"), export_only=True),
        Column("address", _("Alamat"), export_only=True),
    )
    default_ordering = ("name",)


class AgencyDetailView(RegisterDetailView):
    model = Agency
    select_related = ("pemda", "parent")
    fields = (
        "name",
        "short_name",
        "kind",
        "code",
        "parent",
        "pemda",
        "is_it_office",
        "it_self_reliant",
        "address",
        "phone",
        "email",
        "website",
        "subdomain",
        "is_active",
    )
