"""Documents pages (X-2): list, detail with versions and history, upload, new version,
permission-checked and audited downloads, and attaching documents to any object page.

Letters' pages live in `kelola.core.views.letters` (re-exported here for the URLconf)."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kelola.core import access
from kelola.core.choices import Classification, Secrecy
from kelola.core.documents import attach_document, document_upload, download_response, resolve_target
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.forms import ScopedModelForm
from kelola.core.models import Agency, Document, DocumentKind
from kelola.core.roles import AGENCY_ROLES, PEMDA_ROLES
from kelola.core.views.generic import Column, RegisterDetailView, RegisterListView, ServiceCreateView
from kelola.core.views.letters import (  # noqa: F401 - routed as documents.* by the URLconf
    LetterCreateView,
    LetterDetailView,
    LetterFilter,
    LetterListView,
)


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=gettext_lazy("Cari"))
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label=gettext_lazy("Jenis"))
    classification = django_filters.ChoiceFilter(
        choices=Classification.choices, label=gettext_lazy("Klasifikasi")
    )
    secrecy = django_filters.ChoiceFilter(choices=Secrecy.choices, label=gettext_lazy("Sifat naskah"))
    agency = django_filters.ModelChoiceFilter(
        queryset=lambda request: (
            Agency.objects.visible_to(request.user).order_by("name") if request else Agency.objects.none()
        ),
        label=gettext_lazy("Perangkat daerah"),
    )

    class Meta:
        model = Document
        fields = ["kind", "classification", "secrecy", "agency"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(original_name__icontains=value) | Q(sha256=value.lower())
        )


class DocumentListView(RegisterListView):
    model = Document
    filterset_class = DocumentFilter
    title = gettext_lazy("Dokumen")
    create_url_name = "core:document_upload"
    select_related = ("agency", "uploaded_by")
    columns = (
        Column("title", gettext_lazy("Judul"), order_by="title"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("agency", gettext_lazy("Perangkat daerah")),
        Column("classification", gettext_lazy("Klasifikasi")),
        Column("secrecy", gettext_lazy("Sifat")),
        Column("version", gettext_lazy("Versi")),
        Column("created_at", gettext_lazy("Diunggah"), order_by="created_at"),
        Column("original_name", gettext_lazy("Nama berkas"), export_only=True),
        Column("sha256", gettext_lazy("SHA-256"), export_only=True),
        Column("size", gettext_lazy("Ukuran (bita)"), export_only=True),
    )
    default_ordering = ("-created_at",)

    def get_base_queryset(self):
        return super().get_base_queryset().filter(is_latest=True)

    def can_create(self) -> bool:
        return bool(access.actor_for(self.request.user).member_pemdas())


class DocumentDetailView(RegisterDetailView):
    model = Document
    template_name = "core/documents/detail.html"
    select_related = ("agency", "uploaded_by", "target_type")
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

    def get_object(self):
        document = super().get_object()
        if not access.can(self.request.user, "view", document):
            raise Http404(_("Data tidak ditemukan."))
        return document

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        context["versions"] = (
            Document.objects.visible_to(self.request.user)
            .filter(series=document.series)
            .select_related("uploaded_by")
            .order_by("-version")
        )
        context["can_new_version"] = access.can(self.request.user, "add", document)
        context["can_change"] = False  # documents are immutable; a change is a new version
        context["can_delete"] = False
        context["target"] = _visible_target(document, self.request.user)
        return context


def _visible_target(document, user):
    """The object the document belongs to, if the user may see it (else None)."""
    if not document.target_type_id or not document.target_id:
        return None
    model = document.target_type.model_class()
    if model is None or not hasattr(model.objects, "visible_to"):
        return None
    return model.objects.visible_to(user).filter(pk=document.target_id).first()


class DocumentForm(ScopedModelForm):
    file = forms.FileField(label=gettext_lazy("Berkas"))

    class Meta:
        model = Document
        fields = ["file", "title", "kind", "agency", "classification", "secrecy", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "form-control"
        self.fields["agency"].queryset = uploadable_agencies(self.fields["agency"].queryset, self.user)
        self.fields["agency"].help_text = _("Kosongkan untuk dokumen tingkat pemda.")


def uploadable_agencies(queryset, user):
    """Of the visible agencies, those the user may file documents under (DocumentPolicy.can_add):
    every agency of a pemda where they hold a pemda role, else their own agencies."""
    if user is None:
        return queryset.none()
    actor = access.actor_for(user)
    if not actor.is_platform_admin:
        queryset = queryset.filter(
            Q(pemda_id__in=actor.pemdas_with(PEMDA_ROLES)) | Q(pk__in=actor.agencies_with(AGENCY_ROLES))
        )
    return queryset.order_by("name")


class NewVersionForm(ScopedModelForm):
    """A new version keeps the series' kind and agency; title, classification and description
    may change with it."""

    file = forms.FileField(label=gettext_lazy("Berkas versi baru"))

    class Meta:
        model = Document
        fields = ["file", "title", "classification", "secrecy", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "form-control"


class DocumentUploadView(ServiceCreateView):
    """Upload a document, or (with `pk`) a new version of one."""

    form_class = DocumentForm
    template_name = "core/documents/upload.html"
    title = gettext_lazy("Unggah dokumen")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and kwargs.get("pk"):
            chosen = access.get_visible_or_404(Document, request.user, pk=kwargs["pk"])
            # A new version always follows the series' latest version.
            self.previous = (
                Document.objects.visible_to(request.user).filter(series=chosen.series, is_latest=True).first()
                or chosen
            )
            access.require(request.user, "add", self.previous)
            self.form_class = NewVersionForm
            self.title = _("Unggah versi baru: %(title)s") % {"title": self.previous.title}
        else:
            self.previous = None
        return super().dispatch(request, *args, **kwargs)

    def get_initial_object(self):
        if self.previous is not None:
            previous = self.previous
            return Document(
                title=previous.title,
                kind=previous.kind,
                agency=previous.agency,
                classification=previous.classification,
                secrecy=previous.secrecy,
                description=previous.description,
            )
        return None

    def render_form(self, form, status=200):
        from django.shortcuts import render

        return render(
            self.request,
            self.template_name,
            {"form": form, "title": self.title, "previous": self.previous},
            status=status,
        )

    def perform(self, form):
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        if self.previous is not None:
            previous = self.previous
            return document_upload(
                actor=self.request.user,
                upload=upload,
                pemda=previous.pemda,
                kind=previous.kind,
                agency=previous.agency,
                replaces=previous,
                **data,
            )
        agency = data.get("agency")
        pemda = agency.pemda if agency else _home_pemda(self.request.user)
        if pemda is None:
            raise KelolaError(
                _("Pilih perangkat daerah: akun Anda tidak terkait dengan pemda mana pun."),
                code=ErrorCode.INVALID,
                errors={"agency": [_("Wajib diisi.")]},
            )
        return document_upload(actor=self.request.user, upload=upload, pemda=pemda, **data)


def _home_pemda(user):
    return getattr(user, "pemda", None)


@login_required
def document_download(request, pk):
    """Stream a document to someone allowed to see it (404 otherwise); the download is audited."""
    document = access.get_visible_or_404(Document.objects.select_related("pemda"), request.user, pk=pk)
    if not access.can(request.user, "view", document):
        raise Http404(_("Data tidak ditemukan."))
    return download_response(document, request.user)


class AttachForm(forms.Form):
    """The small upload form of templates/core/documents/attached.html.

    A page may include several attachment blocks, so the tag gives each form its own `auto_id`
    (e.g. "attach-organizations-agency-7-%s") to keep element ids unique."""

    file = forms.FileField(label=gettext_lazy("Berkas"))
    title = forms.CharField(label=gettext_lazy("Judul"), max_length=255)
    kind = forms.ChoiceField(label=gettext_lazy("Jenis"), choices=DocumentKind.choices, initial="evidence")
    classification = forms.ChoiceField(
        label=gettext_lazy("Klasifikasi informasi"), choices=Classification.choices
    )
    secrecy = forms.ChoiceField(label=gettext_lazy("Sifat naskah"), choices=Secrecy.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field, forms.ChoiceField)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = css


@login_required
@require_POST
def document_attach(request):
    """Attach an uploaded document to any object the user may change.

    The target is named by "app_label.model" and id and looked up through `visible_to`
    (404 when missing or out of scope); `can(user, "change", target)` is required (403)."""
    target = resolve_target(request.user, request.POST.get("target", ""), request.POST.get("target_id", ""))
    access.require(request.user, "change", target)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False):
        back = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return HttpResponseRedirect(back)
    data = dict(form.cleaned_data)
    try:
        document = attach_document(actor=request.user, target=target, upload=data.pop("file"), **data)
    except KelolaError as exc:
        messages.error(request, str(exc.message))
        return HttpResponseRedirect(back)
    messages.success(request, _("Dokumen %(title)s terlampir.") % {"title": document.title})
    return HttpResponseRedirect(back)
