"""Demo configuration graph (ASSET-3): the city's items and derived relations rebuilt from the
registers the other demos filled (portfolio, service catalogue, data center), then a few manual
relations the data-center team would record: every switch reaches the network through the core
switch, the two core switches form a stack (linked both ways), racked servers hang from a switch
of their rack (or the core), and the hypervisor hosts depend on the shared storage. Idempotent:
the rebuild changes nothing the second time and existing relations are skipped.

Runs after the data-center demo (`core.demo.builder`)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from .choices import Origin, RelationKind
from .models import ConfigurationItem, Relation
from .sync import rebuild

SERVER_LINKS = 60
STORAGE_HOSTS = 20


def _add(result, label: str, n: int) -> None:
    if n:
        result.created[label] = result.created.get(label, 0) + n


def build(city, result, rng=None) -> None:
    from kelola.datacenter.models import Device

    outcome = rebuild(city)
    _add(result, "cmdb_item", outcome.items_created)
    _add(result, "cmdb_relation", outcome.relations_created)
    device_type = ContentType.objects.get_for_model(Device)
    items = dict(
        ConfigurationItem.objects.filter(pemda=city, content_type=device_type).values_list("object_id", "pk")
    )
    devices = list(
        Device.objects.filter(pemda=city, status="active")
        .order_by("datacenter_id", "name")
        .values_list("pk", "kind", "rack_id", "datacenter_id")
    )
    switches = [d for d in devices if d[1] == "network"]
    links: list[tuple[int, int, str]] = []
    if switches:
        core = switches[0]
        if len(switches) > 1:
            links += [(switches[1][0], core[0], "stack"), (core[0], switches[1][0], "stack")]
        links += [(s[0], core[0], "uplink") for s in switches[2:]]
        by_rack = {s[2]: s for s in reversed(switches) if s[2]}
        servers = [d for d in devices if d[1] in {"server", "storage"}][:SERVER_LINKS]
        links += [(d[0], by_rack.get(d[2], core)[0], "access") for d in servers]
    manual = [
        Relation(
            pemda=city,
            source_id=items[a],
            target_id=items[b],
            kind=RelationKind.CONNECTED_TO,
            origin=Origin.MANUAL,
            note=note,
        )
        for a, b, note in links
        if a != b and a in items and b in items
    ]
    storage = next((d for d in devices if d[1] == "storage"), None)
    if storage is not None:
        hosts = (
            Device.objects.filter(pemda=city, guests__isnull=False).distinct().values_list("pk", flat=True)
        )
        manual += [
            Relation(
                pemda=city,
                source_id=items[h],
                target_id=items[storage[0]],
                kind=RelationKind.DEPENDS_ON,
                origin=Origin.MANUAL,
                note="SAN",
            )
            for h in list(hosts)[:STORAGE_HOSTS]
            if h in items and storage[0] in items and h != storage[0]
        ]
    before = Relation.objects.filter(pemda=city, origin=Origin.MANUAL).count()
    Relation.objects.bulk_create(manual, ignore_conflicts=True)
    _add(result, "cmdb_relation", Relation.objects.filter(pemda=city, origin=Origin.MANUAL).count() - before)
