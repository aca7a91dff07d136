"""Governance bodies and their members with terms (ORG-2)."""

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
    ServiceDeleteView,
    ServiceUpdateView,
)

from .. import services
from ..filters import GoverningBodyFilter
from ..forms import GoverningBodyForm, MembershipForm
from ..models import GoverningBody, Membership
from .base import CreateButtonMixin, acting_pemda, pemda_prototype


class BodyListView(CreateButtonMixin, RegisterListView):
    model = GoverningBody
    filterset_class = GoverningBodyFilter
    title = gettext_lazy("Badan tata kelola")
    create_url_name = "organizations:body_create"
    create_prototype = staticmethod(pemda_prototype(GoverningBody))
    select_related = ("decree",)
    columns = (
        Column("name", gettext_lazy("Nama"), order_by="name"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("decree", gettext_lazy("Dasar pembentukan")),
        Column("is_active", gettext_lazy("Aktif"), order_by="is_active"),
        Column("description", gettext_lazy("Tugas dan fungsi"), export_only=True),
    )


class BodyDetailView(RegisterDetailView):
    model = GoverningBody
    template_name = "organizations/body_detail.html"
    select_related = ("decree",)
    fields = ("name", "kind", "description", "decree", "is_active")
    edit_url_name = "organizations:body_update"
    delete_url_name = "organizations:body_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # Seats of a classified person are left out for readers who may not see that person.
        context["members"] = (
            Membership.objects.visible_to(user)
            .filter(body=self.object)
            .select_related("person", "person__agency")
        )
        context["can_manage_members"] = access.can(user, "add", Membership(pemda=self.object.pemda))
        return context


class BodyCreateView(ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(GoverningBody))
    form_class = GoverningBodyForm
    title = gettext_lazy("Tambah badan tata kelola")

    def perform(self, form):
        return services.governing_body_create(
            actor=self.request.user, pemda=acting_pemda(self.request.user), **form.cleaned_data
        )


class BodyUpdateView(ServiceUpdateView):
    model = GoverningBody
    form_class = GoverningBodyForm
    title = gettext_lazy("Ubah badan tata kelola")
    update_service = staticmethod(services.governing_body_update)


class BodyDeleteView(ServiceDeleteView):
    model = GoverningBody
    delete_service = staticmethod(services.governing_body_delete)
    success_url_name = "organizations:body_list"


class MembershipCreateView(ObjectMixin, ServiceCreateView):
    """Seat a person in the body named by the URL (which must be visible to the user)."""

    model = GoverningBody
    form_class = MembershipForm
    title = gettext_lazy("Tambah anggota")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.body = self.get_object()
            access.require(request.user, "add", Membership(pemda=self.body.pemda, body=self.body))
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        return services.membership_create(actor=self.request.user, body=self.body, **form.cleaned_data)

    def get_success_url(self, result):
        return self.body.get_absolute_url()


class MembershipUpdateView(ServiceUpdateView):
    model = Membership
    form_class = MembershipForm
    title = gettext_lazy("Ubah keanggotaan")
    select_related = ("body", "person")
    update_service = staticmethod(services.membership_update)


class MembershipDeleteView(ObjectMixin, View):
    model = Membership
    select_related = ("body",)

    def post(self, request, *args, **kwargs):
        membership = self.get_object()
        try:
            services.membership_delete(membership, actor=request.user)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Data dihapus."))
        return HttpResponseRedirect(membership.body.get_absolute_url())
