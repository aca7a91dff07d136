"""Every change to the data-center facilities register (DC-3), with its rules and their reasons
in Indonesian.

- A racked device occupies units `position` .. `position + u_height - 1`, inside the rack
  (U1 .. rack height); two devices never share a unit. The check runs with the rack row locked
  (`select_for_update`) in the same transaction as the write, so two placements into one rack
  are serialised and cannot both take the same free unit.
- A VM has no rack: it runs on a host, a physical server of the same pemda. Other kinds may be
  unracked (planned, in store); a position needs a rack. The device's data center follows its
  rack (rack -> room -> data center) or its host.
- A placement that would push a rack's power above its maximum is refused; reaching the rack's
  warning threshold (units or power) is allowed and tells the data-center team, once per
  crossing.
- A data center, room or rack that still holds devices is not deleted.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.services import (
    as_refusal,
    delete_audited,
    ensure,
    insert_validated,
    refusals_logged,
    require_same_pemda,
    save_validated,
)

from .choices import DeviceKind
from .models import DataCenter, Device, PowerFeed, Rack, Room
from .policies import CAPACITY_RECIPIENTS

# --- shared helpers -------------------------------------------------------------------------


def _refuse(message: str, field: str | None = None, code: ErrorCode = ErrorCode.INVALID) -> KelolaError:
    return KelolaError(message, code=code, errors={field: [message]} if field else None)


def _still_holds(label: str, count: int) -> KelolaError:
    return _refuse(
        _("%(what)s masih berisi %(n)s perangkat; pindahkan atau hapus perangkatnya dahulu.")
        % {"what": label, "n": count},
        code=ErrorCode.CONFLICT,
    )


def _create_facility(model, *, actor, pemda, fields: dict, **related):
    fields.pop("pemda", None)
    probe = model(pemda=pemda)
    with refusals_logged(actor, "add", probe, model), transaction.atomic():
        ensure(actor, "add", probe)
        require_same_pemda(pemda.pk, **related)
        return insert_validated(model(pemda=pemda, **fields), actor=actor, data=fields)


# --- data centers ---------------------------------------------------------------------------


def datacenter_create(*, actor, pemda, **fields) -> DataCenter:
    return _create_facility(DataCenter, actor=actor, pemda=pemda, fields=fields, agency=fields.get("agency"))


def datacenter_update(obj: DataCenter, *, actor, **data) -> DataCenter:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", obj), transaction.atomic():
        stored = DataCenter.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, agency=data.get("agency"))
        save_validated(stored, actor=actor, data=data)
    return stored


def datacenter_delete(obj: DataCenter, *, actor) -> None:
    with refusals_logged(actor, "delete", obj), transaction.atomic():
        stored = DataCenter.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "delete", stored)
        devices = Device.objects.filter(Q(datacenter=stored) | Q(rack__room__datacenter=stored)).count()
        if devices:
            raise _still_holds(_("Pusat data %(name)s") % {"name": stored.name}, devices)
        rooms = stored.rooms.count()
        if rooms:
            raise _refuse(
                _("Pusat data %(name)s masih memiliki %(n)s ruang; hapus ruangnya dahulu.")
                % {"name": stored.name, "n": rooms},
                code=ErrorCode.CONFLICT,
            )
        delete_audited(stored, actor=actor)


# --- rooms ----------------------------------------------------------------------------------


def room_create(*, actor, pemda, **fields) -> Room:
    datacenter = fields.get("datacenter")
    return _create_facility(Room, actor=actor, pemda=pemda, fields=fields, datacenter=datacenter)


def room_update(obj: Room, *, actor, **data) -> Room:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", obj), transaction.atomic():
        stored = Room.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, datacenter=data.get("datacenter"))
        changed = save_validated(stored, actor=actor, data=data)
        if "datacenter" in changed:
            _follow_racks(Device.objects.filter(rack__room=stored), actor=actor)
    return stored


def room_delete(obj: Room, *, actor) -> None:
    with refusals_logged(actor, "delete", obj), transaction.atomic():
        stored = Room.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "delete", stored)
        devices = Device.objects.filter(rack__room=stored).count()
        if devices:
            raise _still_holds(_("Ruang %(name)s") % {"name": stored.name}, devices)
        racks = stored.racks.count()
        if racks:
            raise _refuse(
                _("Ruang %(name)s masih memiliki %(n)s rak; hapus raknya dahulu.")
                % {"name": stored.name, "n": racks},
                code=ErrorCode.CONFLICT,
            )
        delete_audited(stored, actor=actor)


# --- racks ----------------------------------------------------------------------------------


def rack_create(*, actor, pemda, **fields) -> Rack:
    return _create_facility(Rack, actor=actor, pemda=pemda, fields=fields, room=fields.get("room"))


def rack_update(obj: Rack, *, actor, **data) -> Rack:
    data.pop("pemda", None)
    data.pop("warning_notified_at", None)
    with refusals_logged(actor, "change", obj), transaction.atomic():
        stored = Rack.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, room=data.get("room"))
        _check_rack_still_fits(stored, data)
        changed = save_validated(stored, actor=actor, data=data)
        if "room" in changed:
            _follow_racks(Device.objects.filter(rack=stored), actor=actor)
        _announce_capacity(stored)
    return stored


def _check_rack_still_fits(rack: Rack, data: dict) -> None:
    """A rack cannot shrink below its highest device nor its power limit below its draw."""
    height = data.get("u_height", rack.u_height)
    if height is not None and height < rack.u_height:
        highest = max((d.top_unit for d in rack.devices.filter(position__isnull=False)), default=0)
        if highest > height:
            raise _refuse(
                _(
                    "Rak %(rack)s berisi perangkat sampai U%(top)s; "
                    "tingginya tidak dapat dikurangi menjadi %(u)sU."
                )
                % {"rack": rack.name, "top": highest, "u": height},
                "u_height",
                ErrorCode.CONFLICT,
            )
    limit = data.get("max_power_watt", rack.max_power_watt)
    if limit is not None and limit < rack.max_power_watt:
        drawn = rack.devices.aggregate(total=Coalesce(Sum("power_draw_watt"), 0))["total"]
        if drawn > limit:
            raise _refuse(
                _(
                    "Perangkat di rak %(rack)s menarik %(drawn)s W; "
                    "batas daya tidak dapat diturunkan menjadi %(max)s W."
                )
                % {"rack": rack.name, "drawn": drawn, "max": limit},
                "max_power_watt",
                ErrorCode.CONFLICT,
            )


def rack_delete(obj: Rack, *, actor) -> None:
    with refusals_logged(actor, "delete", obj), transaction.atomic():
        stored = Rack.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "delete", stored)
        devices = stored.devices.count()
        if devices:
            raise _still_holds(_("Rak %(name)s") % {"name": stored.name}, devices)
        delete_audited(stored, actor=actor)


# --- power feeds ----------------------------------------------------------------------------


def power_feed_create(*, actor, pemda, **fields) -> PowerFeed:
    with transaction.atomic():
        feed = _create_facility(PowerFeed, actor=actor, pemda=pemda, fields=fields, rack=fields.get("rack"))
        _announce_capacity(feed.rack)
    return feed


def power_feed_update(obj: PowerFeed, *, actor, **data) -> PowerFeed:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", obj), transaction.atomic():
        stored = PowerFeed.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, rack=data.get("rack"))
        old_rack = stored.rack
        save_validated(stored, actor=actor, data=data)
        for rack in {old_rack, stored.rack}:
            _announce_capacity(rack)
    return stored


def power_feed_delete(obj: PowerFeed, *, actor) -> None:
    with refusals_logged(actor, "delete", obj), transaction.atomic():
        stored = PowerFeed.objects.select_for_update().get(pk=obj.pk)
        ensure(actor, "delete", stored)
        rack = stored.rack
        delete_audited(stored, actor=actor)
        _announce_capacity(rack)


# --- devices --------------------------------------------------------------------------------


def device_create(*, actor, pemda, agency, systems=(), **fields) -> Device:
    """Register a server, VM or other device of `agency` (placed in a rack, or on a host)."""
    fields.pop("pemda", None)
    systems = list(systems or ())
    probe = Device(pemda=pemda, agency=agency, name=fields.get("name", ""))
    with refusals_logged(actor, "add", probe, Device), transaction.atomic():
        ensure(actor, "add", probe)
        require_same_pemda(pemda.pk, agency=agency, systems=systems, **_related(fields))
        device = Device(pemda=pemda, agency=agency, **fields)
        rack = _lock_racks(device.rack)[0] if device.rack_id else None
        _check_device(device, rack)
        insert_validated(device, actor=actor, data={**fields, "agency": agency})
        if systems:
            device.systems.set(systems)
        _announce_capacity(rack)
    return device


def device_update(device: Device, *, actor, systems=None, **data) -> Device:
    """Change a device's data or placement; every rule of `device_create` applies again."""
    data.pop("pemda", None)
    with refusals_logged(actor, "change", device), transaction.atomic():
        stored = Device.objects.select_for_update().get(pk=device.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, systems=list(systems or ()), **_related(data))
        before = _values(stored)
        old_rack = stored.rack
        for name, value in data.items():
            setattr(stored, name, value)
        racks = _lock_racks(old_rack, stored.rack if stored.rack_id else None)
        _check_device(stored, next((r for r in racks if r.pk == stored.rack_id), None), before)
        _check_guests(stored)
        fields = Device._meta.concrete_fields
        changed = [f.name for f in fields if getattr(stored, f.attname) != before[f.attname]]
        try:
            stored.full_clean()
        except ValidationError as exc:
            raise as_refusal(exc) from exc
        ensure(actor, "change", stored)  # still within the actor's scope after the change
        if changed:
            with audit.audit_context(actor=actor):
                stored.save(update_fields=[*changed, "updated_at"])
        if systems is not None:
            _set_systems(stored, list(systems), actor=actor)
        if "datacenter" in changed:
            _follow_host(stored, actor=actor)
        for rack in racks:
            _announce_capacity(rack)
    return stored


