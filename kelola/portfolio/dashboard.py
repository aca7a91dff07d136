"""Home dashboard cards of the portfolio: real counts of what the user may see."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card

from .choices import LifecycleStatus, RiskCategory
from .filters import NOT_ASSESSED
from .models import ElectronicSystem


def cards(user) -> list[Card]:
    counts = ElectronicSystem.objects.visible_to(user).aggregate(
        total=Count("pk"),
        production=Count("pk", filter=Q(status=LifecycleStatus.PRODUCTION)),
        strategic=Count("pk", filter=Q(risk_category=RiskCategory.STRATEGIC)),
        unassessed=Count("pk", filter=Q(risk_category="")),
    )
    if not counts["total"]:
        return []
    url = reverse("portfolio:system_list")
    return [
        Card(_("Sistem elektronik"), counts["total"], url),
        Card(_("Sistem produksi"), counts["production"], f"{url}?status=production", tone="success"),
        Card(_("Sistem kategori Strategis"), counts["strategic"], f"{url}?risk_category=strategic"),
        Card(
            _("Sistem belum dinilai kategorinya"),
            counts["unassessed"],
            f"{url}?risk_category={NOT_ASSESSED}",
            hint=_("Lampiran II (1)"),
            tone="warning" if counts["unassessed"] else "success",
        ),
    ]
