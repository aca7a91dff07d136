"""Access rules of the organisation registers beyond the core defaults."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy


class DecreePolicy(AgencyPolicy):
    """Decrees are read across the pemda; a "dikecualikan" decree only by its issuing agency and
    the exempt readers. Issuer-less decrees (the Kepala Daerah's) are the pemda's own."""

    def read_filter(self, actor, model):
        if actor.is_platform_admin:
            return None
        members = actor.member_pemdas()
        exempt_ok = Q(pemda_id__in=actor.pemdas_with(self.exempt_roles)) | Q(
            agency_id__in=actor.agencies_with(self.agency_read_roles)
        )
        return Q(pemda_id__in=members) & (~Q(classification="exempt") | exempt_ok)

    def can_view(self, actor, obj):
        if actor.is_platform_admin:
            return True
        if obj.pemda_id not in actor.member_pemdas():
            return False
        if obj.classification != "exempt":
            return True
        return actor.has_pemda_role(obj.pemda_id, self.exempt_roles) or actor.has_agency_role(
            obj.agency_id, self.agency_read_roles
        )

    def can_manage(self, actor, obj):
        # Decrees are recorded by the pemda's administrators and the GCIO only.
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles)


def _member(user) -> bool:
    from kelola.core.access import actor_for

    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.member_pemdas())


def _assessment_reader(user) -> bool:
    from kelola.core.access import actor_for
    from kelola.core.roles import PEMDA_READERS

    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(PEMDA_READERS) or actor.agencies_with())


NAVIGATION = [
    (_("Pemda"), "organizations:my_pemda", _member),
    (_("Perangkat daerah"), "organizations:agency_list", _member),
    (_("Pegawai"), "organizations:person_list", _member),
    (_("Jabatan"), "organizations:position_list", _member),
    (_("Badan tata kelola"), "organizations:body_list", _member),
    (_("Keputusan (SK)"), "organizations:decree_list", _member),
    (_("Teknisi tier 1"), "organizations:technician_coverage", _member),
    (_("Mandiri TIK"), "organizations:assessment_list", _assessment_reader),
]
