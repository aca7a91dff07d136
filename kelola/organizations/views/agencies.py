"""The pemda settings, the agency directory (ORG-1) and the tier-1 coverage page (ORG-4)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy

from kelola.core import access
from kelola.core.access import actor_for
from kelola.core.models import Agency, Pemda
from kelola.core.roles import ORGANISATION_MANAGERS
from kelola.core.views.generic import (
    Column,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceUpdateView,
)

from .. import services
from ..choices import AssessmentStatus
from ..filters import AgencyFilter, TechnicianCoverageFilter
from ..forms import AgencyContactForm, AgencyForm, PemdaForm
from ..models import Person, Position, SelfRelianceAssessment
from ..queries import current_technicians, with_person_label, with_technician_flag
from .base import CreateButtonMixin, acting_pemda

#: Assessments that are still under way or in force (the agency's "current" Mandiri TIK file).
OPEN_ASSESSMENT_STATES = (
    AssessmentStatus.DRAFT,
    AssessmentStatus.PROPOSED,
    AssessmentStatus.APPROVED,
    AssessmentStatus.ACTIVE,
)


class AgencyListView(CreateButtonMixin, RegisterListView):
    model = Agency
    filterset_class = AgencyFilter
    title = gettext_lazy("Perangkat daerah")
    create_url_name = "organizations:agency_create"
    create_prototype = staticmethod(lambda user: Agency(pemda_id=user.pemda_id))
    select_related = ("pemda", "parent")
    columns = (
        Column("name", gettext_lazy("Nama"), order_by="name"),
        Column("short_name", gettext_lazy("Singkatan"), order_by="short_name"),
        Column("kind", gettext_lazy("Jenis"), order_by="kind"),
        Column("parent", gettext_lazy("Induk")),
        Column("it_self_reliant", gettext_lazy("Mandiri TIK")),
        # Most users work in one pemda; the column is exported, not shown.
        Column("pemda", gettext_lazy("Pemda"), export_only=True),
        Column("subdomain", gettext_lazy("Sub-domain"), export_only=True),
        Column("email", gettext_lazy("E-mail"), export_only=True),
        Column("phone", gettext_lazy("Telepon"), export_only=True),
        Column("address", gettext_lazy("Alamat"), export_only=True),
    )
    default_ordering = ("name",)


class AgencyDetailView(RegisterDetailView):
    model = Agency
    template_name = "organizations/agency_detail.html"
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
    edit_url_name = "organizations:agency_update"
    delete_url_name = "organizations:agency_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, agency = self.request.user, self.object
        assessments = SelfRelianceAssessment.objects.visible_to(user).filter(agency=agency)
        context.update(
            people=Person.objects.visible_to(user).filter(agency=agency).order_by("full_name")[:200],
            positions=Position.objects.visible_to(user).filter(agency=agency).select_related("holder"),
            technicians=current_technicians().visible_to(user).filter(agency=agency).select_related("person"),
            assessments=assessments,
            open_assessment=assessments.filter(status__in=OPEN_ASSESSMENT_STATES).first(),
            sub_units=Agency.objects.visible_to(user).filter(parent=agency),
        )
        return context


class AgencyCreateView(ServiceCreateView):
    create_prototype = staticmethod(lambda user: Agency(pemda_id=user.pemda_id))
    form_class = AgencyForm
    title = gettext_lazy("Tambah perangkat daerah")

    def perform(self, form):
        return services.agency_create(
            actor=self.request.user, pemda=acting_pemda(self.request.user), **form.cleaned_data
        )


class AgencyUpdateView(ServiceUpdateView):
    model = Agency
    title = gettext_lazy("Ubah perangkat daerah")
    update_service = staticmethod(services.agency_update)

    @property
    def form_class(self):
        # An agency's own head/IT officer edits only the contact fields.
        actor = actor_for(self.request.user)
        obj = getattr(self, "object", None)
        if obj is not None and not (
            actor.is_platform_admin or actor.has_pemda_role(obj.pemda_id, ORGANISATION_MANAGERS)
        ):
            return AgencyContactForm
        return AgencyForm


class AgencyDeleteView(ServiceDeleteView):
    model = Agency
    delete_service = staticmethod(services.agency_delete)
    success_url_name = "organizations:agency_list"


class TechnicianCoverageView(RegisterListView):
    """Every agency with its current tier-1 technicians; agencies without one are flagged."""

    model = Agency
    filterset_class = TechnicianCoverageFilter
    title = gettext_lazy("Cakupan teknisi tier 1")
    template_name = "organizations/technician_coverage.html"
    columns = (
        Column("name", gettext_lazy("Perangkat daerah"), order_by="name"),
        Column("has_tier_one", gettext_lazy("Punya teknisi tier 1"), order_by="has_tier_one"),
        Column(
            "technician_names",
            gettext_lazy("Teknisi"),
            accessor=lambda a: ", ".join(t.person_label for t in a.current_technicians),
        ),
    )
    default_ordering = ("has_tier_one", "name")

    def get_base_queryset(self):
        user = self.request.user
        technicians = with_person_label(
            current_technicians().visible_to(user).order_by("person__full_name"), user, "person"
        )
        return with_technician_flag(
            Agency.objects.visible_to(user).filter(is_active=True, is_it_office=False)
        ).prefetch_related(
            Prefetch("tier_one_technicians", queryset=technicians, to_attr="current_technicians")
        )


class PemdaDetailView(RegisterDetailView):
    model = Pemda
    fields = (
        "name",
        "kind",
        "code",
        "province",
        "address",
        "phone",
        "email",
        "domain",
        "timezone",
        "letter_code",
        "requires_two_factor",
        "is_active",
    )
    edit_url_name = "organizations:pemda_update"


class PemdaUpdateView(ServiceUpdateView):
    model = Pemda
    form_class = PemdaForm
    title = gettext_lazy("Pengaturan pemda")
    update_service = staticmethod(services.pemda_update)


@login_required
def my_pemda(request):
    """The navigation's "Pemda" entry: the settings page of the user's own pemda."""
    if request.user.pemda_id is None or not access.can(request.user, "view", request.user.pemda):
        raise Http404
    return redirect("organizations:pemda_detail", pk=request.user.pemda_id)
