"""People, positions and tier-1 technicians: the rows an agency keeps about itself (ORG-1, ORG-4)."""

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
from ..filters import PersonFilter, PositionFilter, TierOneTechnicianFilter
from ..forms import PersonForm, PositionForm, TierOneTechnicianForm
from ..models import Person, Position, TierOneTechnician
from ..queries import with_person_label
from .base import CreateButtonMixin, PersonMaskMixin, agency_prototype

# --- people --------------------------------------------------------------------------------


class PersonListView(CreateButtonMixin, RegisterListView):
    model = Person
    filterset_class = PersonFilter
    title = gettext_lazy("Pegawai")
    create_url_name = "organizations:person_create"
    create_prototype = staticmethod(agency_prototype(Person))
    select_related = ("agency",)
    columns = (
        Column("full_name", gettext_lazy("Nama"), order_by="full_name"),
        Column("nip", gettext_lazy("NIP"), order_by="nip"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("employment", gettext_lazy("Status"), order_by="employment"),
        Column("is_it_staff", gettext_lazy("SDM TIK")),
        Column("classification", gettext_lazy("Klasifikasi")),
        Column("rank", gettext_lazy("Pangkat/golongan"), export_only=True),
        Column("email", gettext_lazy("E-mail"), export_only=True),
        Column("phone", gettext_lazy("Telepon"), export_only=True),
        Column("is_active", gettext_lazy("Aktif"), export_only=True),
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
    create_prototype = staticmethod(agency_prototype(Person))
    form_class = PersonForm
    title = gettext_lazy("Tambah pegawai")
    create_service = staticmethod(services.person_create)


class PersonUpdateView(ServiceUpdateView):
    model = Person
    form_class = PersonForm
    title = gettext_lazy("Ubah pegawai")
    update_service = staticmethod(services.person_update)


class PersonDeleteView(ServiceDeleteView):
    model = Person
    delete_service = staticmethod(services.person_delete)
    success_url_name = "organizations:person_list"


# --- positions -----------------------------------------------------------------------------


class PositionListView(CreateButtonMixin, RegisterListView):
    model = Position
    filterset_class = PositionFilter
    title = gettext_lazy("Jabatan")
    create_url_name = "organizations:position_create"
    create_prototype = staticmethod(agency_prototype(Position))
    select_related = ("agency",)
    columns = (
        Column("title", gettext_lazy("Jabatan"), order_by="title"),
        Column("holder_label", gettext_lazy("Pejabat")),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("is_head", gettext_lazy("Kepala PD"), order_by="is_head"),
        Column("since", gettext_lazy("Sejak"), order_by="since"),
    )

    def get_base_queryset(self):
        return with_person_label(super().get_base_queryset(), self.request.user, "holder")


class PositionDetailView(PersonMaskMixin, RegisterDetailView):
    model = Position
    select_related = ("agency", "holder")
    fields = ("title", "agency", "is_head", "holder", "since")
    person_fields = ("holder",)
    edit_url_name = "organizations:position_update"
    delete_url_name = "organizations:position_delete"


class PositionCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(Position))
    form_class = PositionForm
    title = gettext_lazy("Tambah jabatan")
    create_service = staticmethod(services.position_create)


class PositionUpdateView(ServiceUpdateView):
    model = Position
    form_class = PositionForm
    title = gettext_lazy("Ubah jabatan")
    update_service = staticmethod(services.position_update)


class PositionDeleteView(ServiceDeleteView):
    model = Position
    delete_service = staticmethod(services.position_delete)
    success_url_name = "organizations:position_list"


# --- tier-1 technicians (001 Ps.21) --------------------------------------------------------


class TechnicianListView(CreateButtonMixin, RegisterListView):
    model = TierOneTechnician
    filterset_class = TierOneTechnicianFilter
    title = gettext_lazy("Teknisi tier 1")
    create_url_name = "organizations:technician_create"
    create_prototype = staticmethod(agency_prototype(TierOneTechnician))
    select_related = ("agency", "person")
    columns = (
        Column("person_label", gettext_lazy("Teknisi"), order_by="person__full_name"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("since", gettext_lazy("Sejak"), order_by="since"),
        Column("until", gettext_lazy("Sampai"), order_by="until"),
        Column("is_current", gettext_lazy("Aktif")),
    )

    def get_base_queryset(self):
        return with_person_label(super().get_base_queryset(), self.request.user, "person")


class TechnicianDetailView(PersonMaskMixin, RegisterDetailView):
    model = TierOneTechnician
    select_related = ("agency", "person")
    fields = ("person", "agency", "since", "until")
    person_fields = ("person",)
    edit_url_name = "organizations:technician_update"
    delete_url_name = "organizations:technician_delete"


class TechnicianCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(TierOneTechnician))
    form_class = TierOneTechnicianForm
    title = gettext_lazy("Tetapkan teknisi tier 1")
    create_service = staticmethod(services.tier_one_technician_create)


class TechnicianUpdateView(ServiceUpdateView):
    model = TierOneTechnician
    form_class = TierOneTechnicianForm
    title = gettext_lazy("Ubah teknisi tier 1")
    update_service = staticmethod(services.tier_one_technician_update)


class TechnicianDeleteView(ServiceDeleteView):
    model = TierOneTechnician
    delete_service = staticmethod(services.tier_one_technician_delete)
    success_url_name = "organizations:technician_list"
