"""Bandwidth of the pemda (DC-6, 002 Ps.35(2)): the needs analysis per OPD (a), the division of
the purchased capacity among the OPDs according to it (b), and — in `reports` and
`importing` — the routine supervision of use (c).

Rules:
- A needs analysis per OPD per year; its recommendation is computed (`recommend`).
- An OPD has one allocation at a time: periods of one OPD may not overlap.
- On no day may the allocations in force add up to more than the capacity the pemda bought
  (the links in force that day). Checked when an allocation is added or changed, and when a
  link's capacity or period is changed or a link is removed.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.services import delete_audited, ensure, refusals_logged, require_same_pemda, save_validated

from .common import insert, mbps_text
from .models import BandwidthAllocation, BandwidthCapacity, BandwidthNeed

#: Needs analysis: Mbps per member of staff who uses the network (office work, e-mail, video
#: meetings at a typical contention) and per electronic system the OPD runs or uses heavily
#: (synchronisation, uploads, dashboards); never less than the minimum an office needs.
PER_USER_MBPS = Decimal("0.5")
PER_SYSTEM_MBPS = Decimal("2")
MINIMUM_MBPS = Decimal("5")


def recommend(staff_users: int, systems_in_use: int) -> Decimal:
    """recommended Mbps = max(MINIMUM, ⌈users * PER_USER + systems * PER_SYSTEM⌉).

    With the defaults: 40 staff and 3 systems → ⌈40 * 0.5 + 3 * 2⌉ = 26 Mbps."""
    raw = Decimal(staff_users or 0) * PER_USER_MBPS + Decimal(systems_in_use or 0) * PER_SYSTEM_MBPS
    return max(MINIMUM_MBPS, Decimal(math.ceil(raw)))


# --- needs analysis -------------------------------------------------------------------------


def need_create(
    *,
    actor,
    agency,
    year: int,
    staff_users: int,
    requested_mbps,
    systems_in_use: int = 0,
    current_mbps=0,
    justification: str = "",
) -> BandwidthNeed:
    probe = BandwidthNeed(pemda_id=agency.pemda_id, agency=agency, year=year)
    with refusals_logged(actor, "add", probe, BandwidthNeed), transaction.atomic():
        ensure(actor, "add", probe)
        return insert(
            BandwidthNeed,
            actor=actor,
            pemda_id=agency.pemda_id,
            agency=agency,
            year=year,
            staff_users=staff_users,
            systems_in_use=systems_in_use,
            current_mbps=current_mbps,
            requested_mbps=requested_mbps,
            justification=(justification or "").strip(),
            recommended_mbps=recommend(staff_users, systems_in_use),
        )


def need_update(need: BandwidthNeed, *, actor, **data) -> BandwidthNeed:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", need), transaction.atomic():
        stored = BandwidthNeed.objects.select_for_update().get(pk=need.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, agency=data.get("agency"))
        users = data.get("staff_users", stored.staff_users)
        systems = data.get("systems_in_use", stored.systems_in_use)
        data["recommended_mbps"] = recommend(users, systems)
        save_validated(stored, actor=actor, data=data)
    return stored


def need_delete(need: BandwidthNeed, *, actor) -> None:
    with refusals_logged(actor, "delete", need), transaction.atomic():
        stored = BandwidthNeed.objects.select_for_update().get(pk=need.pk)
        ensure(actor, "delete", stored)
        delete_audited(stored, actor=actor)


# --- capacity -------------------------------------------------------------------------------

FAR = datetime.date.max


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _in_force(rows, day: datetime.date, amount: str) -> Decimal:
    return sum((getattr(r, amount) for r in rows if r.valid_from <= day <= (r.valid_to or FAR)), Decimal(0))


def overcommitment(pemda_id: int, start: datetime.date, end: datetime.date | None):
    """The first day in [start, end] when the allocations in force exceed the capacity in
    force, as (day, allocated, capacity); None when there is none. Both totals only change on
    a row's first day or on the day after its last, so those days are the ones to look at."""
    end = end or FAR
    allocations = list(
        BandwidthAllocation.objects.filter(pemda_id=pemda_id, valid_from__lte=end).exclude(valid_to__lt=start)
    )
    capacities = list(
        BandwidthCapacity.objects.filter(pemda_id=pemda_id, valid_from__lte=end).exclude(valid_to__lt=start)
    )
    days = {start}
    for row in [*allocations, *capacities]:
        days.add(row.valid_from)
        if row.valid_to and row.valid_to < FAR:
            days.add(row.valid_to + datetime.timedelta(days=1))
    for day in sorted(d for d in days if start <= d <= end):
        allocated = _in_force(allocations, day, "committed_mbps")
        if allocated and allocated > _in_force(capacities, day, "capacity_mbps"):
            return day, allocated, _in_force(capacities, day, "capacity_mbps")
    return None


def _refuse_overcommitment(pemda_id: int, start, end, field: str) -> None:
    found = overcommitment(pemda_id, start, end)
    if found is None:
        return
    day, allocated, capacity = found
    message = _(
        "Alokasi melebihi kapasitas bandwidth pemda pada %(day)s: total alokasi %(allocated)s Mbps, "
        "kapasitas %(capacity)s Mbps."
    ) % {
        "day": _date(day),
        "allocated": mbps_text(allocated),
        "capacity": mbps_text(capacity),
    }
    raise KelolaError(message, code=ErrorCode.CONFLICT, errors={field: [message]})


