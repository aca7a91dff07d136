"""Home dashboard card of the data-center register: racks at or over their capacity warning
threshold (DC-3), for the data-center team and the other readers of the facilities."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kelola.core.access import actor_for
from kelola.core.dashboard import Card

from .policies import DATACENTER_READERS
from .services import capacity_warnings


def cards(user) -> list[Card]:
    actor = actor_for(user)
    pemdas = actor.pemdas_with(DATACENTER_READERS)
    if not pemdas:
        return []
    racks = sum(1 for pemda_id in pemdas for item in capacity_warnings(pemda_id) if item["kind"] == "rack")
    if not racks:
        return []
    return [
        Card(
            _("Rak melewati ambang kapasitas"),
            racks,
            reverse("datacenter:capacity"),
            hint=_("unit atau daya mencapai ambang peringatan"),
            tone="warning",
        )
    ]