def _values(device: Device) -> dict:
    return {f.attname: getattr(device, f.attname) for f in Device._meta.concrete_fields}


def device_place(device: Device, *, actor, rack, position) -> Device:
    """Put a device in `rack` at `position` (its lowest unit), move it, or (rack None) take it
    out of its rack."""
    with audit.audit_context(comment=_("Penempatan perangkat")):
        return device_update(device, actor=actor, rack=rack, position=position if rack else None)


def device_delete(device: Device, *, actor) -> None:
    with refusals_logged(actor, "delete", device), transaction.atomic():
        stored = Device.objects.select_for_update().get(pk=device.pk)
        ensure(actor, "delete", stored)
        guests = stored.guests.count()
        if guests:
            raise _refuse(
                _("%(name)s masih menjadi host bagi %(n)s VM; pindahkan atau hapus VM-nya dahulu.")
                % {"name": stored.name, "n": guests},
                code=ErrorCode.CONFLICT,
            )
        rack = stored.rack
        delete_audited(stored, actor=actor)
        _announce_capacity(rack)


def _related(data: dict) -> dict:
    return {name: data[name] for name in ("rack", "host", "asset", "datacenter", "agency") if name in data}


def _lock_racks(*racks) -> list[Rack]:
    """Lock the racks' rows (in id order, so two moves between the same racks cannot
    deadlock) and return them fresh."""
    ids = sorted({r.pk for r in racks if r is not None})
    racks = Rack.objects.select_for_update(of=("self",)).filter(pk__in=ids).select_related("room")
    return list(racks.order_by("pk"))


