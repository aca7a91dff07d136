"""Every change to the address plan (DC-4), with its rules and their reasons in Indonesian.

- Prefixes may nest (NetBox's rule): a prefix inside a bigger one is its child; a duplicate, or
  a block that only partly overlaps another (impossible between two CIDR blocks, checked all the
  same), is refused. `parent` and `depth` are recomputed after every change.
- An address must lie in its prefix, be of the prefix's family, be unique in the pemda, and not
  be the network or broadcast address of an IPv4 prefix shorter than /31. It is filed under the
  most specific prefix that contains it.
- `next_free` allocates the lowest free assignable address of a prefix, outside its child
  prefixes. It locks the prefix row for the transaction, so allocations from one prefix are
  serialised; the unique constraint (pemda, address) is the last guard against an address typed
  in by hand at the same moment, and the allocation retries past it.
"""

from __future__ import annotations

import ipaddress

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.services import (
    delete_audited,
    ensure,
    insert_validated,
    refusals_logged,
    require_same_pemda,
    save_validated,
)

from .addressing import assignable_bounds, from_key, parse_address, parse_network, to_key
from .choices import AddressStatus
from .models import IpAddress, Prefix, Vlan

#: Keys read per query while looking for the first gap (only the first search after a bulk
#: import walks far: later ones start at the prefix's `free_from`).
PAGE = 2000
ALLOCATION_ATTEMPTS = 5


# --- shared helpers -------------------------------------------------------------------------


def _insert(model, *, actor, **data):
    """Validate and insert a row (the caller has checked the permission)."""
    return insert_validated(model(**data), actor=actor, data=data)


# --- VLANs ----------------------------------------------------------------------------------


def vlan_create(*, actor, pemda, vid: int, name: str, agency=None, description: str = "") -> Vlan:
    probe = Vlan(pemda=pemda, agency=agency, vid=vid, name=name)
    with refusals_logged(actor, "add", probe, Vlan), transaction.atomic():
        ensure(actor, "add", probe)
        require_same_pemda(pemda.pk, agency=agency)
        return _insert(
            Vlan, actor=actor, pemda=pemda, vid=vid, name=name, agency=agency, description=description
        )


def vlan_update(vlan: Vlan, *, actor, **data) -> Vlan:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", vlan), transaction.atomic():
        stored = Vlan.objects.select_for_update().get(pk=vlan.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, agency=data.get("agency"))
        save_validated(stored, actor=actor, data=data)
    return stored


def vlan_delete(vlan: Vlan, *, actor) -> None:
    with refusals_logged(actor, "delete", vlan), transaction.atomic():
        stored = Vlan.objects.select_for_update().get(pk=vlan.pk)
        ensure(actor, "delete", stored)
        delete_audited(stored, actor=actor)


# --- prefixes -------------------------------------------------------------------------------


def _bounds(net) -> dict:
    first = int(net.network_address)
    return {
        "network": str(net),
        "family": net.version,
        "prefix_length": net.prefixlen,
        "start_key": to_key(first),
        "end_key": to_key(int(net.broadcast_address)),
        "free_from": to_key(assignable_bounds(net)[0]),
    }


def _check_overlap(pemda_id: int, net, exclude_pk=None) -> None:
    """Nesting is allowed; a duplicate or a partial overlap is refused."""
    start, end = to_key(int(net.network_address)), to_key(int(net.broadcast_address))
    others = Prefix.objects.filter(
        pemda_id=pemda_id, family=net.version, start_key__lte=end, end_key__gte=start
    ).exclude(pk=exclude_pk)
    for other in others.only("network", "start_key", "end_key"):
        if (other.start_key, other.end_key) == (start, end):
            message = _("Prefiks %(net)s sudah terdaftar di pemda ini.") % {"net": other.network}
        elif (other.start_key <= start and end <= other.end_key) or (
            start <= other.start_key and other.end_key <= end
        ):
            continue  # one inside the other: parent and child
        else:
            message = _("Prefiks %(net)s tumpang tindih sebagian dengan %(other)s.") % {
                "net": net,
                "other": other.network,
            }
        raise KelolaError(message, code=ErrorCode.CONFLICT, errors={"network": [message]})


