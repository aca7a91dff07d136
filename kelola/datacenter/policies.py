"""Who may see and change the data-center facilities register (DC-3).

- The data-center team, the infrastructure team, the GCIO and the pemda administrator see and
  manage every data center, room, rack, power feed and device of their pemda; auditors read them.
- An OPD's people (agency roles) read their own agency's devices (servers, VMs, colocated
  equipment) and nothing else: the facilities themselves are the IT office's. On their device's
  page they see the names of its rack and data center, as text.
- Other pemda, and accounts without a role, see nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, Policy, actor_for
from kelola.core.roles import AGENCY_ROLES, Role

DATACENTER_MANAGERS = frozenset({Role.DATACENTER, Role.INFRASTRUCTURE, Role.GCIO, Role.PEMDA_ADMIN})
DATACENTER_READERS = DATACENTER_MANAGERS | {Role.AUDITOR}
#: Told when a rack reaches its capacity warning threshold.
CAPACITY_RECIPIENTS = frozenset({Role.DATACENTER})


class FacilityPolicy(Policy):
    """Data centers, rooms, racks and power feeds: the IT office's teams only."""

    read_roles = DATACENTER_READERS
    manage_roles = DATACENTER_MANAGERS


class DevicePolicy(AgencyPolicy):
    """Servers, VMs and other devices: the owner agency reads its own; the team manages all."""

    read_roles = DATACENTER_READERS
    exempt_roles = DATACENTER_READERS
    manage_roles = DATACENTER_MANAGERS
    agency_read_roles = AGENCY_ROLES
    agency_manage_roles = frozenset()


def is_datacenter_staff(user) -> bool:
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(DATACENTER_READERS))


def sees_devices(user) -> bool:
    """Data-center staff, and OPD people (they see their own devices)."""
    return is_datacenter_staff(user) or bool(actor_for(user).agencies_with(AGENCY_ROLES))


NAVIGATION = [
    (_("Pusat data"), "datacenter:datacenter_list", is_datacenter_staff),
    (_("Ruang server"), "datacenter:room_list", is_datacenter_staff),
    (_("Rak"), "datacenter:rack_list", is_datacenter_staff),
    (_("Server dan perangkat"), "datacenter:device_list", sees_devices),
    (_("Peringatan kapasitas"), "datacenter:capacity", is_datacenter_staff),
]