def _check_device(device: Device, rack: Rack | None, before: dict | None = None) -> None:
    """The placement rules; `rack` is the device's rack, locked; `before` the stored values of
    a device being changed. Sets the derived data center."""
    if device.kind == DeviceKind.VM:
        _check_vm(device)
    else:
        if device.host_id:
            raise _refuse(_("Hanya VM yang berjalan di atas host; kosongkan host."), "host")
        if device.position is not None and rack is None:
            raise _refuse(_("Posisi unit hanya dapat diisi bila rak dipilih."), "position")
        if rack is not None:
            _check_units(device, rack)
            _check_power(device, rack, before)
    if rack is not None:
        device.datacenter_id = rack.room.datacenter_id
    elif device.host_id:
        device.datacenter_id = device.host.datacenter_id


def _check_vm(device: Device) -> None:
    if device.rack_id or device.position is not None:
        raise _refuse(_("VM tidak dipasang di rak; pilih host tempat VM ini berjalan."), "rack")
    if not device.host_id:
        raise _refuse(_("VM harus berjalan di sebuah host (server fisik)."), "host")
    host = device.host
    if host.pk == device.pk:
        raise _refuse(_("VM tidak dapat menjadi host bagi dirinya sendiri."), "host")
    if host.pemda_id != device.pemda_id:
        raise _refuse(_("Host harus server fisik dari pemda yang sama."), "host")
    if host.kind != DeviceKind.SERVER:
        raise _refuse(
            _("Host harus server fisik; %(name)s adalah %(kind)s.")
            % {"name": host.name, "kind": host.get_kind_display().lower()},
            "host",
        )


