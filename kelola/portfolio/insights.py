"""Portfolio dashboard figures (issue 3, item 12): counts by stage, category and agency; systems
without a person in charge, without the hand-over package, or not updated for N months."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.utils import timezone

from .choices import LifecycleStatus, RiskCategory
from .lifecycle import required_evidence
from .models import ElectronicSystem, SystemArtifact


def counts(systems) -> dict:
    by_status = dict(systems.values_list("status").annotate(n=Count("pk")))
    by_category = dict(systems.values_list("risk_category").annotate(n=Count("pk")))
    by_agency = list(
        systems.values("agency__name").annotate(n=Count("pk")).order_by("-n", "agency__name")[:15]
    )
    return {
        "status": [(str(label), by_status.get(value, 0)) for value, label in LifecycleStatus.choices],
        "category": [(str(label), by_category.get(value, 0)) for value, label in RiskCategory.choices]
        + [("—", by_category.get("", 0))],
        "agency": [(row["agency__name"], row["n"]) for row in by_agency],
        "total": sum(by_status.values()),
    }


def without_person_in_charge(systems, limit=50):
    return (
        systems.exclude(status=LifecycleStatus.RETIRED).filter(pic_name="").select_related("agency")[:limit]
    )


def without_hand_over(systems, limit=50) -> list[tuple[ElectronicSystem, list[str]]]:
    """Production systems lacking part of the hand-over package, with what is missing."""
    production = list(
        systems.filter(status=LifecycleStatus.PRODUCTION)
        .select_related("agency")
        .only("pk", "external_name", "agency__name", "risk_category", "vendor")
    )
    present: dict[int, set[str]] = {}
    in_production = systems.filter(status=LifecycleStatus.PRODUCTION).values("pk")
    rows = SystemArtifact.objects.filter(system__in=in_production).values_list("system_id", "kind")
    for system_id, kind in rows:
        present.setdefault(system_id, set()).add(kind)
    from .choices import ArtifactKind

    labels = dict(ArtifactKind.choices)
    result = []
    for system in production:
        missing = [
            k
            for k in required_evidence(system, LifecycleStatus.PRODUCTION)
            if k not in present.get(system.pk, set())
        ]
        if missing:
            result.append((system, [str(labels[k]) for k in missing]))
    return result[:limit], len(result)


def stale(systems, months: int, limit=50):
    cutoff = timezone.now() - datetime.timedelta(days=30 * months)
    queryset = systems.exclude(status=LifecycleStatus.RETIRED).filter(updated_at__lt=cutoff)
    return queryset.select_related("agency").order_by("updated_at")[:limit], queryset.count()
