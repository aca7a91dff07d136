"""Who may see the configuration graph and who records relations by hand (ASSET-3).

- The IT office's operational staff — data center, infrastructure, help desk, IT support — the
  GCIO, the pemda administrator and the auditor read every configuration item and relation of
  their pemda. Items of a "dikecualikan" electronic system are named only to the owner agency and
  the exempt readers (GCIO, pemda administrator, auditor; 002 Ps.26(3)).
- An OPD's people read the items their agency owns (its services, systems, colocated servers)
  and the relations between two of them. Everything else in an impact or dependency tree is
  shown to them as an anonymous count ("N item lain"), never by name.
- Only the data-center and infrastructure teams record and remove manual relations (network
  links, other dependencies). Items and derived relations follow the domain registers and are
  changed there, by nobody here.
- Other pemda, vendors and accounts without a role see nothing.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, Policy, actor_for
from kelola.core.choices import Classification
from kelola.core.roles import AGENCY_ROLES, EXEMPT_READERS, Role

CMDB_MANAGERS = frozenset({Role.DATACENTER, Role.INFRASTRUCTURE})
CMDB_READERS = CMDB_MANAGERS | {Role.HELPDESK, Role.IT_SUPPORT, Role.GCIO, Role.PEMDA_ADMIN, Role.AUDITOR}
CMDB_EXEMPT = EXEMPT_READERS & CMDB_READERS


class ConfigurationItemPolicy(AgencyPolicy):
    read_roles = CMDB_READERS
    agency_read_roles = AGENCY_ROLES
    exempt_roles = CMDB_EXEMPT
    manage_roles = frozenset()
    agency_manage_roles = frozenset()

    def can_add(self, actor, obj) -> bool:
        return False  # items follow the domain registers

    def can_change(self, actor, obj) -> bool:
        return False

    def can_delete(self, actor, obj) -> bool:
        return False

    def can_relate(self, actor, obj) -> bool:
        """May record manual relations from or to this item."""
        return actor.has_pemda_role(obj.pemda_id, CMDB_MANAGERS) and self.can_view(actor, obj)


class RelationPolicy(Policy):
    """A relation is read by whoever may read both of its ends."""

    read_roles = CMDB_READERS
    manage_roles = CMDB_MANAGERS

    def read_filter(self, actor, model):
        if actor.is_platform_admin:
            return None
        restricted = Q(source__classification=Classification.EXEMPT) | Q(
            target__classification=Classification.EXEMPT
        )
        pemda_wide = Q(pemda_id__in=actor.pemdas_with(self.read_roles)) & (
            ~restricted | Q(pemda_id__in=actor.pemdas_with(CMDB_EXEMPT))
        )
        own = actor.agencies_with(AGENCY_ROLES)
        return pemda_wide | Q(source__agency_id__in=own, target__agency_id__in=own)

    def can_view(self, actor, obj) -> bool:
        item_policy = ConfigurationItemPolicy()
        return item_policy.can_view(actor, obj.source) and item_policy.can_view(actor, obj.target)

    def can_manage(self, actor, obj) -> bool:
        return (
            obj.origin == "manual"
            and actor.has_pemda_role(obj.pemda_id, self.manage_roles)
            and (obj.pk is None or self.can_view(actor, obj))
        )


def reads_pemda_graph(user) -> bool:
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(CMDB_READERS))


def sees_cmdb(user) -> bool:
    """The pemda-wide readers, and OPD people (they see their own items)."""
    actor = actor_for(user)
    return reads_pemda_graph(user) or bool(actor.agencies_with(AGENCY_ROLES))


NAVIGATION = [
    (_("Item konfigurasi"), "cmdb:ci_list", sees_cmdb),
    (_("Relasi konfigurasi"), "cmdb:relation_list", reads_pemda_graph),
]