def _check_units(device: Device, rack: Rack) -> None:
    if device.position is None:
        return  # in the rack, not (yet) mounted: takes no units
    top = device.position + device.u_height - 1
    if device.position < 1 or top > rack.u_height:
        raise _refuse(
            _("%(name)s setinggi %(u)sU di posisi U%(pos)s melewati batas rak %(rack)s (U1-U%(height)s).")
            % {
                "name": device.name,
                "u": device.u_height,
                "pos": device.position,
                "rack": rack.name,
                "height": rack.u_height,
            },
            "position",
            ErrorCode.CONFLICT,
        )
    neighbours = (
        Device.objects.filter(rack=rack, position__isnull=False, position__lte=top)
        .exclude(pk=device.pk)
        .order_by("position")
        .only("name", "position", "u_height")
    )
    for other in neighbours:
        if other.top_unit >= device.position:
            unit = max(device.position, other.position)
            raise _refuse(
                _("Unit U%(unit)s rak %(rack)s sudah dipakai oleh %(other)s.")
                % {"unit": unit, "rack": rack.name, "other": other.name},
                "position",
                ErrorCode.CONFLICT,
            )


def _check_power(device: Device, rack: Rack, before: dict | None) -> None:
    others = (
        Device.objects.filter(rack=rack)
        .exclude(pk=device.pk)
        .aggregate(total=Coalesce(Sum("power_draw_watt"), 0))["total"]
    )
    drawn = others + (device.power_draw_watt or 0)
    if drawn <= rack.max_power_watt:
        return
    was_here = before is not None and before["rack_id"] == rack.pk
    if drawn > others + (before["power_draw_watt"] if was_here else 0):  # never made worse
        raise _refuse(
            _("Daya rak %(rack)s akan menjadi %(drawn)s W, melebihi batas %(max)s W.")
            % {"rack": rack.name, "drawn": drawn, "max": rack.max_power_watt},
            "power_draw_watt",
            ErrorCode.CONFLICT,
        )


def _check_guests(device: Device) -> None:
    if device.kind != DeviceKind.SERVER and device.guests.exists():
        raise _refuse(
            _("%(name)s masih menjadi host bagi VM; jenisnya harus tetap server fisik.")
            % {"name": device.name},
            "kind",
            ErrorCode.CONFLICT,
        )


def _set_systems(device: Device, systems: list, *, actor) -> None:
    before = sorted(device.systems.values_list("pk", flat=True))
    device.systems.set(systems)
    after = sorted(s.pk for s in systems)
    if before != after:
        audit.record("update", device, actor=actor, changes={"systems": [before, after]})


def _follow_host(host: Device, *, actor) -> None:
    """A host's VMs are in the host's data center."""
    for guest in host.guests.exclude(datacenter_id=host.datacenter_id):
        guest.datacenter_id = host.datacenter_id
        with audit.audit_context(actor=actor):
            guest.save(update_fields=["datacenter", "updated_at"])


def _follow_racks(devices, *, actor) -> None:
    """Devices of a rack (or room) that moved take the new data center, and so do their VMs."""
    for device in devices.select_related("rack__room"):
        if device.datacenter_id != device.rack.room.datacenter_id:
            device.datacenter_id = device.rack.room.datacenter_id
            with audit.audit_context(actor=actor):
                device.save(update_fields=["datacenter", "updated_at"])
        _follow_host(device, actor=actor)


# --- capacity -------------------------------------------------------------------------------


def feed_capacity(feeds) -> int:
    """Usable watts of a rack's feeds: the redundant (backup) paths only take over, so only the
    primary feeds count; a rack whose feeds are all marked redundant counts the largest one."""
    feeds = list(feeds)
    primary = [f.capacity_watt for f in feeds if not f.is_redundant]
    if primary:
        return sum(primary)
    return max((f.capacity_watt for f in feeds), default=0)