def capacity_create(
    *,
    actor,
    pemda,
    name: str,
    capacity_mbps,
    valid_from,
    valid_to=None,
    provider: str = "",
    description: str = "",
) -> BandwidthCapacity:
    probe = BandwidthCapacity(pemda=pemda)
    with refusals_logged(actor, "add", probe, BandwidthCapacity), transaction.atomic():
        ensure(actor, "add", probe)
        return insert(
            BandwidthCapacity,
            actor=actor,
            pemda=pemda,
            name=name,
            provider=provider,
            capacity_mbps=capacity_mbps,
            valid_from=valid_from,
            valid_to=valid_to,
            description=description,
        )


def capacity_update(capacity: BandwidthCapacity, *, actor, **data) -> BandwidthCapacity:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", capacity), transaction.atomic():
        stored = BandwidthCapacity.objects.select_for_update().get(pk=capacity.pk)
        ensure(actor, "change", stored)
        old = (stored.valid_from, stored.valid_to)
        save_validated(stored, actor=actor, data=data)
        start = min(old[0], stored.valid_from)
        end = None if old[1] is None or stored.valid_to is None else max(old[1], stored.valid_to)
        _refuse_overcommitment(stored.pemda_id, start, end, "capacity_mbps")
    return stored


def capacity_delete(capacity: BandwidthCapacity, *, actor) -> None:
    with refusals_logged(actor, "delete", capacity), transaction.atomic():
        stored = BandwidthCapacity.objects.select_for_update().get(pk=capacity.pk)
        ensure(actor, "delete", stored)
        delete_audited(stored, actor=actor)
        _refuse_overcommitment(stored.pemda_id, stored.valid_from, stored.valid_to, "capacity_mbps")


# --- allocations ----------------------------------------------------------------------------


def _refuse_overlap(allocation: BandwidthAllocation) -> None:
    others = BandwidthAllocation.objects.filter(agency_id=allocation.agency_id).exclude(pk=allocation.pk)
    if allocation.valid_to is not None:
        others = others.filter(valid_from__lte=allocation.valid_to)
    clash = others.exclude(valid_to__lt=allocation.valid_from).order_by("valid_from").first()
    if clash is None:
        return
    until = _date(clash.valid_to) if clash.valid_to else _("seterusnya")
    message = _(
        "Perangkat daerah ini sudah memiliki alokasi %(mbps)s Mbps yang berlaku %(start)s s.d. %(end)s; "
        "periode alokasi tidak boleh tumpang tindih."
    ) % {"mbps": mbps_text(clash.committed_mbps), "start": _date(clash.valid_from), "end": until}
    raise KelolaError(message, code=ErrorCode.CONFLICT, errors={"valid_from": [message]})


def _check_links(pemda_id: int, agency_id: int, link, need) -> None:
    require_same_pemda(pemda_id, link=link, need=need)
    if need is not None and need.agency_id != agency_id:
        message = _("Analisis kebutuhan harus milik perangkat daerah yang sama.")
        raise KelolaError(message, errors={"need": [message]})


def allocation_create(
    *,
    actor,
    agency,
    committed_mbps,
    valid_from,
    valid_to=None,
    link=None,
    need=None,
    notes: str = "",
) -> BandwidthAllocation:
    probe = BandwidthAllocation(pemda_id=agency.pemda_id, agency=agency)
    with refusals_logged(actor, "add", probe, BandwidthAllocation), transaction.atomic():
        ensure(actor, "add", probe)
        _check_links(agency.pemda_id, agency.pk, link, need)
        allocation = insert(
            BandwidthAllocation,
            actor=actor,
            pemda_id=agency.pemda_id,
            agency=agency,
            committed_mbps=committed_mbps,
            valid_from=valid_from,
            valid_to=valid_to,
            link=link,
            need=need,
            notes=notes,
        )
        _refuse_overlap(allocation)
        _refuse_overcommitment(agency.pemda_id, valid_from, valid_to, "committed_mbps")
    return allocation


def allocation_update(allocation: BandwidthAllocation, *, actor, **data) -> BandwidthAllocation:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", allocation), transaction.atomic():
        stored = BandwidthAllocation.objects.select_for_update().get(pk=allocation.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, agency=data.get("agency"))
        agency = data.get("agency") or stored.agency
        _check_links(stored.pemda_id, agency.pk, data.get("link"), data.get("need"))
        save_validated(stored, actor=actor, data=data)
        _refuse_overlap(stored)
        _refuse_overcommitment(stored.pemda_id, stored.valid_from, stored.valid_to, "committed_mbps")
    return stored


def allocation_delete(allocation: BandwidthAllocation, *, actor) -> None:
    with refusals_logged(actor, "delete", allocation), transaction.atomic():
        stored = BandwidthAllocation.objects.select_for_update().get(pk=allocation.pk)
        ensure(actor, "delete", stored)
        delete_audited(stored, actor=actor)


def allocation_on(agency_id: int, day: datetime.date) -> BandwidthAllocation | None:
    return (
        BandwidthAllocation.objects.filter(agency_id=agency_id, valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .first()
    )
