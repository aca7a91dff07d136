"""Who may see and change the portfolio (PORT): access rules and navigation.

- Electronic systems belong to their owner agency: its head, IT officer and operators keep the
  registration up to date (operators "fill inventories"); the head or IT officer may delete it.
  Every pemda-wide role reads them; "dikecualikan" systems only the owner agency and
  `EXEMPT_READERS`; the GCIO and the pemda administrator manage all of them.
- Build rules are read by every member of the pemda and set by the GCIO or pemda administrator.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, Policy, is_member, is_reader
from kelola.core.roles import AGENCY_MANAGERS, Role


class SystemPolicy(AgencyPolicy):
    agency_manage_roles = AGENCY_MANAGERS | {Role.AGENCY_OPERATOR}

    def can_delete(self, actor, obj) -> bool:
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles) or actor.has_agency_role(
            obj.agency_id, AGENCY_MANAGERS
        )


class BuildRulePolicy(Policy):
    pass


NAVIGATION = [
    (_("Dasbor portofolio"), "portfolio:dashboard", is_reader),
    (_("Sistem elektronik"), "portfolio:system_list", is_reader),
    (_("Aturan pembangunan"), "portfolio:rule_list", is_member),
]
