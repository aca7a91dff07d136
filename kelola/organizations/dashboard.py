"""Home dashboard cards of the organisation domain."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card
from kelola.core.models import Agency


def cards(user) -> list[Card]:
    agencies = Agency.objects.visible_to(user).filter(is_active=True)
    total = agencies.count()
    if not total:
        return []
    return [
        Card(_("Perangkat daerah aktif"), total, reverse("organizations:agency_list")),
        Card(
            _("Perangkat Daerah Mandiri TIK"),
            agencies.filter(it_self_reliant=True).count(),
            reverse("organizations:agency_list") + "?it_self_reliant=true",
            tone="success",
        ),
    ]
