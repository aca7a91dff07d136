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
