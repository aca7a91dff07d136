"""Home dashboard card of the connectivity domain: for the network team, the OPDs whose use
exceeded their allocation last month (DC-6)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card

from .policies import is_bandwidth_staff
from .reports import over_use_count, previous_month


def cards(user) -> list[Card]:
    if not is_bandwidth_staff(user):
        return []
    count = over_use_count(user)
    year, month = previous_month()
    return [
        Card(
            _("OPD melebihi alokasi bandwidth"),
            count,
            reverse("connectivity:report") + f"?bulan={year}-{month:02d}",
            hint=_("bulan lalu (%(month)02d-%(year)s)") % {"month": month, "year": year},
            tone="danger" if count else "success",
        )
    ]
