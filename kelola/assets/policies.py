"""Who may see and change the ICT asset register (ASSET-1, ASSET-2).

- An OPD's own people (head, IT officer, operator) read their agency's assets, licences and
  maintenance; its head and IT officer maintain them (002 Ps.44: each OPD manages its assets).
- The IT office (GCIO, pemda administrator, data center, infrastructure, IT support) reads the
  whole pemda, as do auditors; the GCIO and the administrator may also correct any row.
- The IT office's technical teams may send assets to repair, return them and record
  maintenance (they do the work).
- Other pemda see nothing; an account without a role sees nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, actor_for
from kelola.core.roles import AGENCY_MANAGERS, AGENCY_ROLES, Role

ASSET_READERS = frozenset(
    {Role.GCIO, Role.PEMDA_ADMIN, Role.DATACENTER, Role.INFRASTRUCTURE, Role.IT_SUPPORT, Role.AUDITOR}
)
ASSET_MANAGERS = frozenset({Role.GCIO, Role.PEMDA_ADMIN})
TECHNICIANS = frozenset({Role.IT_SUPPORT, Role.INFRASTRUCTURE, Role.DATACENTER})


class AssetPolicy(AgencyPolicy):
    read_roles = ASSET_READERS
    agency_read_roles = AGENCY_ROLES
    manage_roles = ASSET_MANAGERS
    agency_manage_roles = AGENCY_MANAGERS


class MaintenancePolicy(AssetPolicy):
    """Maintenance schedules and records: also kept by the IT office's technical teams."""

    manage_roles = ASSET_MANAGERS | TECHNICIANS


#: The IT office (Dinas) to which OPDs file their LAN diagrams (001 Ps.17); it reads them all
#: and reminds the OPDs that are late. Auditors read them too.
LAN_OFFICE = frozenset({Role.GCIO, Role.PEMDA_ADMIN, Role.INFRASTRUCTURE, Role.DATACENTER, Role.IT_SUPPORT})
LAN_READERS = LAN_OFFICE | {Role.AUDITOR}


class LanDiagramPolicy(AgencyPolicy):
    """LAN diagrams (ASSET-4): the OPD's head and IT officer file them for their agency, its
    people read their own; the IT office and auditors read the whole pemda. Diagrams are a
    history: nobody edits or deletes one (a correction is a new filing)."""

    read_roles = LAN_READERS
    agency_read_roles = AGENCY_ROLES
    manage_roles = frozenset()
    agency_manage_roles = AGENCY_MANAGERS

    def can_change(self, actor, obj) -> bool:
        return False

    def can_delete(self, actor, obj) -> bool:
        return False


def may_read_lan_diagrams(user) -> bool:
    actor = actor_for(user)
    return (
        actor.is_platform_admin
        or bool(actor.pemdas_with(LAN_READERS))
        or bool(actor.agencies_with(AGENCY_ROLES))
    )


def may_send_lan_reminders(user, pemda_id: int) -> bool:
    actor = actor_for(user)
    return actor.is_platform_admin or actor.has_pemda_role(pemda_id, LAN_OFFICE)


def may_read_assets(user) -> bool:
    actor = actor_for(user)
    return (
        actor.is_platform_admin
        or bool(actor.pemdas_with(ASSET_READERS))
        or bool(actor.agencies_with(AGENCY_ROLES))
    )


NAVIGATION = [
    (_("Daftar aset"), "assets:asset_list", may_read_assets),
    (_("Lisensi perangkat lunak"), "assets:licence_list", may_read_assets),
    (_("Pemeliharaan terlambat"), "assets:maintenance_overdue", may_read_assets),
    (_("Rekomendasi penggantian"), "assets:replacement", may_read_assets),
    (_("Diagram jaringan LAN"), "assets:lan_diagram_list", may_read_lan_diagrams),
    (_("Diagram jaringan LAN terlambat"), "assets:lan_overdue", may_read_lan_diagrams),
]
