"""Derived relations follow the domain registers: the receivers on each save, delete and
Device.systems change, and `rebuild` for rows written in bulk."""

import pytest
from django.core.management import call_command

from kelola.cmdb import sync
from kelola.cmdb.models import ConfigurationItem, Relation
from kelola.core.models import AuditEntry
from kelola.datacenter.models import Device, Rack
from kelola.portfolio.models import SystemLink

from .conftest import make_device, make_service, make_system

pytestmark = pytest.mark.django_db


def item(obj):
    return ConfigurationItem.objects.get(object_id=obj.pk, content_type__model=obj._meta.model_name)


def edges(pemda):
    rows = Relation.objects.filter(pemda=pemda).values_list("source__name", "kind", "target__name", "origin")
    return set(rows)


def test_a_chain_written_with_the_orm_is_related(graph_world):
    g = graph_world.g
    assert edges(graph_world.pemda) == {
        ("DC1 / Ruang Server / R01", "located_in", "Pusat Data DC1", "derived"),
        ("DC1 / Ruang Server / R02", "located_in", "Pusat Data DC1", "derived"),
        ("sw-core", "located_in", "DC1 / Ruang Server / R01", "derived"),
        ("srv-01", "located_in", "DC1 / Ruang Server / R01", "derived"),
        ("srv-02", "located_in", "DC1 / Ruang Server / R02", "derived"),
        ("vm-simpus", "hosted_on", "srv-01", "derived"),
        ("vm-dapodik", "hosted_on", "srv-02", "derived"),
        ("SIMPUS", "runs_on", "vm-simpus", "derived"),
        ("Sistem Rahasia", "runs_on", "vm-simpus", "derived"),
        ("Dapodik Lokal", "runs_on", "vm-dapodik", "derived"),
        ("Dapodik Lokal", "integrates_with", "SIMPUS", "derived"),
        ("Layanan SIMPUS", "depends_on", "SIMPUS", "derived"),
        ("Layanan Dapodik", "depends_on", "Dapodik Lokal", "derived"),
    }
    assert {(i.kind, i.agency_id) for i in [item(g.vm_health), item(g.simpus_service), item(g.switch)]} == {
        ("vm", graph_world.health.pk),
        ("service", graph_world.health.pk),
        ("network", graph_world.it_office.pk),
    }
    assert item(g.secret).classification == "exempt"
    assert edges(graph_world.other_pemda) == {
        ("DCX / Ruang Server / RX", "located_in", "Pusat Data DCX", "derived"),
        ("srv-lain", "located_in", "DCX / Ruang Server / RX", "derived"),
    }
    # Derived state is not audited: the domain rows' own entries already tell the story.
    assert not AuditEntry.objects.filter(content_type__app_label="cmdb").exists()


def test_changes_move_the_relations(graph_world):
    g = graph_world.g
    vm = g.vm_health
    vm.host = g.server2
    vm.save()
    assert Relation.objects.get(source=item(vm), kind="hosted_on").target == item(g.server2)
    g.server1.rack = g.rack2
    g.server1.name = "srv-01-baru"
    g.server1.save()
    moved = Relation.objects.get(source=item(g.server1), kind="located_in")
    assert moved.target == item(g.rack2) and item(g.server1).name == "srv-01-baru"
    g.server1.rack = None
    g.server1.save()
    assert Relation.objects.get(source=item(g.server1), kind="located_in").target == item(g.center)
    g.simpus_service.system = g.dapodik
    g.simpus_service.save()
    assert Relation.objects.get(source=item(g.simpus_service)).target == item(g.dapodik)
    g.simpus_service.system = None
    g.simpus_service.save()
    assert not Relation.objects.filter(source=item(g.simpus_service)).exists()


def test_device_systems_changes_either_side(graph_world):
    g = graph_world.g
    g.vm_health.systems.remove(g.secret)
    assert not Relation.objects.filter(source=item(g.secret), kind="runs_on").exists()
    g.dapodik.devices.add(g.server1)  # the reverse side
    assert Relation.objects.filter(source=item(g.dapodik), target=item(g.server1), kind="runs_on").exists()
    g.vm_health.systems.clear()
    assert not Relation.objects.filter(target=item(g.vm_health), kind="runs_on").exists()
    g.dapodik.devices.clear()
    assert not Relation.objects.filter(source=item(g.dapodik), kind="runs_on").exists()


def test_links_racks_rooms_and_names(graph_world):
    g = graph_world.g
    link = SystemLink.objects.get(system=g.dapodik)
    SystemLink.objects.create(system=g.simpus, kind="replaces", target_system=g.dapodik)  # not runtime
    assert not Relation.objects.filter(source=item(g.simpus), kind="integrates_with").exists()
    link.delete()
    assert not Relation.objects.filter(kind="integrates_with").exists()
    g.center.code = "DCA"
    g.center.save()
    assert item(g.rack1).name == "DCA / Ruang Server / R01"
    g.room.name = "Ruang 2"
    g.room.save()
    assert item(g.rack2).name == "DCA / Ruang 2 / R02"


