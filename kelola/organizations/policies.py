"""Access rules of the organisation registers beyond the core defaults, and their navigation.

Registered in `OrganizationsConfig.ready` under the `scope_level` their models name.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelola.core.access import AgencyPolicy, Policy, is_member, is_reader
from kelola.core.choices import Classification
from kelola.core.roles import AGENCY_ROLES, EXEMPT_READERS, Role

#: The Dinas roles that assess agencies for Mandiri TIK status (001 Ps.19).
ASSESSORS = frozenset({Role.GCIO, Role.REVIEWER, Role.PEMDA_ADMIN})
#: The Kepala Daerah decides on the Dinas's proposal (001 Ps.19).
DECIDERS = frozenset({Role.EXECUTIVE})
#: Who records the decree (SK) that makes the status active.
RECORDERS = frozenset({Role.GCIO, Role.PEMDA_ADMIN, Role.EXECUTIVE})


class DecreePolicy(AgencyPolicy):
    """Decrees are read across the pemda; a "dikecualikan" decree only by its issuing agency and
    the exempt readers (002 Ps.26(3)). Issuer-less decrees (the Kepala Daerah's) are the pemda's
    own. Only the pemda's organisation managers record decrees."""

    def read_filter(self, actor, model):
        if actor.is_platform_admin:
            return None
        members = actor.member_pemdas()
        exempt_ok = Q(pemda_id__in=actor.pemdas_with(self.exempt_roles)) | Q(
            agency_id__in=actor.agencies_with(self.agency_read_roles)
        )
        return Q(pemda_id__in=members) & (~Q(classification=Classification.EXEMPT) | exempt_ok)

    def can_view(self, actor, obj):
        if actor.is_platform_admin:
            return True
        if obj.pemda_id not in actor.member_pemdas():
            return False
        if obj.classification != Classification.EXEMPT:
            return True
        return actor.has_pemda_role(obj.pemda_id, self.exempt_roles) or actor.has_agency_role(
            obj.agency_id, self.agency_read_roles
        )

    def can_manage(self, actor, obj):
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles)


class AssessmentPolicy(AgencyPolicy):
    """Mandiri TIK assessments: the assessed agency and the pemda's readers see them; only the
    Dinas writes them (001 Ps.19 gives the assessment to the Dinas, not to the agency), and they
    are never deleted — an assessment ends by a workflow step."""

    def can_manage(self, actor, obj):
        return actor.has_pemda_role(obj.pemda_id, ASSESSORS)

    def can_delete(self, actor, obj):
        return False


class PersonLinkPolicy(Policy):
    """Rows that name a person (memberships): read across the pemda, except that the rows of a
    "dikecualikan" person are shown only to those who may read that person (002 Ps.26(3))."""

    person_field = "person"

    def read_filter(self, actor, model):
        base = super().read_filter(actor, model)
        if base is None:
            return None
        restricted = Q(**{f"{self.person_field}__classification": Classification.EXEMPT})
        allowed = Q(pemda_id__in=actor.pemdas_with(EXEMPT_READERS)) | Q(
            **{f"{self.person_field}__agency_id__in": actor.agencies_with(AGENCY_ROLES)}
        )
        return base & (~restricted | allowed)

    def can_view(self, actor, obj):
        if not super().can_view(actor, obj):
            return False
        if actor.is_platform_admin:
            return True
        person = getattr(obj, self.person_field)
        return (
            person.classification != Classification.EXEMPT
            or actor.has_pemda_role(obj.pemda_id, EXEMPT_READERS)
            or actor.has_agency_role(person.agency_id, AGENCY_ROLES)
        )


def may_see_person(user, person) -> bool:
    """Whether `user` may read `person`: used to mask the name of a "dikecualikan" person where
    another row (a position, a technician) refers to them."""
    from kelola.core import access

    return person is None or access.can(user, "view", person)


NAVIGATION = [
    (_("Pemda"), "organizations:my_pemda", is_member),
    (_("Perangkat daerah"), "organizations:agency_list", is_reader),
    (_("Pegawai"), "organizations:person_list", is_reader),
    (_("Jabatan"), "organizations:position_list", is_reader),
    (_("Badan tata kelola"), "organizations:body_list", is_reader),
    (_("Keputusan (SK)"), "organizations:decree_list", is_member),
    (_("Teknisi tier 1"), "organizations:technician_coverage", is_reader),
    (_("Mandiri TIK"), "organizations:assessment_list", is_reader),
]
