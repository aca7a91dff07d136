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
    return _asset_cards(user) + lan_cards(user)


def lan_cards(user) -> list[Card]:
    """The IT office: how many OPDs are late with their LAN diagram; an OPD: the age of its
    current LAN diagram (or that it has none)."""
    import datetime

    from kelola.core.access import actor_for
    from kelola.core.roles import AGENCY_ROLES

    from .policies import LAN_READERS
    from .queries import LAN_DIAGRAM_PERIOD_MONTHS, lan_overdue, lan_required_agencies, latest_lan_diagram

    actor = actor_for(user)
    if actor.is_platform_admin or actor.pemdas_with(LAN_READERS):
        late = len(lan_overdue(user))
        return [
            Card(
                _("OPD terlambat diagram LAN"),
                late,
                reverse("assets:lan_overdue"),
                hint=_("Tanpa diagram LAN dalam %(months)s bulan") % {"months": LAN_DIAGRAM_PERIOD_MONTHS},
                tone="danger" if late else "success",
            )
        ]
    own = actor.agencies_with(AGENCY_ROLES)
    if not own:
        return []
    from kelola.core.models import Agency

    top = lan_required_agencies(Agency.objects.filter(pk__in=own)).order_by("pk").first()
    if top is None:
        return []
    latest = latest_lan_diagram(top.pk)
    if latest is None:
        return [
            Card(
                _("Diagram LAN terakhir"),
                _("belum ada"),
                reverse("assets:lan_diagram_create"),
                hint=_("Unggah diagram LAN terkini"),
                tone="danger",
            )
        ]
    from .models import add_months

    today = datetime.date.today()
    days = (today - latest.effective_date).days
    overdue = add_months(latest.effective_date, LAN_DIAGRAM_PERIOD_MONTHS) < today
    return [
        Card(
            _("Diagram LAN terakhir"),
            _("%(days)s hari lalu") % {"days": days},
            latest.get_absolute_url(),
            hint=_("Berlaku %(date)s") % {"date": latest.effective_date.strftime("%d-%m-%Y")},
            tone="danger" if overdue else "success",
        )
    ]


def _asset_cards(user) -> list[Card]:
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
