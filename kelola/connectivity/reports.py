"""Supervision of bandwidth use (DC-6, 002 Ps.35(2)c): per OPD per month, the allocation
against the measured average and peak, classified as over-use, normal or under-use.

- over-use: the month's average reaches OVER_AVERAGE_RATIO of the allocation, or its peak
  reaches OVER_PEAK_RATIO of it (the link was saturated);
- under-use: even the peak stays below UNDER_PEAK_RATIO of the allocation (bandwidth that could
  go to another OPD);
- otherwise normal. An OPD with usage but no allocation, or with an allocation but no usage in
  the month, is shown as such.

The month's allocation is the one in force on the last day of the month that has usage (or on
the month's last day), so a change mid-month is judged against the new commitment.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Max
from django.utils import timezone

from .choices import UsageClass
from .models import BandwidthAllocation, BandwidthUsage

OVER_AVERAGE_RATIO = Decimal("0.9")
OVER_PEAK_RATIO = Decimal("1.0")
UNDER_PEAK_RATIO = Decimal("0.3")


def classify(allocated, average, peak) -> str:
    if not allocated:
        return UsageClass.NO_ALLOCATION
    if average is None or peak is None:
        return UsageClass.NO_DATA
    if average >= allocated * OVER_AVERAGE_RATIO or peak >= allocated * OVER_PEAK_RATIO:
        return UsageClass.OVER
    if peak < allocated * UNDER_PEAK_RATIO:
        return UsageClass.UNDER
    return UsageClass.NORMAL


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def previous_month(today: datetime.date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return first.year, first.month


def parse_month(text: str | None) -> tuple[int, int]:
    """ "2026-03" → (2026, 3); anything else → the previous month."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        datetime.date(year, month, 1)
        return year, month
    except ValueError:
        return previous_month()


@dataclass
class ReportRow:
    agency: object
    allocated: Decimal | None
    average: Decimal | None
    peak: Decimal | None
    days: int
    classification: str

    @property
    def average_percent(self):
        return _percent(self.average, self.allocated)

    @property
    def peak_percent(self):
        return _percent(self.peak, self.allocated)

    @property
    def classification_label(self) -> str:
        return str(UsageClass(self.classification).label)


def _percent(value, allocated):
    if value is None or not allocated:
        return None
    return (Decimal(value) * 100 / allocated).quantize(Decimal("0.1"))


def _q(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def month_report(user_or_none, year: int, month: int, *, pemda_id=None, agency_ids=None) -> list[ReportRow]:
    """One row per OPD (visible to `user_or_none`; None = unrestricted, for tasks) with an
    allocation in force during the month or usage in it."""
    start, end = month_bounds(year, month)
    usage = (
        BandwidthUsage.objects.all()
        if user_or_none is None
        else BandwidthUsage.objects.visible_to(user_or_none)
    )
    allocations = (
        BandwidthAllocation.objects.all()
        if user_or_none is None
        else BandwidthAllocation.objects.visible_to(user_or_none)
    )
    usage = usage.filter(period__gte=start, period__lte=end)
    allocations = allocations.filter(valid_from__lte=end).exclude(valid_to__lt=start)
    if pemda_id is not None:
        usage, allocations = usage.filter(pemda_id=pemda_id), allocations.filter(pemda_id=pemda_id)
    if agency_ids is not None:
        usage, allocations = (
            usage.filter(agency_id__in=agency_ids),
            allocations.filter(agency_id__in=agency_ids),
        )
    measured = {
        row["agency_id"]: row
        for row in usage.values("agency_id").annotate(
            average=Avg("avg_mbps"), peak=Max("peak_mbps"), days=Count("id"), last=Max("period")
        )
    }
    by_agency: dict[int, list] = {}
    for allocation in allocations.select_related("agency").order_by("valid_from"):
        by_agency.setdefault(allocation.agency_id, []).append(allocation)
    agencies = {a.agency_id: a.agency for rows in by_agency.values() for a in rows}
    missing = set(measured) - set(agencies)
    if missing:
        from kelola.core.models import Agency

        agencies.update({a.pk: a for a in Agency.objects.filter(pk__in=missing)})
    rows = []
    for agency_id, agency in agencies.items():
        numbers = measured.get(agency_id)
        day = numbers["last"] if numbers else end
        in_force = [a for a in by_agency.get(agency_id, []) if a.valid_from <= day <= (a.valid_to or day)]
        allocation = (in_force or by_agency.get(agency_id) or [None])[-1]
        allocated = allocation.committed_mbps if allocation else None
        average = _q(numbers["average"]) if numbers else None
        peak = _q(numbers["peak"]) if numbers else None
        rows.append(
            ReportRow(
                agency=agency,
                allocated=allocated,
                average=average,
                peak=peak,
                days=numbers["days"] if numbers else 0,
                classification=classify(allocated, average, peak),
            )
        )
    order = {UsageClass.OVER: 0, UsageClass.UNDER: 1, UsageClass.NO_ALLOCATION: 2, UsageClass.NORMAL: 3}
    rows.sort(key=lambda r: (order.get(r.classification, 4), r.agency.name))
    return rows


def over_use_count(user, today: datetime.date | None = None) -> int:
    year, month = previous_month(today)
    return sum(1 for row in month_report(user, year, month) if row.classification == UsageClass.OVER)
