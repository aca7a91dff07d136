"""Who may see and change the service catalogue and the working calendar (DESK-1).

- The catalogue is read by every member of the pemda (agencies choose services from it).
- The IT office's service-desk leads (GCIO, pemda administrator, help desk) manage every
  service; an owner agency's head and IT officer keep their own services' description and SOP
  and may propose them as critical — only the IT office sets the critical flag (checked by the
  services).
- The working calendar and holidays are read by every member and set by the GCIO, the pemda
  administrator and the help desk.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, Policy, is_member
from kelola.core.roles import AGENCY_ROLES, IT_OFFICE_ROLES, Role

DESK_MANAGERS = frozenset({Role.GCIO, Role.PEMDA_ADMIN, Role.HELPDESK})


class ServicePolicy(AgencyPolicy):
    manage_roles = DESK_MANAGERS

    def read_filter(self, actor, model):
        if actor.is_platform_admin:
            return None
        return Q(pemda_id__in=actor.member_pemdas())

    def can_view(self, actor, obj) -> bool:
        return actor.is_platform_admin or obj.pemda_id in actor.member_pemdas()

    def can_delete(self, actor, obj) -> bool:
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles)

    def can_set_critical(self, actor, obj) -> bool:
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles)


class CalendarPolicy(Policy):
    manage_roles = DESK_MANAGERS

    def read_filter(self, actor, model):
        if actor.is_platform_admin:
            return None
        return Q(pemda_id__in=actor.member_pemdas())

    def can_view(self, actor, obj) -> bool:
        return actor.is_platform_admin or obj.pemda_id in actor.member_pemdas()


def is_it_staff(user) -> bool:
    from kelola.core.access import actor_for

    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(IT_OFFICE_ROLES | {Role.AUDITOR}))


NAVIGATION = [
    (_("Tiket"), "servicedesk:ticket_list", is_member),
    (_("Perintah kerja"), "servicedesk:workorder_list", is_member),
    (_("Masalah"), "servicedesk:problem_list", is_it_staff),
    (_("Laporan SLA"), "servicedesk:report", is_member),
    (_("Ketersediaan layanan"), "servicedesk:availability", is_member),
    (_("Katalog layanan"), "servicedesk:service_list", is_member),
    (_("Basis pengetahuan"), "servicedesk:article_list", is_member),
    (_("Kalender kerja"), "servicedesk:calendar", is_member),
]


class TicketPolicy(AgencyPolicy):
    """Tickets: the requesting agency's people read their agency's tickets; the IT office's
    staff (and auditors) read the pemda's; filing is for the agency's people and the help desk;
    everything else happens through the ticket's workflow (`tickets.TICKET`)."""

    read_roles = frozenset(IT_OFFICE_ROLES | {Role.AUDITOR})
    manage_roles = DESK_MANAGERS

    def can_add(self, actor, obj) -> bool:
        return actor.has_agency_role(obj.agency_id, AGENCY_ROLES) or actor.has_pemda_role(
            obj.pemda_id, DESK_MANAGERS
        )


KNOWLEDGE_WRITERS = frozenset({Role.GCIO, Role.PEMDA_ADMIN, Role.HELPDESK, Role.IT_SUPPORT})


class ArticlePolicy(Policy):
    """Knowledge base: published articles by audience (public and staff ones for every member,
    IT-staff ones for the IT office); drafts and archives for the IT office only; written by
    the GCIO, the administrator, the help desk and IT support."""

    manage_roles = KNOWLEDGE_WRITERS

    def read_filter(self, actor, model):
        from .choices import ArticleStatus, Audience

        if actor.is_platform_admin:
            return None
        members = actor.member_pemdas()
        it_office = actor.pemdas_with(IT_OFFICE_ROLES)
        published = Q(status=ArticleStatus.PUBLISHED)
        for_members = Q(pemda_id__in=members, audience__in=[Audience.PUBLIC, Audience.STAFF]) & published
        return for_members | Q(pemda_id__in=it_office)

    def can_view(self, actor, obj) -> bool:
        from .choices import ArticleStatus, Audience

        if actor.is_platform_admin or actor.has_pemda_role(obj.pemda_id, IT_OFFICE_ROLES):
            return True
        return (
            obj.pemda_id in actor.member_pemdas()
            and obj.status == ArticleStatus.PUBLISHED
            and obj.audience in (Audience.PUBLIC, Audience.STAFF)
        )


class WorkOrderPolicy(AgencyPolicy):
    """Work orders: read like their tickets (the ticket's agency and the IT office's staff);
    issued by the help desk (and the GCIO); every other step goes through the work order's
    workflow (`workorders.WORK_ORDER`), taken by the team it is issued to."""

    read_roles = frozenset(IT_OFFICE_ROLES | {Role.AUDITOR})
    manage_roles = frozenset({Role.GCIO, Role.HELPDESK})
    agency_manage_roles = frozenset()


PROBLEM_MANAGERS = frozenset(
    {Role.GCIO, Role.PEMDA_ADMIN, Role.HELPDESK, Role.IT_SUPPORT, Role.DATACENTER, Role.INFRASTRUCTURE}
)


class ProblemPolicy(Policy):
    """Problems are the IT office's investigations: read by its staff and auditors, managed by
    the GCIO, the administrator, the help desk and the technical teams."""

    read_roles = frozenset(IT_OFFICE_ROLES | {Role.AUDITOR})
    manage_roles = PROBLEM_MANAGERS
