"""Read logic of the organisation domain that other domains use."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from kelola.core.models import Agency

from .models import TierOneTechnician


def is_self_reliant(agency: Agency) -> bool:
    """Whether the agency currently holds Perangkat Daerah Mandiri TIK status (001 Ps.19); it
    gates what the agency may build and run itself (001 Ps.9(4), Ps.13(5), Ps.15(2))."""
    return Agency.objects.filter(pk=agency.pk, it_self_reliant=True).exists()


def current_technicians():
    today = timezone.localdate()
    return TierOneTechnician.objects.filter(Q(until__isnull=True) | Q(until__gte=today), since__lte=today)


def with_technician_flag(agencies):
    """Annotate `has_tier_one`: at least one current tier-1 technician (001 Ps.21)."""
    return agencies.annotate(has_tier_one=Exists(current_technicians().filter(agency_id=OuterRef("pk"))))
