"""Read logic of the asset register: the replacement list, overdue maintenance, expiring
licences. Everything reads through `visible_to(user)`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count

from .choices import ROLE_WEIGHT, AssetCategory, AssetKind, AssetStatus
from .models import Asset, Licence, MaintenanceSchedule

#: Weights of the replacement score (out of 100).
AGE_WEIGHT, FAILURE_WEIGHT, ROLE_SHARE = 50, 30, 20
#: Age beyond 1.5 x the expected lifetime, and more than 4 repairs, count as "maximal".
AGE_CAP, FAILURE_CAP = 1.5, 4
EXPIRY_WARNING_DAYS = 60


@dataclass(frozen=True)
class Candidate:
    asset_id: int
    name: str
    serial_number: str
    agency: str
    category: str
    status: str
    age_years: float | None
    lifetime: int
    repairs: int
    score: float

    def get_absolute_url(self) -> str:
        from kelola.core.urlcache import detail_url

        return detail_url("assets:asset_detail", self.asset_id)


def replacement_score(age_years: float | None, lifetime: int, repairs: int, category: str) -> float:
    """0 to 100: half from age against the expected lifetime, 30 from the number of repairs, 20
    from the asset's role (servers and network devices weigh most)."""
    age_part = min((age_years or 0) / max(lifetime, 1), AGE_CAP) / AGE_CAP
    failure_part = min(repairs, FAILURE_CAP) / FAILURE_CAP
    role_part = ROLE_WEIGHT.get(category, ROLE_WEIGHT[AssetCategory.OTHER])
    return round(AGE_WEIGHT * age_part + FAILURE_WEIGHT * failure_part + ROLE_SHARE * role_part, 1)


def replacement_candidates(user, *, agency=None, limit: int = 200, today: datetime.date | None = None):
    """Hardware in use or in repair, ranked by `replacement_score`, highest first."""
    today = today or datetime.date.today()
    queryset = Asset.objects.visible_to(user).filter(
        kind=AssetKind.HARDWARE, status__in=[AssetStatus.IN_USE, AssetStatus.IN_REPAIR]
    )
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    rows = queryset.order_by().values_list(
        "pk", "name", "serial_number", "agency__name", "category", "status", "acquisition_date",
        "expected_lifetime_years", "repair_count",
    )  # fmt: skip
    labels_category = dict(AssetCategory.choices)
    labels_status = dict(AssetStatus.choices)
    ranked = []
    for pk, name, serial, agency_name, category, status, acquired, lifetime, repairs in rows:
        age = max(0.0, (today - acquired).days / 365.25) if acquired else None
        ranked.append(
            Candidate(
                pk,
                name,
                serial,
                agency_name,
                str(labels_category.get(category, category)),
                str(labels_status.get(status, status)),
                round(age, 1) if age is not None else None,
                lifetime,
                repairs,
                replacement_score(age, lifetime, repairs, category),
            )
        )
    ranked.sort(key=lambda c: (-c.score, c.name, c.asset_id))
    return ranked[:limit], len(ranked)


def overdue_schedules(user, today: datetime.date | None = None):
    today = today or datetime.date.today()
    return (
        MaintenanceSchedule.objects.visible_to(user)
        .filter(is_active=True, next_due__lt=today)
        .exclude(asset__status=AssetStatus.DISPOSED)
        .select_related("asset", "agency")
        .order_by("next_due", "id")
    )


def expiring_licences(user, days: int = EXPIRY_WARNING_DAYS, today: datetime.date | None = None):
    today = today or datetime.date.today()
    return Licence.objects.visible_to(user).filter(
        expiry_date__gte=today, expiry_date__lte=today + datetime.timedelta(days=days)
    )


def with_seats_used(queryset):
    return queryset.annotate(seats_used=Count("assignments"))


# --- LAN diagrams (ASSET-4) -----------------------------------------------------------------

#: An OPD files its current LAN diagram at least once in this many months (001 Ps.17(1)).
LAN_DIAGRAM_PERIOD_MONTHS = 12


@dataclass(frozen=True)
class LanOverdue:
    """An OPD whose latest LAN diagram is older than the period (or that never filed one)."""

    agency: object
    last_effective: datetime.date | None
    last_uploaded: datetime.datetime | None
    due_date: datetime.date | None
    days_overdue: int | None


def lan_required_agencies(queryset=None):
    """The OPDs that must file a LAN diagram: active top-level agencies (their sub-units are
    drawn in their OPD's diagram), except the IT office that receives the diagrams."""
    from kelola.core.models import Agency

    queryset = Agency.objects.all() if queryset is None else queryset
    return queryset.filter(is_active=True, parent__isnull=True, is_it_office=False)


def _with_latest_diagram(agencies):
    from django.db.models import OuterRef, Subquery

    from .models import LanDiagram

    latest = LanDiagram.objects.filter(agency=OuterRef("pk")).order_by("-effective_date", "-id")
    return agencies.annotate(
        last_effective=Subquery(latest.values("effective_date")[:1]),
        last_uploaded=Subquery(latest.values("created_at")[:1]),
    )


def lan_overdue_agencies(agencies, today: datetime.date | None = None) -> list[LanOverdue]:
    """Overdue OPDs among `agencies` (an Agency queryset): never filed first, then the longest
    overdue. An OPD is overdue when its latest diagram's effective date is more than
    LAN_DIAGRAM_PERIOD_MONTHS before `today`."""
    from django.db.models import Q

    from .models import add_months

    today = today or datetime.date.today()
    cutoff = add_months(today, -LAN_DIAGRAM_PERIOD_MONTHS)
    rows = (
        _with_latest_diagram(lan_required_agencies(agencies))
        .filter(Q(last_effective__isnull=True) | Q(last_effective__lt=cutoff))
        .select_related("pemda")
        .order_by("pemda_id", "name")
    )
    result = []
    for agency in rows:
        last = agency.last_effective
        due = add_months(last, LAN_DIAGRAM_PERIOD_MONTHS) if last else None
        result.append(
            LanOverdue(
                agency=agency,
                last_effective=last,
                last_uploaded=agency.last_uploaded,
                due_date=due,
                days_overdue=(today - due).days if due else None,
            )
        )
    result.sort(key=lambda r: (r.last_effective is not None, r.last_effective or today))
    return result


def lan_overdue(user, today: datetime.date | None = None) -> list[LanOverdue]:
    """The overdue OPDs `user` may see: every OPD of the pemda where they read all diagrams
    (the IT office, auditors), and their own OPD otherwise."""
    from django.db.models import Q

    from kelola.core.access import actor_for
    from kelola.core.models import Agency
    from kelola.core.roles import AGENCY_ROLES

    from .policies import LAN_READERS

    actor = actor_for(user)
    if actor.is_platform_admin:
        agencies = Agency.objects.all()
    else:
        agencies = Agency.objects.filter(
            Q(pemda_id__in=actor.pemdas_with(LAN_READERS)) | Q(pk__in=actor.agencies_with(AGENCY_ROLES))
        )
    return lan_overdue_agencies(agencies, today)


def latest_lan_diagram(agency_id: int):
    """The OPD's current LAN diagram (its latest by effective date), or None."""
    from .models import LanDiagram

    return LanDiagram.objects.filter(agency_id=agency_id).order_by("-effective_date", "-id").first()