def test_deleting_a_row_forgets_its_item_and_relations(graph_world):
    g = graph_world.g
    service_item = item(g.school_service)
    g.school_service.delete()
    assert not ConfigurationItem.objects.filter(pk=service_item.pk).exists()
    assert not Relation.objects.filter(source_id=service_item.pk).exists()
    system_item = item(g.simpus)
    g.simpus.delete()  # cascades its links, empties Service.system
    assert not ConfigurationItem.objects.filter(pk=system_item.pk).exists()
    assert not Relation.objects.filter(target_id=system_item.pk).exists()
    assert not Relation.objects.filter(kind="integrates_with").exists()


def test_bulk_rows_wait_for_rebuild_which_is_idempotent(graph_world):
    g = graph_world.g
    world = graph_world
    Device.objects.bulk_create(
        [
            Device(pemda=world.pemda, agency=world.it_office, name=f"bulk-{n}", kind="server", rack=g.rack2)
            for n in range(3)
        ]
    )
    Rack.objects.filter(pk=g.rack2.pk).update(name="R02B")  # no signal either
    manual = Relation.objects.create(
        pemda=world.pemda, source=item(g.server1), target=item(g.switch), kind="connected_to", origin="manual"
    )
    stale = Relation.objects.create(
        pemda=world.pemda, source=item(g.server2), target=item(g.server1), kind="hosted_on", origin="derived"
    )
    assert not ConfigurationItem.objects.filter(name__startswith="bulk-").exists()
    first = sync.rebuild(world.pemda)
    assert first.items_created == 3 and first.items_updated == 1 and first.items_deleted == 0
    assert first.relations_created == 3 and first.relations_deleted == 1
    assert (
        not Relation.objects.filter(pk=stale.pk).exists() and Relation.objects.filter(pk=manual.pk).exists()
    )
    assert ConfigurationItem.objects.filter(name="DC1 / Ruang Server / R02B").exists()
    before = edges(world.pemda)
    second = sync.rebuild(world.pemda)
    assert (second.items_created, second.items_updated, second.items_deleted) == (0, 0, 0)
    assert (second.relations_created, second.relations_deleted) == (0, 0)
    assert edges(world.pemda) == before and second.relations_total == len(before)
    assert second.by_kind["connected_to"] == 1
    # A pemda's rebuild leaves the other pemda alone.
    assert edges(world.other_pemda) and sync.rebuild(world.other_pemda).relations_created == 0


def test_rebuild_from_scratch_matches_the_receivers(graph_world):
    expected = edges(graph_world.pemda)
    Relation.objects.all().delete()
    ConfigurationItem.objects.all().delete()
    result = sync.rebuild(graph_world.pemda)
    assert result.items_created == ConfigurationItem.objects.filter(pemda=graph_world.pemda).count() == 13
    assert edges(graph_world.pemda) == expected


def test_rebuild_removes_items_of_rows_gone_without_signals(graph_world):
    g = graph_world.g
    orphan = ConfigurationItem.objects.create(
        pemda=graph_world.pemda,
        content_type=item(g.server1).content_type,
        object_id=999999,
        kind="server",
        name="x",
    )
    Relation.objects.create(pemda=graph_world.pemda, source=orphan, target=item(g.rack1), kind="located_in")
    result = sync.rebuild(graph_world.pemda)
    assert result.items_deleted == 1 and not ConfigurationItem.objects.filter(pk=orphan.pk).exists()


def test_rebuild_command(graph_world, capsys):
    Relation.objects.all().delete()
    call_command("cmdb_rebuild", graph_world.pemda.slug)
    out = capsys.readouterr().out
    assert "kota-contoh" in out and "relations +13" in out
    call_command("cmdb_rebuild", "--all")
    assert "relations +0" in capsys.readouterr().out
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("cmdb_rebuild", "tidak-ada")
    with pytest.raises(CommandError):
        call_command("cmdb_rebuild")


def test_new_rows_create_missing_targets(world):
    """A service saved before anything else: the item of its system is made on the way."""
    system = make_system(world.health, "sikda", "SIKDA")
    ConfigurationItem.objects.all().delete()
    service = make_service(world.health, "Layanan SIKDA", system)
    assert Relation.objects.get(source=item(service)).target == item(system)
    vm = make_device(world.health, "vm-x", "vm")
    assert not Relation.objects.filter(source=item(vm)).exists()  # nowhere yet


def test_demo_rebuilds_and_adds_network_links(graph_world):
    from kelola.cmdb import demo
    from kelola.core.demo.builder import DemoResult

    g = graph_world.g
    Relation.objects.all().delete()
    result = DemoResult()
    demo.build(graph_world.pemda, result)
    assert result.created["cmdb_relation"] == 13 + 2  # derived, then both servers to the rack switch
    assert Relation.objects.filter(
        source=item(g.server1), target=item(g.switch), kind="connected_to"
    ).exists()
    again = DemoResult()
    demo.build(graph_world.pemda, again)
    assert again.created == {}
