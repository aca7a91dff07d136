"""Home dashboard card of the network register: domains expiring within 60 days (DC-7)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card

from .domains import EXPIRY_WARNING_DAYS, expiring_q
from .models import Domain


def cards(user) -> list[Card]:
    count = Domain.objects.visible_to(user).filter(expiring_q()).count()
    if not count:
        return []
    return [
        Card(
            _("Domain segera kedaluwarsa"),
            count,
            reverse("network:domain_list") + "?expiring=true",
            hint=_("dalam %(days)s hari") % {"days": EXPIRY_WARNING_DAYS},
            tone="warning",
        )
    ]
