"""Who may see and act on hosting/colocation requests (DC-1) and VPS requests (DC-2).

- The OPD's people (agency roles) file requests for their agency, see them, withdraw them
  while they wait, attach their letters and report the vendor's setup as done.
- The data-center team (Role.DATACENTER) sees every request of its pemda and takes the
  technical steps: review, classification, checks, placement, installation, addresses,
  provisioning and renewals.
- The GCIO gives the leadership's recommendation and decisions (approve/reject, signed letters).
- The help desk, IT support and infrastructure (told of a new application), the pemda
  administrator and auditors read everything of their pemda.
- Another OPD, another pemda and accounts without a role see nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, actor_for
from kelola.core.roles import AGENCY_ROLES, Role

from .choices import HostingStatus, VpsStatus

DATACENTER_TEAM = frozenset({Role.DATACENTER})
LEADERS = frozenset({Role.GCIO})
HOSTING_READERS = frozenset(
    {
        Role.DATACENTER,
        Role.GCIO,
        Role.HELPDESK,
        Role.IT_SUPPORT,
        Role.INFRASTRUCTURE,
        Role.PEMDA_ADMIN,
        Role.AUDITOR,
    }
)


class _RequestPolicy(AgencyPolicy):
    read_roles = HOSTING_READERS
    exempt_roles = HOSTING_READERS
    manage_roles = DATACENTER_TEAM
    agency_manage_roles = frozenset()
    #: States in which the OPD may still attach documents to its request.
    agency_open_states: frozenset[str] = frozenset()

    def can_add(self, actor, obj) -> bool:
        return actor.has_agency_role(obj.agency_id, AGENCY_ROLES) or actor.has_pemda_role(
            obj.pemda_id, DATACENTER_TEAM
        )

    def can_change(self, actor, obj) -> bool:
        # "change" only attaches documents and records checks; states move through the workflow.
        status = getattr(obj, "status", None)
        if status is None and hasattr(obj, "request"):
            status = obj.request.status
        return actor.has_pemda_role(obj.pemda_id, DATACENTER_TEAM) or (
            status in self.agency_open_states and actor.has_agency_role(obj.agency_id, AGENCY_ROLES)
        )

    def can_delete(self, actor, obj) -> bool:
        return False

    def can_check(self, actor, obj) -> bool:
        return actor.has_pemda_role(obj.pemda_id, DATACENTER_TEAM)


class HostingRequestPolicy(_RequestPolicy):
    agency_open_states = frozenset({HostingStatus.SUBMITTED, HostingStatus.REVIEWED, HostingStatus.SETUP})


class VpsRequestPolicy(_RequestPolicy):
    agency_open_states = frozenset({VpsStatus.SUBMITTED})


def is_hosting_staff(user) -> bool:
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(HOSTING_READERS))


def sees_hosting(user) -> bool:
    """The IT office's readers, and OPD people (they see their own requests)."""
    actor = actor_for(user)
    return is_hosting_staff(user) or bool(actor.agencies_with(AGENCY_ROLES))


NAVIGATION = [
    (_("Penitipan aplikasi"), "hosting:request_list", sees_hosting),
    (_("VPS"), "hosting:vps_list", sees_hosting),
]
