import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.filters import SearchFilterSet, visible_choices
from kelola.core.models import Agency

from .choices import (
    OPEN_TICKET_STATES,
    ArticleStatus,
    Audience,
    Priority,
    Procedure,
    ServiceCategory,
    Team,
    TicketStatus,
    WorkOrderStatus,
)
from .models import Article, Service, Ticket, WorkOrder


class ServiceFilter(SearchFilterSet):
    search_fields = ("name", "description")
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Agency), label=_("Perangkat daerah pemilik")
    )
    category = django_filters.ChoiceFilter(choices=ServiceCategory.choices, label=_("Kategori"))
    team = django_filters.ChoiceFilter(choices=Team.choices, label=_("Tim tier 2"))
    critical = django_filters.BooleanFilter(label=_("Layanan kritis"))
    is_active = django_filters.BooleanFilter(label=_("Aktif"))

    class Meta:
        model = Service
        fields = ["agency", "category", "team", "critical", "is_active"]


class TicketFilter(SearchFilterSet):
    search_fields = ("title", "description", "requester_name")
    status = django_filters.ChoiceFilter(choices=TicketStatus.choices, label=_("Status"))
    priority = django_filters.ChoiceFilter(choices=Priority.choices, label=_("Prioritas"))
    tier = django_filters.ChoiceFilter(choices=[(1, "Tier 1"), (2, "Tier 2")], label=_("Tier"))
    team = django_filters.ChoiceFilter(choices=Team.choices, label=_("Tim"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    triage = django_filters.BooleanFilter(label=_("Perlu pemilahan"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Antrean saya (terbuka)"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Lewat batas"))

    class Meta:
        model = Ticket
        fields = ["status", "priority", "tier", "team", "agency", "triage"]

    def filter_mine(self, queryset, name, value):
        """My queue: the open tickets I handle or asked for."""
        user = getattr(self.request, "user", None)
        if value is None or user is None:
            return queryset
        mine = (Q(assignee=user) | Q(requester=user)) & Q(status__in=OPEN_TICKET_STATES)
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        open_states = [TicketStatus.NEW, TicketStatus.IN_PROGRESS, TicketStatus.ESCALATED]
        late = Q(status__in=open_states, resolution_due__lt=timezone.now())
        return queryset.filter(late) if value else queryset.exclude(late) if value is False else queryset


class WorkOrderFilter(SearchFilterSet):
    search_fields = ("number", "ticket__title", "instructions", "report")
    status = django_filters.ChoiceFilter(choices=WorkOrderStatus.choices, label=_("Status"))
    team = django_filters.ChoiceFilter(choices=Team.choices, label=_("Tim"))
    procedure = django_filters.ChoiceFilter(choices=Procedure.choices, label=_("Prosedur"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_choices(Agency), label=_("Perangkat daerah"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Antrean tim saya"))

    class Meta:
        model = WorkOrder
        fields = ["status", "team", "procedure", "agency"]

    def filter_mine(self, queryset, name, value):
        """Open work orders issued to a team the user belongs to (or taken by the user)."""
        from kelola.core.access import actor_for

        from .tickets import TEAM_ROLES

        user = getattr(self.request, "user", None)
        if not value or user is None:
            return queryset
        actor = actor_for(user)
        teams = Q()
        for team, roles in TEAM_ROLES.items():
            pemdas = actor.pemdas_with(roles)
            if pemdas:
                teams |= Q(team=team, pemda_id__in=pemdas)
        open_states = [WorkOrderStatus.ISSUED, WorkOrderStatus.IN_PROGRESS]
        return queryset.filter(Q(status__in=open_states) & (teams | Q(assignee=user)))


class ArticleFilter(SearchFilterSet):
    category = django_filters.CharFilter(lookup_expr="iexact", label=_("Kategori"))
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label=_("Pembaca"))
    status = django_filters.ChoiceFilter(choices=ArticleStatus.choices, label=_("Status"))

    class Meta:
        model = Article
        fields = ["category", "audience", "status"]

    def search(self, queryset, name, value):
        # Every word must appear (the same on SQLite and PostgreSQL); suggestions rank instead.
        from .knowledge import _words

        for word in _words(value):
            queryset = queryset.filter(search_text__contains=word)
        return queryset


# --- problems (DESK-6) and outages (DESK-5) ---------------------------------------------------

from .choices import OutageSource, ProblemStatus  # noqa: E402
from .models import Outage, Problem  # noqa: E402


class ProblemFilter(SearchFilterSet):
    search_fields = ("title", "description", "root_cause", "workaround", "change_reference")
    status = django_filters.ChoiceFilter(choices=ProblemStatus.choices, label=_("Status"))
    service = django_filters.ModelChoiceFilter(queryset=visible_choices(Service), label=_("Layanan"))
    known_error = django_filters.BooleanFilter(method="filter_known_error", label=_("Kesalahan diketahui"))

    class Meta:
        model = Problem
        fields = ["status", "service"]

    def filter_known_error(self, queryset, name, value):
        if value is None:
            return queryset
        known = Q(status=ProblemStatus.KNOWN_ERROR)
        return queryset.filter(known) if value else queryset.exclude(known)


class OutageFilter(django_filters.FilterSet):
    service = django_filters.ModelChoiceFilter(queryset=visible_choices(Service), label=_("Layanan"))
    source = django_filters.ChoiceFilter(choices=OutageSource.choices, label=_("Sumber"))
    ongoing = django_filters.BooleanFilter(
        field_name="ended_at", lookup_expr="isnull", label=_("Berlangsung")
    )
    since = django_filters.IsoDateTimeFilter(
        field_name="started_at", lookup_expr="gte", label=_("Mulai sejak")
    )

    class Meta:
        model = Outage
        fields = ["service", "source"]
