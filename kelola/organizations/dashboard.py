"""Home dashboard cards of the organisation domain: real counts of what the user may see."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card
from kelola.core.models import Agency

from .models import SelfRelianceAssessment
from .queries import with_technician_flag


def cards(user) -> list[Card]:
    agencies = Agency.objects.visible_to(user).filter(is_active=True)
    total = agencies.count()
    if not total:
        return []
    without_technician = (
        with_technician_flag(agencies.filter(is_it_office=False)).filter(has_tier_one=False).count()
    )
    waiting = (
        SelfRelianceAssessment.objects.visible_to(user).filter(status__in=["proposed", "approved"]).count()
    )
    return [
        Card(_("Perangkat daerah aktif"), total, reverse("organizations:agency_list")),
        Card(
            _("Perangkat Daerah Mandiri TIK"),
            agencies.filter(it_self_reliant=True).count(),
            reverse("organizations:agency_list") + "?it_self_reliant=true",
            tone="success",
        ),
        Card(
            _("OPD tanpa teknisi tier 1"),
            without_technician,
            reverse("organizations:technician_coverage"),
            hint=_("001 Ps.21"),
            tone="warning" if without_technician else "success",
        ),
        Card(
            _("Mandiri TIK menunggu keputusan/SK"),
            waiting,
            reverse("organizations:assessment_list"),
            tone="info",
        ),
    ]