def rebuild_tree(pemda_id: int, family: int) -> None:
    """Recompute `parent` and `depth` of the pemda's prefixes of one family (a stack over the
    prefixes sorted by start, bigger first), and file every address under the most specific
    prefix that contains it."""
    rows = (
        Prefix.objects.filter(pemda_id=pemda_id, family=family)
        .order_by("start_key", "prefix_length")
        .values_list("pk", "start_key", "end_key", "parent_id", "depth")
    )
    stack: list[tuple[int, str]] = []
    moved = []
    for pk, start, end, parent_id, depth in rows:
        while stack and stack[-1][1] < start:
            stack.pop()
        new_parent = stack[-1][0] if stack else None
        if (parent_id, depth) != (new_parent, len(stack)):
            Prefix.objects.filter(pk=pk).update(parent_id=new_parent, depth=len(stack))
            moved.append((pk, start, end))
        stack.append((pk, end))
    # Addresses in a prefix that moved deeper may now belong to it (or to a child of it).
    for pk, start, end in moved:
        depth = Prefix.objects.filter(pk=pk).values_list("depth", flat=True).first()
        IpAddress.objects.filter(
            pemda_id=pemda_id, family=family, key__gte=start, key__lte=end, prefix__depth__lt=depth
        ).update(prefix_id=pk)


def prefix_create(
    *, actor, pemda, network: str, scope: str, vlan=None, agency=None, description: str = ""
) -> Prefix:
    probe = Prefix(pemda=pemda, agency=agency, network=str(network))
    with refusals_logged(actor, "add", probe, Prefix), transaction.atomic():
        ensure(actor, "add", probe)
        net = parse_network(str(network))
        require_same_pemda(pemda.pk, vlan=vlan, agency=agency)
        _check_overlap(pemda.pk, net)
        prefix = _insert(
            Prefix,
            actor=actor,
            pemda=pemda,
            scope=scope,
            vlan=vlan,
            agency=agency,
            description=description,
            **_bounds(net),
        )
        rebuild_tree(pemda.pk, net.version)
        _lower_free_from(pemda.pk, net.version, prefix.start_key, prefix.end_key)
        prefix.refresh_from_db()
    return prefix


def prefix_update(prefix: Prefix, *, actor, **data) -> Prefix:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", prefix), transaction.atomic():
        stored = Prefix.objects.select_for_update().get(pk=prefix.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, vlan=data.get("vlan"), agency=data.get("agency"))
        old_family = stored.family
        network = data.pop("network", None)
        if network is not None:
            net = parse_network(str(network))
            if str(net) != stored.network:
                if stored.addresses.exists():
                    message = _(
                        "Prefiks yang sudah berisi alamat tidak dapat diubah; pindahkan alamatnya dahulu."
                    )
                    raise KelolaError(message, code=ErrorCode.CONFLICT, errors={"network": [message]})
                _check_overlap(stored.pemda_id, net, exclude_pk=stored.pk)
                old_range = (stored.start_key, stored.end_key)
                data.update(_bounds(net))
        save_validated(stored, actor=actor, data=data)
        if network is not None and "start_key" in data:
            for family in {old_family, stored.family}:
                rebuild_tree(stored.pemda_id, family)
            _lower_free_from(stored.pemda_id, old_family, *old_range)
            _lower_free_from(stored.pemda_id, stored.family, stored.start_key, stored.end_key)
            stored.refresh_from_db()
    return stored


def prefix_delete(prefix: Prefix, *, actor) -> None:
    with refusals_logged(actor, "delete", prefix), transaction.atomic():
        stored = Prefix.objects.select_for_update().get(pk=prefix.pk)
        ensure(actor, "delete", stored)
        delete_audited(stored, actor=actor)
        rebuild_tree(stored.pemda_id, stored.family)
        # Its block is free space of its parent again.
        _lower_free_from(stored.pemda_id, stored.family, stored.start_key, stored.end_key)


def _lower_free_from(pemda_id: int, family: int, start_key: str, end_key: str) -> None:
    """Space from `start_key` became free, or its layout changed: prefixes containing it
    start their next search there at the latest."""
    Prefix.objects.filter(
        pemda_id=pemda_id,
        family=family,
        start_key__lte=start_key,
        end_key__gte=end_key,
        free_from__gt=start_key,
    ).update(free_from=start_key)


# --- addresses ------------------------------------------------------------------------------