def _percent(part, whole) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def usage_of(rack: Rack, *, units_used: int, power_drawn: int, feed_capacity_watt: int, devices: int) -> dict:
    """The capacity figures of a rack from its sums (shared by the pages, API and warnings)."""
    units_percent = _percent(units_used, rack.u_height) or 0.0
    power_percent = _percent(power_drawn, rack.max_power_watt)
    feed_percent = _percent(power_drawn, feed_capacity_watt)
    threshold = rack.warning_percent
    units_warning = units_percent >= threshold
    power_warning = (power_percent or 0) >= threshold or (feed_percent or 0) >= threshold
    return {
        "devices": devices,
        "units_total": rack.u_height,
        "units_used": units_used,
        "units_free": max(rack.u_height - units_used, 0),
        "units_percent": units_percent,
        "power_drawn_watt": power_drawn,
        "power_max_watt": rack.max_power_watt,
        "power_percent": power_percent if power_percent is not None else 0.0,
        "feed_capacity_watt": feed_capacity_watt,
        "feed_percent": feed_percent,
        "warning_percent": threshold,
        "units_warning": units_warning,
        "power_warning": power_warning,
        "over_power": power_drawn > rack.max_power_watt,
        "over_feed": bool(feed_capacity_watt) and power_drawn > feed_capacity_watt,
        "warning": units_warning or power_warning,
    }


def rack_usage(rack: Rack) -> dict:
    """Units used/free/percent, power drawn against the rack's maximum and its feeds' capacity,
    and the warning flags (`warning_percent` of the rack)."""
    sums = Device.objects.filter(rack_id=rack.pk).aggregate(
        units=Coalesce(Sum("u_height", filter=Q(position__isnull=False)), 0),
        power=Coalesce(Sum("power_draw_watt"), 0),
        devices=Count("pk"),
    )
    return usage_of(
        rack,
        units_used=sums["units"],
        power_drawn=sums["power"],
        feed_capacity_watt=feed_capacity(PowerFeed.objects.filter(rack_id=rack.pk)),
        devices=sums["devices"],
    )


def with_usage(racks):
    """Racks annotated with their sums (one query, feeds prefetched): `rack.usage` is read with
    `usage_for(rack)`."""
    base = Device.objects.filter(rack=OuterRef("pk")).order_by().values("rack")
    units = base.filter(position__isnull=False).annotate(total=Sum("u_height")).values("total")
    power = base.annotate(total=Sum("power_draw_watt")).values("total")
    count = base.annotate(total=Count("pk")).values("total")
    return racks.annotate(
        units_used=Coalesce(Subquery(units), 0),
        power_drawn=Coalesce(Subquery(power), 0),
        device_count=Coalesce(Subquery(count), 0),
    ).prefetch_related("power_feeds")


def usage_for(rack: Rack) -> dict:
    """The usage of a rack loaded through `with_usage`."""
    return usage_of(
        rack,
        units_used=rack.units_used,
        power_drawn=rack.power_drawn,
        feed_capacity_watt=feed_capacity(rack.power_feeds.all()),
        devices=rack.device_count,
    )


def datacenter_power(datacenter: DataCenter) -> dict:
    drawn = Device.objects.filter(datacenter=datacenter).aggregate(total=Coalesce(Sum("power_draw_watt"), 0))[
        "total"
    ]
    capacity_watt = int(datacenter.power_capacity_kw * 1000) if datacenter.power_capacity_kw else 0
    return {
        "drawn_kw": round(drawn / 1000, 2),
        "capacity_kw": datacenter.power_capacity_kw,
        "percent": _percent(drawn, capacity_watt),
        "over": bool(capacity_watt) and drawn > capacity_watt,
    }


