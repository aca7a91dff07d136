"""Keeping configuration items and derived relations in step with the domain registers.

Derived relations (origin "derived"), each "source depends on target":

- IT service → its electronic system: depends_on
- electronic system → each server/VM it runs on (Device.systems): runs_on
- VM → its host server: hosted_on
- device → its rack; a device with neither rack nor host → its data center: located_in
- rack → the data center of its room: located_in
- electronic system → another system it exchanges data with or depends on (portfolio
  SystemLink of kind exchanges_with / depends_on): integrates_with

The receivers (connected in `apps.ready`) redo only what one saved row decides: its item and its
own outgoing derived relations — an upsert, one read and at most one insert and one delete. Rows
written in bulk (bulk_create, imports, the demo) send no signals: `rebuild(pemda)` recomputes a
pemda's items and derived relations from scratch and is idempotent. Manual relations are never
touched here.

Items and derived relations are *derived state*: their rows are written with bulk queries, which
the audit log does not record — the change that caused them is already logged on the domain row.
Deletions use `_raw_delete` for the same reason (a QuerySet.delete() would log every relation).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import Count, Q

from .choices import CiKind, Origin, RelationKind
from .models import ConfigurationItem, Relation

DEVICE_KINDS = {
    "server": CiKind.SERVER,
    "vm": CiKind.VM,
    "network": CiKind.NETWORK,
    "storage": CiKind.STORAGE,
    "security": CiKind.SECURITY,
}
#: portfolio SystemLink kinds that make a runtime dependency ("replaces" does not).
INTEGRATION_LINKS = ("exchanges_with", "depends_on")
BATCH = 2000


def _model(label: str):
    return apps.get_model(label)


def _service():
    return _model("servicedesk.Service")


def _system():
    return _model("portfolio.ElectronicSystem")


def _device():
    return _model("datacenter.Device")


def _rack():
    return _model("datacenter.Rack")


def _datacenter():
    return _model("datacenter.DataCenter")


def _ct(model) -> int:
    return ContentType.objects.get_for_model(model).pk


# --- what a domain row is as a configuration item -------------------------------------------

#: (object id, pemda id, kind, name, agency id, classification)
Spec = tuple[int, int, str, str, int | None, str]


def spec_rows(model, **lookup) -> list[Spec]:
    """The item of each `model` row matching `lookup`, in one query."""
    rows = model.objects.filter(**lookup).order_by()
    label = model._meta.label
    if label == "servicedesk.Service":
        values = rows.values_list("pk", "pemda_id", "name", "agency_id")
        return [(pk, pemda, CiKind.SERVICE, name, agency, "public") for pk, pemda, name, agency in values]
    if label == "portfolio.ElectronicSystem":
        values = rows.values_list("pk", "pemda_id", "external_name", "agency_id", "classification")
        return [(pk, pemda, CiKind.SYSTEM, name, agency, cls) for pk, pemda, name, agency, cls in values]
    if label == "datacenter.Device":
        values = rows.values_list("pk", "pemda_id", "name", "agency_id", "kind")
        return [
            (pk, pemda, DEVICE_KINDS.get(kind, CiKind.DEVICE), name, agency, "public")
            for pk, pemda, name, agency, kind in values
        ]
    if label == "datacenter.Rack":
        values = rows.values_list(
            "pk", "pemda_id", "name", "room__name", "room__datacenter__code", "room__datacenter__agency_id"
        )
        return [
            (pk, pemda, CiKind.RACK, f"{code} / {room} / {name}", agency, "public")
            for pk, pemda, name, room, code, agency in values
        ]
    if label == "datacenter.DataCenter":
        values = rows.values_list("pk", "pemda_id", "name", "agency_id")
        return [(pk, pemda, CiKind.DATACENTER, name, agency, "public") for pk, pemda, name, agency in values]
    raise ValueError(f"{label} is not a configuration source")


def source_models() -> list:
    return [_datacenter(), _rack(), _device(), _system(), _service()]


def _item(ct_id: int, spec: Spec) -> ConfigurationItem:
    object_id, pemda_id, kind, name, agency_id, classification = spec
    return ConfigurationItem(
        content_type_id=ct_id,
        object_id=object_id,
        pemda_id=pemda_id,
        kind=kind,
        name=name[:300],
        agency_id=agency_id,
        classification=classification,
    )


def upsert(model, specs: list[Spec]) -> dict[int, tuple[int, int]]:
    """Create or refresh the items of `specs` in one statement: object id → (item id, pemda id)."""
    if not specs:
        return {}
    ct_id = _ct(model)
    items = ConfigurationItem.objects.bulk_create(
        [_item(ct_id, spec) for spec in specs],
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["pemda", "kind", "name", "agency", "classification", "updated_at"],
    )
    return {item.object_id: (item.pk, item.pemda_id) for item in items}


def item_ids(model, object_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """Items of rows other rows point at (creating the missing ones): object id → (id, pemda)."""
    wanted = {pk for pk in object_ids if pk is not None}
    if not wanted:
        return {}
    found = {
        oid: (pk, pemda)
        for oid, pk, pemda in ConfigurationItem.objects.filter(
            content_type_id=_ct(model), object_id__in=wanted
        ).values_list("object_id", "pk", "pemda_id")
    }
    missing = wanted - set(found)
    if missing:
        found.update(upsert(model, spec_rows(model, pk__in=missing)))
    return found


def remove_items(model, object_ids: Iterable[int]) -> None:
    """Forget the items of deleted rows, with every relation (derived or manual) they had."""
    ids = list(
        ConfigurationItem.objects.filter(
            content_type_id=_ct(model), object_id__in=list(object_ids)
        ).values_list("pk", flat=True)
    )
    _raw_delete_items(ids)


def _raw_delete_items(ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        _raw_delete(Relation.objects.filter(Q(source_id__in=chunk) | Q(target_id__in=chunk)))
        _raw_delete(ConfigurationItem.objects.filter(pk__in=chunk))


def _raw_delete(queryset) -> None:
    queryset._raw_delete(router.db_for_write(queryset.model))


# --- derived relations ----------------------------------------------------------------------

#: (source item, target item, kind, pemda)
Edge = tuple[int, int, str, int]


def _edge(source: tuple[int, int] | None, target: tuple[int, int] | None, kind: str) -> Edge | None:
    """An edge between two items of the same pemda; anything else is not recorded."""
    if source is None or target is None or source[0] == target[0] or source[1] != target[1]:
        return None
    return (source[0], target[0], kind, source[1])


def replace(scope: Q, kinds: Iterable[str], desired: Iterable[Edge | None]) -> tuple[int, int]:
    """Make the derived relations of `kinds` inside `scope` exactly `desired`; returns
    (created, deleted)."""
    wanted = {edge[:3]: edge[3] for edge in desired if edge is not None}
    existing = Relation.objects.filter(scope, kind__in=list(kinds), origin=Origin.DERIVED).values_list(
        "pk", "source_id", "target_id", "kind"
    )
    stale, present = [], set()
    for pk, source, target, kind in existing.iterator(chunk_size=BATCH):
        if (source, target, kind) in wanted:
            present.add((source, target, kind))
        else:
            stale.append(pk)
    for start in range(0, len(stale), BATCH):
        _raw_delete(Relation.objects.filter(pk__in=stale[start : start + BATCH]))
    new = [
        Relation(source_id=s, target_id=t, kind=k, pemda_id=wanted[(s, t, k)], origin=Origin.DERIVED)
        for (s, t, k) in wanted.keys() - present
    ]
    # A manual relation with the same ends and kind already says it: the conflict is skipped.
    Relation.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
    return len(new), len(stale)


def _device_edges(item: tuple[int, int], host_id, rack_id, datacenter_id) -> list[Edge | None]:
    if host_id:
        return [_edge(item, item_ids(_device(), [host_id]).get(host_id), RelationKind.HOSTED_ON)]
    if rack_id:
        return [_edge(item, item_ids(_rack(), [rack_id]).get(rack_id), RelationKind.LOCATED_IN)]
    if datacenter_id:
        return [
            _edge(item, item_ids(_datacenter(), [datacenter_id]).get(datacenter_id), RelationKind.LOCATED_IN)
        ]
    return []


# --- receivers ------------------------------------------------------------------------------


def _one(model, instance) -> tuple[int, int] | None:
    return upsert(model, spec_rows(model, pk=instance.pk)).get(instance.pk)


def service_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    item = _one(_service(), instance)
    if item is None:
        return
    target = item_ids(_system(), [instance.system_id]).get(instance.system_id)
    replace(Q(source_id=item[0]), [RelationKind.DEPENDS_ON], [_edge(item, target, RelationKind.DEPENDS_ON)])


def system_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _one(_system(), instance)


def device_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    item = _one(_device(), instance)
    if item is None:
        return
    edges = _device_edges(item, instance.host_id, instance.rack_id, instance.datacenter_id)
    replace(Q(source_id=item[0]), [RelationKind.HOSTED_ON, RelationKind.LOCATED_IN], edges)


def sync_racks(**lookup) -> None:
    """Items of the racks matching `lookup` and their located_in relation to the data center."""
    rack_model = _rack()
    items = upsert(rack_model, spec_rows(rack_model, **lookup))
    if not items:
        return
    rooms = dict(rack_model.objects.filter(pk__in=list(items)).values_list("pk", "room__datacenter_id"))
    centers = item_ids(_datacenter(), set(rooms.values()))
    edges = [_edge(items[pk], centers.get(dc), RelationKind.LOCATED_IN) for pk, dc in rooms.items()]
    replace(Q(source_id__in=[pk for pk, _pemda in items.values()]), [RelationKind.LOCATED_IN], edges)


def rack_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_racks(pk=instance.pk)


def room_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_racks(room_id=instance.pk)  # a room moved or renamed: its racks' names and edges


def datacenter_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _one(_datacenter(), instance)
    if not kwargs.get("created"):
        sync_racks(room__datacenter_id=instance.pk)  # rack names carry the data center's code


def sync_integrations(system_id: int) -> None:
    """The integrates_with relations of one system, from its portfolio links."""
    source = item_ids(_system(), [system_id]).get(system_id)
    if source is None:
        return  # the system is gone
    link_model = _model("portfolio.SystemLink")
    targets = set(
        link_model.objects.filter(
            system_id=system_id, kind__in=INTEGRATION_LINKS, target_system__isnull=False
        ).values_list("target_system_id", flat=True)
    )
    target_items = item_ids(_system(), targets)
    edges = [_edge(source, target_items.get(t), RelationKind.INTEGRATES_WITH) for t in targets]
    replace(Q(source_id=source[0]), [RelationKind.INTEGRATES_WITH], edges)


def link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_integrations(instance.system_id)


def sync_runs_on(*, device_id: int | None = None, system_id: int | None = None) -> None:
    """The runs_on relations into one device, or out of one system, from Device.systems."""
    through = _device().systems.through
    if device_id is not None:
        pairs = through.objects.filter(device_id=device_id).values_list("electronicsystem_id", "device_id")
    else:
        pairs = through.objects.filter(electronicsystem_id=system_id).values_list(
            "electronicsystem_id", "device_id"
        )
    pairs = list(pairs)
    systems = item_ids(_system(), {s for s, _d in pairs} | ({system_id} if system_id else set()))
    devices = item_ids(_device(), {d for _s, d in pairs} | ({device_id} if device_id else set()))
    edges = [_edge(systems.get(s), devices.get(d), RelationKind.RUNS_ON) for s, d in pairs]
    if device_id is not None:
        anchor = devices.get(device_id)
        scope = Q(target_id=anchor[0]) if anchor else None
    else:
        anchor = systems.get(system_id)
        scope = Q(source_id=anchor[0]) if anchor else None
    if scope is not None:
        replace(scope, [RelationKind.RUNS_ON], edges)


def systems_changed(sender, instance, action, reverse, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        sync_runs_on(system_id=instance.pk)
    else:
        sync_runs_on(device_id=instance.pk)


def row_deleted(sender, instance, **kwargs):
    remove_items(sender, [instance.pk])


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    service, system, device, rack, center = _service(), _system(), _device(), _rack(), _datacenter()
    receivers = [
        (service, service_saved),
        (system, system_saved),
        (device, device_saved),
        (rack, rack_saved),
        (_model("datacenter.Room"), room_saved),
        (center, datacenter_saved),
        (_model("portfolio.SystemLink"), link_changed),
    ]
    for model, receiver in receivers:
        post_save.connect(receiver, sender=model, dispatch_uid=f"cmdb_{model._meta.label_lower}_saved")
    for model in (service, system, device, rack, center):
        post_delete.connect(row_deleted, sender=model, dispatch_uid=f"cmdb_{model._meta.label_lower}_deleted")
    post_delete.connect(link_changed, sender=_model("portfolio.SystemLink"), dispatch_uid="cmdb_link_deleted")
    m2m_changed.connect(systems_changed, sender=device.systems.through, dispatch_uid="cmdb_device_systems")


# --- rebuild --------------------------------------------------------------------------------


@dataclass
class RebuildResult:
    items_created: int = 0
    items_updated: int = 0
    items_deleted: int = 0
    relations_created: int = 0
    relations_deleted: int = 0
    relations_total: int = 0
    by_kind: dict = field(default_factory=dict)


def _rebuild_items(model, pemda_id: int, result: RebuildResult) -> dict[int, tuple[int, int]]:
    ct_id = _ct(model)
    specs = spec_rows(model, pemda_id=pemda_id)
    stored = {
        row[0]: row[1:]
        for row in ConfigurationItem.objects.filter(content_type_id=ct_id, pemda_id=pemda_id).values_list(
            "object_id", "pk", "kind", "name", "agency_id", "classification"
        )
    }
    new, changed, mapping = [], [], {}
    for spec in specs:
        item = _item(ct_id, spec)
        known = stored.pop(spec[0], None)
        if known is None:
            new.append(item)
            continue
        item.pk = known[0]
        mapping[spec[0]] = (item.pk, pemda_id)
        if (item.kind, item.name, item.agency_id, item.classification) != tuple(known[1:]):
            changed.append(item)
    # An upsert: an item left behind under another pemda (a row moved) is taken over.
    ConfigurationItem.objects.bulk_create(
        new,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["pemda", "kind", "name", "agency", "classification", "updated_at"],
    )
    mapping.update({item.object_id: (item.pk, pemda_id) for item in new})
    ConfigurationItem.objects.bulk_update(
        changed, ["kind", "name", "agency", "classification"], batch_size=BATCH
    )
    _raw_delete_items([values[0] for values in stored.values()])
    result.items_created += len(new)
    result.items_updated += len(changed)
    result.items_deleted += len(stored)
    return mapping


def _desired_edges(pemda_id: int, items: dict) -> list[Edge | None]:
    service, system, device, rack, center = (
        items[m] for m in ("service", "system", "device", "rack", "center")
    )
    edges: list[Edge | None] = []
    for pk, system_id in (
        _service().objects.filter(pemda_id=pemda_id, system__isnull=False).values_list("pk", "system_id")
    ):
        edges.append(_edge(service.get(pk), system.get(system_id), RelationKind.DEPENDS_ON))
    through = _device().systems.through
    for system_id, device_id in through.objects.filter(device__pemda_id=pemda_id).values_list(
        "electronicsystem_id", "device_id"
    ):
        edges.append(_edge(system.get(system_id), device.get(device_id), RelationKind.RUNS_ON))
    for pk, host, rack_id, center_id in (
        _device().objects.filter(pemda_id=pemda_id).values_list("pk", "host_id", "rack_id", "datacenter_id")
    ):
        if host:
            edges.append(_edge(device.get(pk), device.get(host), RelationKind.HOSTED_ON))
        elif rack_id:
            edges.append(_edge(device.get(pk), rack.get(rack_id), RelationKind.LOCATED_IN))
        elif center_id:
            edges.append(_edge(device.get(pk), center.get(center_id), RelationKind.LOCATED_IN))
    for pk, center_id in _rack().objects.filter(pemda_id=pemda_id).values_list("pk", "room__datacenter_id"):
        edges.append(_edge(rack.get(pk), center.get(center_id), RelationKind.LOCATED_IN))
    links = _model("portfolio.SystemLink").objects.filter(
        system__pemda_id=pemda_id, kind__in=INTEGRATION_LINKS, target_system__isnull=False
    )
    for source, target in links.values_list("system_id", "target_system_id"):
        edges.append(_edge(system.get(source), system.get(target), RelationKind.INTEGRATES_WITH))
    return edges


def rebuild(pemda) -> RebuildResult:
    """Recompute every item and derived relation of `pemda` from its domain registers, in bulk.
    Running it twice changes nothing the second time; manual relations are kept (those whose
    items disappeared go with them)."""
    pemda_id = getattr(pemda, "pk", pemda)
    result = RebuildResult()
    with transaction.atomic():
        items = {
            "center": _rebuild_items(_datacenter(), pemda_id, result),
            "rack": _rebuild_items(_rack(), pemda_id, result),
            "device": _rebuild_items(_device(), pemda_id, result),
            "system": _rebuild_items(_system(), pemda_id, result),
            "service": _rebuild_items(_service(), pemda_id, result),
        }
        created, deleted = replace(Q(pemda_id=pemda_id), RelationKind.values, _desired_edges(pemda_id, items))
    result.relations_created, result.relations_deleted = created, deleted
    counts = Relation.objects.filter(pemda_id=pemda_id).order_by().values("kind").annotate(n=Count("pk"))
    result.by_kind = {row["kind"]: row["n"] for row in counts}
    result.relations_total = sum(result.by_kind.values())
    return result