def _place(pemda_id: int, prefix: Prefix, text: str) -> dict:
    """Check an address against its prefix; the fields to store (the most specific prefix)."""
    address = parse_address(text)
    net = prefix.ip_network
    if address.version != net.version:
        message = _("Alamat %(addr)s bukan %(family)s seperti prefiks %(net)s.") % {
            "addr": address,
            "family": f"IPv{net.version}",
            "net": net,
        }
        raise KelolaError(message, errors={"address": [message]})
    if address not in net:
        message = _("Alamat %(addr)s berada di luar prefiks %(net)s.") % {"addr": address, "net": net}
        raise KelolaError(message, errors={"address": [message]})
    first, last = assignable_bounds(net)
    if not first <= int(address) <= last:
        message = _(
            "Alamat %(addr)s adalah alamat jaringan atau broadcast dari %(net)s dan tidak dapat dipakai."
        ) % {"addr": address, "net": net}
        raise KelolaError(message, errors={"address": [message]})
    key = to_key(int(address))
    deepest = (
        Prefix.objects.filter(pemda_id=pemda_id, family=net.version, start_key__lte=key, end_key__gte=key)
        .order_by("-prefix_length")
        .first()
    )
    if deepest is not None and deepest.pk != prefix.pk:
        sub = deepest.ip_network
        if not is_usable(sub, address):
            message = _(
                "Alamat %(addr)s adalah alamat jaringan atau broadcast dari %(net)s dan tidak dapat dipakai."
            ) % {"addr": address, "net": sub}
            raise KelolaError(message, errors={"address": [message]})
    return {"address": str(address), "family": address.version, "key": key, "prefix": deepest or prefix}


def is_usable(net, address) -> bool:
    first, last = assignable_bounds(net)
    return first <= int(address) <= last


def _duplicate(address: str) -> KelolaError:
    message = _("Alamat %(addr)s sudah terdaftar di pemda ini.") % {"addr": address}
    return KelolaError(message, code=ErrorCode.CONFLICT, errors={"address": [message]})


def address_create(
    *,
    actor,
    prefix: Prefix,
    address: str,
    status: str = AddressStatus.ALLOCATED,
    agency=None,
    assigned_to: str = "",
    system=None,
    device=None,
    dns_name: str = "",
    description: str = "",
) -> IpAddress:
    probe = IpAddress(pemda_id=prefix.pemda_id, prefix=prefix, agency=agency, address=str(address))
    with refusals_logged(actor, "add", probe, IpAddress), transaction.atomic():
        ensure(actor, "add", probe)
        require_same_pemda(prefix.pemda_id, agency=agency, system=system, device=device)
        placed = _place(prefix.pemda_id, prefix, str(address))
        if IpAddress.objects.filter(pemda_id=prefix.pemda_id, address=placed["address"]).exists():
            raise _duplicate(placed["address"])
        try:
            with transaction.atomic():
                return _insert(
                    IpAddress,
                    actor=actor,
                    pemda_id=prefix.pemda_id,
                    status=status,
                    agency=agency,
                    assigned_to=assigned_to,
                    system=system,
                    device=device,
                    dns_name=dns_name,
                    description=description,
                    **placed,
                )
        except IntegrityError as exc:  # typed in at the same moment elsewhere
            raise _duplicate(placed["address"]) from exc


def address_update(ip: IpAddress, *, actor, **data) -> IpAddress:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", ip), transaction.atomic():
        stored = IpAddress.objects.select_for_update().get(pk=ip.pk)
        ensure(actor, "change", stored)
        require_same_pemda(
            stored.pemda_id, agency=data.get("agency"), system=data.get("system"), device=data.get("device")
        )
        prefix = data.pop("prefix", None) or stored.prefix
        text = str(data.pop("address", stored.address))
        placed = _place(stored.pemda_id, prefix, text)
        old_key, old_family = stored.key, stored.family
        if placed["address"] != stored.address and (
            IpAddress.objects.filter(pemda_id=stored.pemda_id, address=placed["address"]).exists()
        ):
            raise _duplicate(placed["address"])
        try:
            with transaction.atomic():
                save_validated(stored, actor=actor, data={**data, **placed})
        except IntegrityError as exc:
            raise _duplicate(placed["address"]) from exc
        if old_key != stored.key:
            _lower_free_from(stored.pemda_id, old_family, old_key, old_key)
    return stored


def address_delete(ip: IpAddress, *, actor) -> None:
    with refusals_logged(actor, "delete", ip), transaction.atomic():
        stored = IpAddress.objects.select_for_update().get(pk=ip.pk)
        ensure(actor, "delete", stored)
        delete_audited(stored, actor=actor)
        _lower_free_from(stored.pemda_id, stored.family, stored.key, stored.key)


# --- allocation -----------------------------------------------------------------------------


def _child_ranges(prefix: Prefix) -> list[tuple[int, int]]:
    return sorted((from_key(s), from_key(e)) for s, e in prefix.children.values_list("start_key", "end_key"))


