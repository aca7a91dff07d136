"""Who may see and change proposals and spending (PROP).

- A proposal belongs to its agency: every role of that agency reads it; its head, IT officer
  and operators write its draft. Pemda-wide readers (the IT office, leadership, Bappeda) see it
  once submitted; drafts and withdrawn proposals stay with the agency. Another agency never
  sees it. The IT office files its own (cross-OPD) proposals through its GCIO/administrator.
- Review and decision are workflow steps (`workflows.PROPOSAL`), never edits.
- Spending lines: the agency and the pemda-wide readers see them; the agency's managers and the
  GCIO/administrator keep them; Bappeda reviews them.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, is_member
from kelola.core.roles import AGENCY_ROLES, ORGANISATION_MANAGERS, Role

from .choices import ProposalStatus

PRIVATE_STATES = (ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN)


class ProposalPolicy(AgencyPolicy):
    def read_filter(self, actor, model):
        base = super().read_filter(actor, model)
        if base is None:
            return None
        own = Q(agency_id__in=actor.agencies_with(self.agency_read_roles))
        return own | (base & ~Q(status__in=PRIVATE_STATES))

    def can_view(self, actor, obj) -> bool:
        if actor.is_platform_admin or actor.has_agency_role(obj.agency_id, self.agency_read_roles):
            return True
        return obj.status not in PRIVATE_STATES and super().can_view(actor, obj)

    def _writer(self, actor, obj) -> bool:
        if actor.has_agency_role(obj.agency_id, AGENCY_ROLES):
            return True
        agency = obj.agency if obj.agency_id else None
        return bool(
            agency and agency.is_it_office and actor.has_pemda_role(obj.pemda_id, ORGANISATION_MANAGERS)
        )

    def can_add(self, actor, obj) -> bool:
        return self._writer(actor, obj)

    def can_change(self, actor, obj) -> bool:
        return obj.status == ProposalStatus.DRAFT and self._writer(actor, obj)

    def can_delete(self, actor, obj) -> bool:
        return obj.status == ProposalStatus.DRAFT and obj.revision == 1 and self._writer(actor, obj)


class BudgetLinePolicy(AgencyPolicy):
    def can_review(self, actor, obj) -> bool:
        return actor.has_pemda_role(obj.pemda_id, {Role.BAPPEDA})


NAVIGATION = [
    (_("Usulan TIK"), "proposals:proposal_list", is_member),
    (_("Belanja SPBE"), "proposals:budget_list", is_member),
]
