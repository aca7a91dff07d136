"""Documents and letters pages (X-2): lists, details with versions, upload, permission-checked
and audited downloads, letters issued as numbered PDFs."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from kelola.core import access
from kelola.core.access import actor_for
from kelola.core.choices import Classification, Secrecy
from kelola.core.documents import document_upload, record_download
from kelola.core.forms import ScopedModelForm
from kelola.core.letters import letter_issue
from kelola.core.models import Agency, Document, DocumentKind, Letter, LetterKind
from kelola.core.views.generic import (
    Column,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
)


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari"))
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label=_("Jenis"))
    classification = django_filters.ChoiceFilter(choices=Classification.choices, label=_("Klasifikasi"))
    secrecy = django_filters.ChoiceFilter(choices=Secrecy.choices, label=_("Sifat naskah"))
    agency = django_filters.ModelChoiceFilter(
        queryset=lambda request: (
            Agency.objects.visible_to(request.user) if request else Agency.objects.none()
        ),
        label=_("Perangkat daerah"),
    )

    class Meta:
        model = Document
        fields = ["kind", "classification", "secrecy", "agency"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(original_name__icontains=value) | Q(sha256=value)
        )


class DocumentListView(RegisterListView):
    model = Document
    filterset_class = DocumentFilter
    title = _("Dokumen")
    create_url_name = "core:document_upload"
    select_related = ("agency", "uploaded_by")
    columns = (
        Column("title", _("Judul"), order_by="title"),
        Column("kind", _("Jenis"), order_by="kind"),
        Column("agency", _("Perangkat daerah")),
        Column("classification", _("Klasifikasi")),
        Column("secrecy", _("Sifat")),
        Column("version", _("Versi")),
        Column("created_at", _("Diunggah"), order_by="created_at"),
        Column("sha256", _("SHA-256"), export_only=True),
        Column("size", _("Ukuran (bita)"), export_only=True),
    )
    default_ordering = ("-created_at",)

    def get_base_queryset(self):
        return super().get_base_queryset().filter(is_latest=True)


class DocumentDetailView(RegisterDetailView):
    model = Document
    template_name = "core/documents/detail.html"
    select_related = ("agency", "uploaded_by")
    fields = (
        "title",
        "kind",
        "agency",
        "classification",
        "secrecy",
        "description",
        "original_name",
        "mime_type",
        "size",
        "sha256",
        "version",
        "uploaded_by",
        "created_at",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = (
            Document.objects.visible_to(self.request.user)
            .filter(series=self.object.series)
            .order_by("-version")
        )
        context["can_change"] = access.can(self.request.user, "add", self.object)
        return context


class DocumentForm(ScopedModelForm):
    file = forms.FileField(label=_("Berkas"))

    class Meta:
        model = Document
        fields = ["title", "kind", "agency", "classification", "secrecy", "description"]


class DocumentUploadView(ServiceCreateView):
    form_class = DocumentForm
    title = _("Unggah dokumen")

    def perform(self, form):
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        replaces = None
        if self.kwargs.get("pk"):
            replaces = access.get_visible_or_404(Document, self.request.user, pk=self.kwargs["pk"])
        pemda = data["agency"].pemda if data.get("agency") else self.request.user.pemda
        return document_upload(actor=self.request.user, upload=upload, pemda=pemda, replaces=replaces, **data)

    def get_initial_object(self):
        if self.kwargs.get("pk"):
            previous = access.get_visible_or_404(Document, self.request.user, pk=self.kwargs["pk"])
            return Document(
                title=previous.title,
                kind=previous.kind,
                agency=previous.agency,
                classification=previous.classification,
                secrecy=previous.secrecy,
            )
        return None


def document_download(request, pk):
    """Stream a document to someone allowed to see it; the download is audited."""
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    document = access.get_visible_or_404(Document, request.user, pk=pk)
    record_download(document, request.user)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class LetterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari"))
    kind = django_filters.ChoiceFilter(choices=LetterKind.choices, label=_("Jenis"))
    year = django_filters.NumberFilter(label=_("Tahun"))

    class Meta:
        model = Letter
        fields = ["kind", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(number__icontains=value) | Q(subject__icontains=value) | Q(recipient__icontains=value)
        )


class LetterListView(RegisterListView):
    model = Letter
    filterset_class = LetterFilter
    title = _("Surat")
    create_url_name = "core:letter_create"
    select_related = ("recipient_agency",)
    columns = (
        Column("number", _("Nomor"), order_by="sequence"),
        Column("date", _("Tanggal"), order_by="date"),
        Column("subject", _("Perihal")),
        Column("kind", _("Jenis")),
        Column("recipient", _("Kepada")),
        Column("signatory_name", _("Penanda tangan"), export_only=True),
    )
    default_ordering = ("-year", "-sequence")

    def can_create(self):
        return bool(actor_for(self.request.user).pemdas_with(access.LetterPolicy.manage_roles))


class LetterDetailView(RegisterDetailView):
    model = Letter
    template_name = "core/letters/detail.html"
    select_related = ("document", "recipient_agency", "agency")
    fields = (
        "number",
        "date",
        "kind",
        "subject",
        "recipient",
        "recipient_agency",
        "secrecy",
        "body",
        "signatory_name",
        "signatory_title",
        "signatory_nip",
    )


class LetterForm(ScopedModelForm):
    class Meta:
        model = Letter
        fields = [
            "kind",
            "subject",
            "recipient",
            "recipient_agency",
            "body",
            "secrecy",
            "signatory_name",
            "signatory_title",
            "signatory_nip",
        ]
        widgets = {"recipient": forms.Textarea(attrs={"rows": 2}), "body": forms.Textarea(attrs={"rows": 8})}


class LetterCreateView(ServiceCreateView):
    form_class = LetterForm
    title = _("Terbitkan surat")

    def perform(self, form):
        pemda = self.request.user.pemda
        it_office = Agency.objects.filter(pemda=pemda, is_it_office=True).first() if pemda else None
        return letter_issue(actor=self.request.user, pemda=pemda, agency=it_office, **form.cleaned_data)