def first_free(prefix: Prefix, start: int | None = None) -> int | None:
    """The lowest assignable address of `prefix` (as an integer), at or after `start` (default:
    its `free_from`), that is not used and not inside a child prefix; None when there is none.

    Used keys are read in order a page at a time: a run of used addresses shows as keys equal to
    the candidate, counting up; the first key that jumps ahead leaves the candidate free."""
    first, last = assignable_bounds(prefix.ip_network)
    if start is None:
        start = from_key(prefix.free_from) if prefix.free_from else first
    candidate = max(first, start)
    children = _child_ranges(prefix)
    used = IpAddress.objects.filter(pemda_id=prefix.pemda_id, family=prefix.family)
    while candidate <= last:
        limit = last
        for child_start, child_end in children:
            if child_start <= candidate <= child_end:
                candidate = child_end + 1
            elif child_start > candidate:
                limit = min(limit, child_start - 1)
                break
        if candidate > last:
            return None
        if candidate > limit:
            continue
        keys = (
            used.filter(key__gte=to_key(candidate), key__lte=to_key(limit))
            .order_by("key")
            .values_list("key", flat=True)[:PAGE]
        )
        read = 0
        for key in keys:
            if from_key(key) != candidate:
                return candidate
            candidate += 1
            read += 1
        if read < PAGE and candidate <= limit:
            return candidate
    return None


def _full(prefix: Prefix) -> KelolaError:
    message = _("Prefiks %(net)s sudah penuh: tidak ada alamat bebas yang dapat dialokasikan.") % {
        "net": prefix.network
    }
    return KelolaError(message, code=ErrorCode.CONFLICT, errors={"prefix": [message]})


def allocate(prefix: Prefix, count: int = 1, *, actor, **fields) -> list[IpAddress]:
    """Allocate the `count` lowest free addresses of `prefix` (all or none) with `fields`
    (status, agency, assigned_to, system, dns_name, description, request)."""
    fields.setdefault("status", AddressStatus.ALLOCATED)
    with refusals_logged(actor, "allocate", prefix), transaction.atomic():
        stored = Prefix.objects.select_for_update().get(pk=prefix.pk)
        ensure(actor, "allocate", stored)
        related = {name: fields.get(name) for name in ("agency", "system", "device")}
        require_same_pemda(stored.pemda_id, **related)
        allocated = []
        start = None
        attempts = 0
        while len(allocated) < count:
            value = first_free(stored, start)
            if value is None:
                raise _full(stored)
            address = _address_text(stored, value)
            try:
                with transaction.atomic():
                    row = _insert(
                        IpAddress,
                        actor=actor,
                        pemda_id=stored.pemda_id,
                        prefix=stored,
                        address=address,
                        family=stored.family,
                        key=to_key(value),
                        **fields,
                    )
            except (IntegrityError, KelolaError) as exc:
                # Taken by hand since the scan (the unique constraint held): look again after it.
                if not IpAddress.objects.filter(pemda_id=stored.pemda_id, address=address).exists():
                    raise
                attempts += 1
                if attempts >= ALLOCATION_ATTEMPTS:
                    raise KelolaError(
                        _("Alokasi bertabrakan dengan pengisian lain; coba lagi."), code=ErrorCode.CONFLICT
                    ) from exc
                start = value + 1
                continue
            allocated.append(row)
            start = value + 1
        # Everything below `start` is now used: the next search begins there.
        Prefix.objects.filter(pk=stored.pk).update(free_from=to_key(start))
    return allocated


def _address_text(prefix: Prefix, value: int) -> str:
    return str(ipaddress.IPv4Address(value) if prefix.family == 4 else ipaddress.IPv6Address(value))


def next_free(prefix: Prefix, *, actor, **fields) -> IpAddress:
    """Allocate the lowest free assignable address of `prefix` ("Alokasikan alamat berikutnya")."""
    return allocate(prefix, 1, actor=actor, **fields)[0]


# --- reading --------------------------------------------------------------------------------


def utilisation(prefix: Prefix) -> dict:
    """Used and total assignable addresses of a prefix; child prefixes count as used space."""
    from .addressing import assignable_count

    net = prefix.ip_network
    total = assignable_count(net)
    in_range = IpAddress.objects.filter(
        pemda_id=prefix.pemda_id, family=prefix.family, key__gte=prefix.start_key, key__lte=prefix.end_key
    )
    children = _child_ranges(prefix)
    child_space = sum(end - start + 1 for start, end in children)
    in_children = 0
    for start, end in children:
        in_children += in_range.filter(key__gte=to_key(start), key__lte=to_key(end)).count()
    used = in_range.count() - in_children + child_space
    used = min(used, total)
    percent = round(100 * used / total, 1) if total else 100.0
    return {"used": used, "total": total, "percent": percent, "child_space": child_space}
