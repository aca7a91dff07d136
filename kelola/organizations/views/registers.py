"""People, positions, tier-1 technicians, decrees and governing bodies (ORG-1, 2, 4, 5)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kelola.core import access
from kelola.core.documents import document_upload, documents_of
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
from ..filters import DecreeFilter, GoverningBodyFilter, PersonFilter, PositionFilter, TierOneTechnicianFilter
from ..forms import (
    DecreeForm,
    GoverningBodyForm,
    MembershipForm,
    PersonForm,
    PositionForm,
    TierOneTechnicianForm,
)
from ..models import Decree, GoverningBody, Membership, Person, Position, TierOneTechnician
from .base import CreateButtonMixin, acting_pemda


def _agency_prototype(model):
    return lambda user: model(pemda_id=user.pemda_id, agency_id=user.agency_id)


def _pemda_prototype(model):
    return lambda user: model(pemda_id=user.pemda_id)


# --- people --------------------------------------------------------------------------------


class PersonListView(CreateButtonMixin, RegisterListView):
    model = Person
    filterset_class = PersonFilter
    title = gettext_lazy("Pegawai")
    create_url_name = "organizations:person_create"
    create_prototype = staticmethod(_agency_prototype(Person))
    select_related = ("agency",)
    columns = (
        Column("full_name", gettext_lazy("Nama"), order_by="full_name"),
        Column("nip", gettext_lazy("NIP")),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("employment", gettext_lazy("Status")),
        Column("is_it_staff", gettext_lazy("SDM TIK")),
        Column("classification", gettext_lazy("Klasifikasi")),
        Column("rank", gettext_lazy("Pangkat/golongan"), export_only=True),
        Column("email", gettext_lazy("E-mail"), export_only=True),
        Column("phone", gettext_lazy("Telepon"), export_only=True),
    )


class PersonDetailView(RegisterDetailView):
    model = Person
    select_related = ("agency", "user")
    fields = (
        "full_name",
        "nip",
        "agency",
        "employment",
        "rank",
        "email",
        "phone",
        "is_it_staff",
        "user",
        "classification",
        "is_active",
    )
    edit_url_name = "organizations:person_update"
    delete_url_name = "organizations:person_delete"


class PersonCreateView(ServiceCreateView):
    create_prototype = staticmethod(_agency_prototype(Person))
    form_class = PersonForm
    title = gettext_lazy("Tambah pegawai")
    create_service = staticmethod(services.person_create)


class PersonUpdateView(ServiceUpdateView):
    model = Person
    form_class = PersonForm
    title = gettext_lazy("Ubah pegawai")
    update_service = staticmethod(services.row_update)


class PersonDeleteView(ServiceDeleteView):
    model = Person
    delete_service = staticmethod(services.row_delete)
    success_url_name = "organizations:person_list"


# --- positions -----------------------------------------------------------------------------


class PositionListView(CreateButtonMixin, RegisterListView):
    model = Position
    filterset_class = PositionFilter
    title = gettext_lazy("Jabatan")
    create_url_name = "organizations:position_create"
    create_prototype = staticmethod(_agency_prototype(Position))
    select_related = ("agency", "holder")
    columns = (
        Column("title", gettext_lazy("Jabatan"), order_by="title"),
        Column("holder", gettext_lazy("Pejabat")),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("is_head", gettext_lazy("Kepala PD")),
        Column("since", gettext_lazy("Sejak"), order_by="since"),
    )


class PositionDetailView(RegisterDetailView):
    model = Position
    select_related = ("agency", "holder")
    fields = ("title", "agency", "is_head", "holder", "since")
    edit_url_name = "organizations:position_update"
    delete_url_name = "organizations:position_delete"


class PositionCreateView(ServiceCreateView):
    create_prototype = staticmethod(_agency_prototype(Position))
    form_class = PositionForm
    title = gettext_lazy("Tambah jabatan")
    create_service = staticmethod(services.position_create)


class PositionUpdateView(ServiceUpdateView):
    model = Position
    form_class = PositionForm
    title = gettext_lazy("Ubah jabatan")
    update_service = staticmethod(services.row_update)


class PositionDeleteView(ServiceDeleteView):
    model = Position
    delete_service = staticmethod(services.row_delete)
    success_url_name = "organizations:position_list"


# --- tier-1 technicians (001 Ps.21) --------------------------------------------------------


class TechnicianListView(CreateButtonMixin, RegisterListView):
    model = TierOneTechnician
    filterset_class = TierOneTechnicianFilter
    title = gettext_lazy("Teknisi tier 1")
    create_url_name = "organizations:technician_create"
    create_prototype = staticmethod(_agency_prototype(TierOneTechnician))
    select_related = ("agency", "person")
    columns = (
        Column("person", gettext_lazy("Teknisi"), order_by="person__full_name"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("since", gettext_lazy("Sejak"), order_by="since"),
        Column("until", gettext_lazy("Sampai")),
        Column("is_current", gettext_lazy("Aktif")),
    )


class TechnicianDetailView(RegisterDetailView):
    model = TierOneTechnician
    select_related = ("agency", "person")
    fields = ("person", "agency", "since", "until")
    edit_url_name = "organizations:technician_update"
    delete_url_name = "organizations:technician_delete"


class TechnicianCreateView(ServiceCreateView):
    create_prototype = staticmethod(_agency_prototype(TierOneTechnician))
    form_class = TierOneTechnicianForm
    title = gettext_lazy("Tetapkan teknisi tier 1")
    create_service = staticmethod(services.tier_one_technician_create)


class TechnicianUpdateView(ServiceUpdateView):
    model = TierOneTechnician
    form_class = TierOneTechnicianForm
    title = gettext_lazy("Ubah teknisi tier 1")
    update_service = staticmethod(services.row_update)


class TechnicianDeleteView(ServiceDeleteView):
    model = TierOneTechnician
    delete_service = staticmethod(services.row_delete)
    success_url_name = "organizations:technician_list"


# --- decrees (ORG-5) -----------------------------------------------------------------------


class DecreeListView(CreateButtonMixin, RegisterListView):
    model = Decree
    filterset_class = DecreeFilter
    title = gettext_lazy("Keputusan (SK)")
    create_url_name = "organizations:decree_create"
    create_prototype = staticmethod(_pemda_prototype(Decree))
    select_related = ("agency",)
    columns = (
        Column("number", gettext_lazy("Nomor"), order_by="number"),
        Column("date", gettext_lazy("Tanggal"), order_by="date"),
        Column("subject", gettext_lazy("Tentang")),
        Column("kind", gettext_lazy("Jenis")),
        Column("classification", gettext_lazy("Klasifikasi")),
        Column("signed_by", gettext_lazy("Ditandatangani oleh"), export_only=True),
        Column("decides", gettext_lazy("Yang diputuskan"), export_only=True),
    )
    default_ordering = ("-date",)


class DocumentsTabMixin:
    """Adds the object's attached documents and an upload form to a detail page."""

    document_kind = "evidence"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = documents_of(self.object, self.request.user)
        context["upload_url_name"] = self.upload_url_name
        return context


