"""The decisions register (ORG-5): decrees (SK) with their signed document."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from kelola.core.views.generic import (
    Column,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceUpdateView,
)

from .. import services
from ..filters import DecreeFilter
from ..forms import DecreeForm
from ..models import Decree
from .base import AttachDocumentView, CreateButtonMixin, DocumentsTabMixin, acting_pemda, pemda_prototype


class DecreeListView(CreateButtonMixin, RegisterListView):
    model = Decree
    filterset_class = DecreeFilter
    title = gettext_lazy("Keputusan (SK)")
    create_url_name = "organizations:decree_create"
    create_prototype = staticmethod(pemda_prototype(Decree))
    select_related = ("agency", "document")
    columns = (
        Column("number", gettext_lazy("Nomor"), order_by="number"),
        Column("date", gettext_lazy("Tanggal"), order_by="date"),
        Column("subject", gettext_lazy("Tentang"), order_by="subject"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("agency", gettext_lazy("Penerbit")),
        Column("classification", gettext_lazy("Klasifikasi")),
        Column(
            "has_document",
            gettext_lazy("Dokumen bertanda tangan"),
            accessor=lambda d: d.document_id is not None,
        ),
        Column("signed_by", gettext_lazy("Ditandatangani oleh"), export_only=True),
        Column("decides", gettext_lazy("Yang diputuskan"), export_only=True),
        Column("effective_from", gettext_lazy("Berlaku mulai"), export_only=True),
        Column("effective_until", gettext_lazy("Berlaku sampai"), export_only=True),
    )
    default_ordering = ("-date",)


class DecreeDetailView(DocumentsTabMixin, RegisterDetailView):
    model = Decree
    template_name = "organizations/detail_with_documents.html"
    upload_url_name = "organizations:decree_upload"
    select_related = ("agency", "document")
    fields = (
        "number",
        "date",
        "kind",
        "subject",
        "decides",
        "signed_by",
        "agency",
        "effective_from",
        "effective_until",
        "classification",
        "document",
    )
    edit_url_name = "organizations:decree_update"
    delete_url_name = "organizations:decree_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upload_hint"] = gettext_lazy("Unggah SK yang telah ditandatangani (PDF).")
        context["upload_accept"] = ".pdf,application/pdf"
        return context


class DecreeCreateView(ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(Decree))
    form_class = DecreeForm
    title = gettext_lazy("Catat keputusan (SK)")

    def perform(self, form):
        data = dict(form.cleaned_data)
        signed = data.pop("signed_document", None)
        decree = services.decree_create(
            actor=self.request.user, pemda=acting_pemda(self.request.user), **data
        )
        if signed:
            decree = services.decree_attach_signed(decree, actor=self.request.user, upload=signed)
        return decree


class DecreeUpdateView(ServiceUpdateView):
    model = Decree
    form_class = DecreeForm
    title = gettext_lazy("Ubah keputusan (SK)")

    def perform(self, form):
        data = dict(form.cleaned_data)
        signed = data.pop("signed_document", None)
        decree = services.decree_update(self.object, actor=self.request.user, **data)
        if signed:
            decree = services.decree_attach_signed(decree, actor=self.request.user, upload=signed)
        return decree


class DecreeDeleteView(ServiceDeleteView):
    model = Decree
    delete_service = staticmethod(services.decree_delete)
    success_url_name = "organizations:decree_list"


class DecreeUploadView(AttachDocumentView):
    model = Decree

    def attach(self, obj, upload, title):
        services.decree_attach_signed(obj, actor=self.request.user, upload=upload, title=title)
