"""Who may see and act on connection points, event networks and bandwidth (DC-5, DC-6).

- Requests (connection points, event networks): an OPD's people (agency roles) file them for
  their agency, see their own, and withdraw them while submitted; the help desk may file them
  for an OPD that phoned in. The IT office's network team (help desk, IT support,
  infrastructure, data center, GCIO, pemda administrator) sees every request of its pemda and
  takes the workflow steps the SOP gives it (`connection.CONNECTION`, `events.EVENT`);
  auditors read. Nobody edits or deletes a request outside the workflow.
- Bandwidth: the infrastructure and data-center teams, the GCIO and the administrator keep the
  capacity, allocations and usage (002 Ps.35: the Dinas analyses, divides and supervises); an
  OPD reads its own needs, allocation and usage, and its head or IT officer may file and
  correct its needs analysis. The purchased capacity is the IT office's: OPDs do not see it.
- Other pemda, and accounts without a role, see nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, Policy, actor_for
from kelola.core.roles import AGENCY_MANAGERS, AGENCY_ROLES, Role

#: The IT office's people who work connection-point and event requests (004 Lamp.IV 2.2).
NETWORK_TEAM = frozenset(
    {Role.HELPDESK, Role.IT_SUPPORT, Role.INFRASTRUCTURE, Role.DATACENTER, Role.GCIO, Role.PEMDA_ADMIN}
)
READERS = NETWORK_TEAM | {Role.AUDITOR}
#: Who may file a request on an OPD's behalf (a request phoned in to the help desk).
FILERS = frozenset({Role.HELPDESK, Role.GCIO, Role.PEMDA_ADMIN})
#: Who keeps capacity, allocations and usage (002 Ps.35(2)).
BANDWIDTH_MANAGERS = frozenset({Role.INFRASTRUCTURE, Role.DATACENTER, Role.GCIO, Role.PEMDA_ADMIN})
BANDWIDTH_READERS = BANDWIDTH_MANAGERS | {Role.HELPDESK, Role.IT_SUPPORT, Role.AUDITOR}


class RequestPolicy(AgencyPolicy):
    read_roles = READERS
    exempt_roles = READERS
    agency_read_roles = AGENCY_ROLES
    manage_roles = frozenset()
    agency_manage_roles = frozenset()

    def can_add(self, actor, obj) -> bool:
        return actor.has_agency_role(obj.agency_id, AGENCY_ROLES) or actor.has_pemda_role(
            obj.pemda_id, FILERS
        )

    def can_change(self, actor, obj) -> bool:
        return False  # only through the workflow

    def can_delete(self, actor, obj) -> bool:
        return False


class BandwidthPolicy(AgencyPolicy):
    """Allocations and usage: the OPD reads its own; the bandwidth managers keep them."""

    read_roles = BANDWIDTH_READERS
    exempt_roles = BANDWIDTH_READERS
    agency_read_roles = AGENCY_ROLES
    manage_roles = BANDWIDTH_MANAGERS
    agency_manage_roles = frozenset()

    def can_import(self, actor, obj) -> bool:
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles)


class NeedPolicy(BandwidthPolicy):
    """Needs analyses: also filed and corrected by the OPD's head and IT officer."""

    agency_manage_roles = AGENCY_MANAGERS


class CapacityPolicy(Policy):
    """The pemda's purchased links: the IT office reads and keeps them."""

    read_roles = BANDWIDTH_READERS
    manage_roles = BANDWIDTH_MANAGERS


def is_network_team(user) -> bool:
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(READERS))


def sees_requests(user) -> bool:
    actor = actor_for(user)
    return is_network_team(user) or bool(actor.agencies_with(AGENCY_ROLES))


def is_bandwidth_staff(user) -> bool:
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(BANDWIDTH_READERS))


def sees_bandwidth(user) -> bool:
    actor = actor_for(user)
    return is_bandwidth_staff(user) or bool(actor.agencies_with(AGENCY_ROLES))


def may_import_usage(user) -> bool:
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(BANDWIDTH_MANAGERS))


NAVIGATION = [
    (_("Permintaan titik koneksi"), "connectivity:connection_list", sees_requests),
    (_("Jaringan untuk acara"), "connectivity:event_list", sees_requests),
    (_("Analisis kebutuhan bandwidth"), "connectivity:need_list", sees_bandwidth),
    (_("Alokasi bandwidth"), "connectivity:allocation_list", sees_bandwidth),
    (_("Pemakaian bandwidth"), "connectivity:usage_list", sees_bandwidth),
    (_("Laporan pemakaian bandwidth"), "connectivity:report", sees_bandwidth),
    (_("Kapasitas bandwidth"), "connectivity:capacity_list", is_bandwidth_staff),
]