def capacity_warnings(pemda_id: int) -> list[dict]:
    """Racks whose units or power reached their warning threshold, and data centers drawing
    more than their power capacity: [{"kind", "object", "usage", "reasons"}], worst first."""
    found = []
    racks = with_usage(Rack.objects.filter(pemda_id=pemda_id).select_related("room__datacenter"))
    for rack in racks:
        usage = usage_for(rack)
        if usage["warning"] or usage["over_feed"]:
            found.append({"kind": "rack", "object": rack, "usage": usage, "reasons": _rack_reasons(usage)})
    for datacenter in DataCenter.objects.filter(pemda_id=pemda_id, power_capacity_kw__isnull=False):
        power = datacenter_power(datacenter)
        if power["over"]:
            reason = _("Daya terpakai %(drawn)s kW melebihi kapasitas %(cap)s kW.") % {
                "drawn": power["drawn_kw"],
                "cap": power["capacity_kw"],
            }
            found.append({"kind": "datacenter", "object": datacenter, "usage": power, "reasons": [reason]})
    return sorted(found, key=_severity, reverse=True)


def _severity(item) -> float:
    usage = item["usage"]
    if item["kind"] == "datacenter":
        return usage["percent"] or 0
    return max(usage["units_percent"], usage["power_percent"], usage["feed_percent"] or 0)


def _rack_reasons(usage: dict) -> list[str]:
    reasons = []
    if usage["units_warning"]:
        reasons.append(
            _("Unit terpakai %(used)s dari %(total)sU (%(pct)s%%), ambang %(limit)s%%.")
            % {
                "used": usage["units_used"],
                "total": usage["units_total"],
                "pct": usage["units_percent"],
                "limit": usage["warning_percent"],
            }
        )
    if usage["power_warning"]:
        reasons.append(
            _("Daya %(drawn)s W dari batas %(max)s W (%(pct)s%%), ambang %(limit)s%%.")
            % {
                "drawn": usage["power_drawn_watt"],
                "max": usage["power_max_watt"],
                "pct": usage["power_percent"],
                "limit": usage["warning_percent"],
            }
        )
    if usage["over_feed"]:
        reasons.append(
            _("Daya %(drawn)s W melebihi kapasitas catu daya utama %(cap)s W.")
            % {"drawn": usage["power_drawn_watt"], "cap": usage["feed_capacity_watt"]}
        )
    return reasons


def _announce_capacity(rack: Rack | None) -> None:
    """Tell the data-center team when a rack reaches its threshold; once per crossing (the
    mark is cleared when the rack falls back below it)."""
    if rack is None:
        return
    from kelola.core.notifications import notify_many
    from kelola.core.queries import users_with_roles

    usage = rack_usage(rack)
    notified = Rack.objects.filter(pk=rack.pk).values_list("warning_notified_at", flat=True).first()
    if not usage["warning"]:
        if notified is not None:
            Rack.objects.filter(pk=rack.pk).update(warning_notified_at=None)
        return
    if notified is not None:
        return
    title = _("Rak %(rack)s mencapai ambang kapasitas %(limit)s%%") % {
        "rack": rack.name,
        "limit": rack.warning_percent,
    }
    notify_many(
        [
            (
                users_with_roles(rack.pemda_id, CAPACITY_RECIPIENTS),
                {
                    "kind": "datacenter_capacity",
                    "title": title,
                    "body": " ".join(_rack_reasons(usage)),
                    "url": reverse("datacenter:rack_elevation", args=[rack.pk]),
                    "pemda_id": rack.pemda_id,
                },
            )
        ]
    )
    Rack.objects.filter(pk=rack.pk).update(warning_notified_at=timezone.now())


# --- elevation ------------------------------------------------------------------------------


def elevation(rack: Rack, devices=None) -> dict:
    """The rack's front view, top unit first: one row per unit; a device appears once, on its
    top unit, with the number of units it spans. Devices in the rack without a position are
    listed apart. `devices` defaults to all the rack's devices (pass a narrower queryset to
    show only what a reader may see)."""
    if devices is None:
        devices = Device.objects.filter(rack=rack)
    devices = list(devices.select_related("agency").order_by("position", "name"))
    mounted = [d for d in devices if d.position is not None]
    by_top = {d.top_unit: d for d in mounted}
    covered = {u for d in mounted for u in range(d.position, d.top_unit + 1)}
    units = []
    for unit in range(rack.u_height, 0, -1):
        device = by_top.get(unit)
        units.append(
            {
                "unit": unit,
                "device": device,
                "span": device.u_height if device else 1,
                "occupied": unit in covered,
                "starts": device is not None,
            }
        )
    return {"units": units, "unmounted": [d for d in devices if d.position is None]}
