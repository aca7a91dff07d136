"""Built-in roles (PRODUCT.md section 1).

A role is assigned to a user with a scope: the whole pemda, or one agency (OPD). Roles are
defined in code so that every domain's policy can name them; what each may do is decided by
the policies in `kelola.core.access` and the domains' `policies.py`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Leadership and steering
    EXECUTIVE = "executive", _("Kepala Daerah (Walikota/Bupati)")
    SECRETARY = "secretary", _("Sekretaris Daerah")
    COMMITTEE = "committee", _("Komite TIK / Tim Pengarah SPBE")
    GCIO = "gcio", _("GCIO (Kepala Dinas Kominfo)")
    # IT office (Dinas Kominfo) staff
    PEMDA_ADMIN = "pemda_admin", _("Administrator Pemda")
    REVIEWER = "reviewer", _("Reviewer Dinas")
    HELPDESK = "helpdesk", _("Help Desk / Service Desk Tier 2")
    IT_SUPPORT = "it_support", _("Dukungan TI")
    DATACENTER = "datacenter", _("Pengelola Pusat Data")
    INFRASTRUCTURE = "infrastructure", _("Pengelola Infrastruktur")
    SECURITY = "security", _("Pengelola Keamanan Informasi")
    EVALUATOR = "evaluator", _("Tim Evaluator Internal")
    BAPPEDA = "bappeda", _("Bappeda")
    AUDITOR = "auditor", _("Auditor")
    # Agency (OPD) roles
    AGENCY_HEAD = "agency_head", _("Kepala Perangkat Daerah")
    AGENCY_IT_OFFICER = "agency_it_officer", _("Pejabat Pengelola Sistem dan Transaksi Elektronik")
    AGENCY_OPERATOR = "agency_operator", _("Operator Perangkat Daerah")
    VENDOR = "vendor", _("Pihak Ketiga (Vendor)")


#: Roles held by the IT office and the pemda's leadership; assigned for the whole pemda.
PEMDA_ROLES = frozenset(
    {
        Role.EXECUTIVE,
        Role.SECRETARY,
        Role.COMMITTEE,
        Role.GCIO,
        Role.PEMDA_ADMIN,
        Role.REVIEWER,
        Role.HELPDESK,
        Role.IT_SUPPORT,
        Role.DATACENTER,
        Role.INFRASTRUCTURE,
        Role.SECURITY,
        Role.EVALUATOR,
        Role.BAPPEDA,
        Role.AUDITOR,
    }
)
#: Roles that only make sense inside one agency.
AGENCY_ROLES = frozenset({Role.AGENCY_HEAD, Role.AGENCY_IT_OFFICER, Role.AGENCY_OPERATOR})
#: Vendors act within the pemda but see only what concerns them (002 Ps.39-40).
VENDOR_ROLES = frozenset({Role.VENDOR})

#: The IT office's own staff (Dinas roles): two-factor authentication is offered to them and
#: can be made mandatory per pemda.
IT_OFFICE_ROLES = frozenset(
    {
        Role.GCIO,
        Role.PEMDA_ADMIN,
        Role.REVIEWER,
        Role.HELPDESK,
        Role.IT_SUPPORT,
        Role.DATACENTER,
        Role.INFRASTRUCTURE,
        Role.SECURITY,
        Role.EVALUATOR,
    }
)
#: Pemda roles that read every agency's registers (cross-OPD visibility given by role).
PEMDA_READERS = PEMDA_ROLES
#: Pemda roles that may read records classified "dikecualikan" of any agency (002 Ps.26(3)).
EXEMPT_READERS = frozenset({Role.GCIO, Role.PEMDA_ADMIN, Role.SECURITY, Role.AUDITOR})
#: Agency roles that maintain their agency's registers.
AGENCY_MANAGERS = frozenset({Role.AGENCY_HEAD, Role.AGENCY_IT_OFFICER})
#: Pemda roles that maintain the pemda's organisation registers.
ORGANISATION_MANAGERS = frozenset({Role.PEMDA_ADMIN, Role.GCIO})


def requires_agency(role: str) -> bool:
    return role in AGENCY_ROLES
