"""Letters pages (X-2): list, detail, issue form and the PDF download of numbered letters."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core import access
from kelola.core.access import LetterPolicy, actor_for
from kelola.core.documents import download_response
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.forms import ScopedModelForm
from kelola.core.letters import letter_issue
from kelola.core.models import Agency, Letter, LetterKind
from kelola.core.views.generic import Column, RegisterDetailView, RegisterListView, ServiceCreateView


class LetterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=gettext_lazy("Cari"))
    kind = django_filters.ChoiceFilter(choices=LetterKind.choices, label=gettext_lazy("Jenis"))
    year = django_filters.NumberFilter(label=gettext_lazy("Tahun"))
    recipient_agency = django_filters.ModelChoiceFilter(
        queryset=lambda request: (
            Agency.objects.visible_to(request.user).order_by("name") if request else Agency.objects.none()
        ),
        label=gettext_lazy("Perangkat daerah tujuan"),
    )

    class Meta:
        model = Letter
        fields = ["kind", "year", "recipient_agency"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value) | Q(subject__icontains=value) | Q(recipient__icontains=value)
        )


def can_issue_letters(user) -> bool:
    """Whether `user` holds a role that issues letters in some pemda (LetterPolicy.manage_roles)."""
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(LetterPolicy.manage_roles))


class LetterListView(RegisterListView):
    model = Letter
    filterset_class = LetterFilter
    title = gettext_lazy("Surat")
    create_url_name = "core:letter_create"
    select_related = ("recipient_agency",)
    columns = (
        Column("number", gettext_lazy("Nomor"), order_by="sequence"),
        Column("date", gettext_lazy("Tanggal"), order_by="date"),
        Column("subject", gettext_lazy("Perihal"), order_by="subject"),
        Column("kind", gettext_lazy("Jenis")),
        Column("recipient", gettext_lazy("Kepada")),
        Column("recipient_agency", gettext_lazy("Perangkat daerah tujuan"), export_only=True),
        Column("secrecy", gettext_lazy("Sifat"), export_only=True),
        Column("signatory_name", gettext_lazy("Penanda tangan"), export_only=True),
    )
    default_ordering = ("-year", "-sequence")

    def can_create(self):
        return can_issue_letters(self.request.user)


class LetterDetailView(RegisterDetailView):
    model = Letter
    template_name = "core/letters/detail.html"
    select_related = ("document", "recipient_agency", "agency")
    fields = (
        "number",
        "date",
        "kind",
        "agency",
        "subject",
        "recipient",
        "recipient_agency",
        "secrecy",
        "body",
        "signatory_name",
        "signatory_title",
        "signatory_nip",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = False  # an issued letter is never edited
        context["can_delete"] = False
        return context


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
        help_texts = {"body": gettext_lazy("Setiap baris menjadi satu paragraf.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient_agency"].queryset = self.fields["recipient_agency"].queryset.order_by("name")


class LetterCreateView(ServiceCreateView):
    form_class = LetterForm
    title = gettext_lazy("Terbitkan surat")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_issue_letters(request.user):
            access.require(request.user, "add", Letter(pemda=request.user.pemda))
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        data = dict(form.cleaned_data)
        pemda = data["recipient_agency"].pemda if data.get("recipient_agency") else self.request.user.pemda
        if pemda is None:
            raise KelolaError(
                _("Pilih perangkat daerah tujuan: akun Anda tidak terkait dengan pemda mana pun."),
                code=ErrorCode.INVALID,
                errors={"recipient_agency": [_("Wajib diisi.")]},
            )
        return letter_issue(actor=self.request.user, pemda=pemda, **data)


@login_required
def letter_download(request, pk):
    """The letter's PDF for whoever may read the letter (its pemda's staff and the recipient
    agency), 404 for anyone else; the download is audited."""
    letter = access.get_visible_or_404(Letter.objects.select_related("document"), request.user, pk=pk)
    if letter.document is None or not access.can(request.user, "view", letter):
        raise Http404(_("Data tidak ditemukan."))
    return download_response(letter.document, request.user, via=letter)
