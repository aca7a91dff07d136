"""Home dashboard cards of the hosting register: requests waiting on the user (DC-1, DC-2)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card

from .hosting import waiting_q as hosting_waiting_q
from .models import HostingRequest, VpsRequest
from .policies import sees_hosting
from .vps import waiting_q as vps_waiting_q


def cards(user) -> list[Card]:
    if not sees_hosting(user):
        return []
    result = []
    hosting = HostingRequest.objects.visible_to(user).filter(hosting_waiting_q(user)).count()
    if hosting:
        result.append(
            Card(
                _("Penitipan aplikasi menunggu Anda"),
                hosting,
                reverse("hosting:request_list") + "?waiting=true",
                hint=_("langkah berikutnya ada pada Anda"),
                tone="warning",
            )
        )
    vps = VpsRequest.objects.visible_to(user).filter(vps_waiting_q(user)).distinct().count()
    if vps:
        result.append(
            Card(
                _("Permintaan VPS menunggu Anda"),
                vps,
                reverse("hosting:vps_list") + "?waiting=true",
                hint=_("persetujuan, penyediaan atau perpanjangan"),
                tone="warning",
            )
        )
    return result
