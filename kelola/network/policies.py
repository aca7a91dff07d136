"""Who may see and change the address plan (DC-4) and the domains with their DNS records (DC-7).

- The data-center and infrastructure teams, the GCIO and the pemda administrator see and manage
  every prefix, VLAN, address and request of their pemda; auditors read them.
- An OPD's people (agency roles) see the prefixes, VLANs and addresses their agency owns and
  their agency's requests; they file requests, and may withdraw them while submitted. They do
  not allocate, approve or edit the plan.
- Domains and DNS records follow `NetworkPolicy`: an OPD reads its own sub-domains (and their
  records) and changes nothing; the team manages them all.
- Other pemda, and accounts without a role, see nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, actor_for
from kelola.core.roles import AGENCY_ROLES, Role

NETWORK_MANAGERS = frozenset({Role.DATACENTER, Role.INFRASTRUCTURE, Role.GCIO, Role.PEMDA_ADMIN})
NETWORK_READERS = NETWORK_MANAGERS | {Role.AUDITOR}


class NetworkPolicy(AgencyPolicy):
    """Prefixes, VLANs and addresses: the owner agency reads its own (agency may be empty)."""

    read_roles = NETWORK_READERS
    exempt_roles = NETWORK_READERS
    manage_roles = NETWORK_MANAGERS
    agency_manage_roles = frozenset()

    def can_allocate(self, actor, obj) -> bool:
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles)


class AddressRequestPolicy(AgencyPolicy):
    """Requests: the requesting agency's people read and file them; decisions go through the
    workflow (`requests.REQUEST`)."""

    read_roles = NETWORK_READERS
    exempt_roles = NETWORK_READERS
    manage_roles = NETWORK_MANAGERS
    agency_manage_roles = frozenset()

    def can_add(self, actor, obj) -> bool:
        return actor.has_agency_role(obj.agency_id, AGENCY_ROLES) or actor.has_pemda_role(
            obj.pemda_id, self.manage_roles
        )

    def can_change(self, actor, obj) -> bool:
        return False  # only through the workflow

    def can_delete(self, actor, obj) -> bool:
        return False


def is_network_staff(user) -> bool:
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(NETWORK_READERS))


def sees_network(user) -> bool:
    """Network staff, and OPD people (they see their own addresses and requests)."""
    actor = actor_for(user)
    return is_network_staff(user) or bool(actor.agencies_with(AGENCY_ROLES))


NAVIGATION = [
    (_("Prefiks IP"), "network:prefix_list", sees_network),
    (_("Alamat IP"), "network:address_list", sees_network),
    (_("VLAN"), "network:vlan_list", is_network_staff),
    (_("Permintaan alamat IP"), "network:request_list", sees_network),
    (_("Domain dan DNS"), "network:domain_list", sees_network),
]