class DecreeDetailView(DocumentsTabMixin, RegisterDetailView):
    model = Decree
    template_name = "organizations/detail_with_documents.html"
    upload_url_name = "organizations:decree_upload"
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


class DecreeCreateView(ServiceCreateView):
    create_prototype = staticmethod(_pemda_prototype(Decree))
    form_class = DecreeForm
    title = gettext_lazy("Catat keputusan (SK)")

    def perform(self, form):
        data = dict(form.cleaned_data)
        signed = data.pop("signed_document", None)
        decree = services.decree_create(
            actor=self.request.user, pemda=acting_pemda(self.request.user), **data
        )
        if signed:
            services.decree_attach_signed(decree, actor=self.request.user, upload=signed)
        return decree


class DecreeUpdateView(ServiceUpdateView):
    model = Decree
    form_class = DecreeForm
    title = gettext_lazy("Ubah keputusan (SK)")

    def perform(self, form):
        data = dict(form.cleaned_data)
        signed = data.pop("signed_document", None)
        decree = services.row_update(self.object, actor=self.request.user, **data)
        if signed:
            services.decree_attach_signed(decree, actor=self.request.user, upload=signed)
        return decree


class DecreeDeleteView(ServiceDeleteView):
    model = Decree
    delete_service = staticmethod(services.row_delete)
    success_url_name = "organizations:decree_list"


class AttachDocumentView(ObjectMixin, View):
    """Upload a document to an object the user may change (evidence, signed decree)."""

    kind = "evidence"

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        upload = request.FILES.get("file")
        title = request.POST.get("title", "").strip() or (upload.name if upload else "")
        try:
            if upload is None:
                raise KelolaError(_("Pilih berkas yang akan diunggah."))
            self.attach(obj, upload, title)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Dokumen diunggah."))
        return HttpResponseRedirect(obj.get_absolute_url())

    def attach(self, obj, upload, title):
        if not access.can(self.request.user, "change", obj):
            raise KelolaError(_("Anda tidak berwenang melakukan tindakan ini."))
        document_upload(
            actor=self.request.user,
            upload=upload,
            pemda=obj.pemda,
            title=title,
            kind=self.kind,
            agency=getattr(obj, "agency", None),
            classification=getattr(obj, "classification", "public"),
            target=obj,
        )


class DecreeUploadView(AttachDocumentView):
    model = Decree

    def attach(self, obj, upload, title):
        services.decree_attach_signed(obj, actor=self.request.user, upload=upload, title=title)


# --- governing bodies (ORG-2) --------------------------------------------------------------


class BodyListView(CreateButtonMixin, RegisterListView):
    model = GoverningBody
    filterset_class = GoverningBodyFilter
    title = gettext_lazy("Badan tata kelola")
    create_url_name = "organizations:body_create"
    create_prototype = staticmethod(_pemda_prototype(GoverningBody))
    select_related = ("decree",)
    columns = (
        Column("name", gettext_lazy("Nama"), order_by="name"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("decree", gettext_lazy("Dasar pembentukan")),
        Column("is_active", gettext_lazy("Aktif")),
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
        context["members"] = (
            Membership.objects.visible_to(self.request.user)
            .filter(body=self.object)
            .select_related("person", "person__agency")
        )
        context["can_add_member"] = access.can(self.request.user, "add", Membership(pemda=self.object.pemda))
        return context


class BodyCreateView(ServiceCreateView):
    create_prototype = staticmethod(_pemda_prototype(GoverningBody))
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
    update_service = staticmethod(services.row_update)


class BodyDeleteView(ServiceDeleteView):
    model = GoverningBody
    delete_service = staticmethod(services.row_delete)
    success_url_name = "organizations:body_list"


class MembershipCreateView(ObjectMixin, ServiceCreateView):
    model = GoverningBody
    form_class = MembershipForm
    title = gettext_lazy("Tambah anggota")

    def get(self, request, *args, **kwargs):
        self.body = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.body = self.get_object()
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.membership_create(actor=self.request.user, body=self.body, **form.cleaned_data)

    def get_success_url(self, result):
        return self.body.get_absolute_url()


class MembershipDeleteView(ObjectMixin, View):
    model = Membership

    def post(self, request, *args, **kwargs):
        membership = self.get_object()
        try:
            services.row_delete(membership, actor=request.user)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        return HttpResponseRedirect(membership.body.get_absolute_url())
