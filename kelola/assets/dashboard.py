"""Home dashboard cards of the asset register: assets in repair, licences expiring soon,
overdue maintenance (only for those who may read the register)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card

from .choices import AssetStatus
from .models import Asset
from .policies import may_read_assets
from .queries import EXPIRY_WARNING_DAYS, expiring_licences, overdue_schedules


def cards(user) -> list[Card]:
    if not may_read_assets(user):
        return []
    assets = reverse("assets:asset_list")
    in_repair = Asset.objects.visible_to(user).filter(status=AssetStatus.IN_REPAIR).count()
    expiring = expiring_licences(user).count()
    overdue = overdue_schedules(user).count()
    return [
        Card(
            _("Aset dalam perbaikan"),
            in_repair,
            f"{assets}?status=in_repair",
            tone="warning" if in_repair else "success",
        ),
        Card(
            _("Lisensi habis ≤ %(days)s hari") % {"days": EXPIRY_WARNING_DAYS},
            expiring,
            reverse("assets:licence_list") + "?expiring=true",
            tone="warning" if expiring else "success",
        ),
        Card(
            _("Pemeliharaan terlambat"),
            overdue,
            reverse("assets:maintenance_overdue"),
            tone="danger" if overdue else "success",
        ),
    ]
