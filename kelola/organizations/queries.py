"""Read logic of the organisation domain that pages, the API and other domains use."""

from __future__ import annotations

from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core.models import Agency

from .models import Person, TierOneTechnician


def is_self_reliant(agency: Agency) -> bool:
    """Whether the agency currently holds Perangkat Daerah Mandiri TIK status (001 Ps.19); it
    gates what the agency may build and run itself (001 Ps.9(4), Ps.13(5), Ps.15(2)). The flag
    is set and cleared only by the Mandiri TIK workflow's activate and revoke steps."""
    return Agency.objects.filter(pk=agency.pk, it_self_reliant=True).exists()


def current_technicians():
    """Tier-1 technician assignments in force today (001 Ps.21)."""
    today = timezone.localdate()
    return TierOneTechnician.objects.filter(Q(until__isnull=True) | Q(until__gte=today), since__lte=today)


def with_technician_flag(agencies):
    """Annotate `has_tier_one`: at least one current tier-1 technician (001 Ps.21). Counted over
    every assignment, so a classified technician still counts: the page shows coverage, the
    name is masked separately."""
    return agencies.annotate(has_tier_one=Exists(current_technicians().filter(agency_id=OuterRef("pk"))))


def exempt_label() -> str:
    return _("(dikecualikan)")


def with_person_label(queryset, user, field: str):
    """Annotate `<field>_label`: the referenced person's name, or "(dikecualikan)" when `user`
    may not read that person (a classified person's name must not leak through the rows that
    point at them: positions, technicians)."""
    visible = Person.objects.visible_to(user).values("pk")
    return queryset.annotate(
        **{
            f"{field}_label": Case(
                When(**{f"{field}__isnull": True}, then=Value("")),
                When(**{f"{field}__in": visible}, then=F(f"{field}__full_name")),
                default=Value(exempt_label()),
                output_field=CharField(),
            )
        }
    )
