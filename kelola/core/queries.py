"""Reusable read logic of the core."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone


def users_with_roles(pemda_id: int, roles, agency_id: int | None = None):
    """Active users holding one of `roles` today: pemda-wide in `pemda_id`, or, when
    `agency_id` is given, on that agency or one of its parents (who covers it)."""
    from kelola.core.models import Agency, User

    today = timezone.localdate()
    current = (Q(roles__valid_from__isnull=True) | Q(roles__valid_from__lte=today)) & (
        Q(roles__valid_until__isnull=True) | Q(roles__valid_until__gte=today)
    )
    scope = Q(roles__pemda_id=pemda_id, roles__agency__isnull=True)
    if agency_id is not None:
        path = Agency.objects.filter(pk=agency_id).values_list("path", flat=True).first() or ""
        covering = [int(part) for part in path.strip("/").split("/") if part]
        scope = Q(roles__agency_id__in=covering)
    return User.objects.filter(scope, current, roles__role__in=list(roles), is_active=True).distinct()
