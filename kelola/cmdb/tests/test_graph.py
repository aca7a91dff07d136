"""Impact ("what is affected if X fails") and dependency ("what does Y depend on") walks: the
recursive CTE's result on a known graph, cycles, the depth limit, and what each reader sees."""

import pytest

from kelola.cmdb import graph
from kelola.cmdb.models import ConfigurationItem, Relation

from .test_sync import item

pytestmark = pytest.mark.django_db


def named(tree):
    return {node.item.name: node.depth for node in tree.nodes}


def link(source, target, kind="connected_to"):
    return Relation.objects.create(
        pemda_id=source.pemda_id, source=source, target=target, kind=kind, origin="manual"
    )


def test_what_a_rack_failure_affects(graph_world):
    g = graph_world.g
    tree = graph.affected_by(item(g.rack1))
    assert named(tree) == {
        "sw-core": 1,
        "srv-01": 1,
        "vm-simpus": 2,
        "SIMPUS": 3,
        "Sistem Rahasia": 3,
        "Layanan SIMPUS": 4,
        "Dapodik Lokal": 4,  # integrates with SIMPUS
        "Layanan Dapodik": 5,
    }
    assert tree.hidden_count == 0 and not tree.reached_limit and tree.total == 8
    by_name = {n.item.name: n for n in tree.nodes}
    assert by_name["Layanan Dapodik"].parent_id == by_name["Dapodik Lokal"].item.pk
    assert by_name["vm-simpus"].relation == "hosted_on" and by_name["vm-simpus"].level == 1
    # depth-first order: every node comes right after its parent's subtree starts
    order = [n.item.name for n in tree.nodes]
    assert order.index("vm-simpus") == order.index("srv-01") + 1
    assert tree.count_by_kind()["service"] == 2
    assert [n.item.name for n in tree.top()] == [
        "SIMPUS",
        "Sistem Rahasia",
        "Dapodik Lokal",
        "Layanan SIMPUS",
        "Layanan Dapodik",
    ]


def test_what_a_service_depends_on(graph_world):
    g = graph_world.g
    tree = graph.depends_on(item(g.school_service))
    assert named(tree) == {
        "Dapodik Lokal": 1,
        "vm-dapodik": 2,
        "SIMPUS": 2,
        "srv-02": 3,
        "vm-simpus": 3,
        "DC1 / Ruang Server / R02": 4,
        "srv-01": 4,
        "Pusat Data DC1": 5,
        "DC1 / Ruang Server / R01": 5,
    }
    assert graph.depends_on(item(g.center)).nodes == []


def test_network_links_are_directed_and_cycles_end(graph_world):
    g = graph_world.g
    access = item(g.server1)
    switch, server2 = item(g.switch), item(g.server2)
    link(access, switch)
    link(server2, switch)
    # a failed switch affects what reaches the network through it, and what depends on those
    affected = named(graph.affected_by(switch))
    assert affected["srv-01"] == 1 and affected["srv-02"] == 1 and affected["Layanan Dapodik"] == 4
    # a failed server does not spread to the switch or to the switch's other servers
    assert "sw-core" not in named(graph.affected_by(access)) and "srv-02" not in named(
        graph.affected_by(access)
    )
    # a ring: srv-01 → sw-core → srv-02 → srv-01
    link(switch, server2)
    link(server2, access)
    tree = graph.affected_by(switch, max_depth=20)
    assert named(tree)["srv-02"] == 1 and named(tree)["srv-01"] == 1 and "sw-core" not in named(tree)
    rows = graph.walk(switch.pk, backwards=True, max_depth=20)
    assert switch.pk not in rows and len(rows) == len(tree.nodes)


def test_the_depth_limit(graph_world):
    g = graph_world.g
    rack = item(g.rack1)
    tree = graph.affected_by(rack, max_depth=2)
    assert named(tree) == {"sw-core": 1, "srv-01": 1, "vm-simpus": 2}
    assert tree.reached_limit and tree.max_depth == 2
    assert not graph.affected_by(rack, max_depth=5).reached_limit
    assert graph.clamp_depth("99") == graph.MAX_DEPTH and graph.clamp_depth("x") == graph.DEFAULT_DEPTH
    assert graph.clamp_depth(0) == 1


def test_reaches_stops_on_cycles(graph_world):
    g = graph_world.g
    service, center = item(g.simpus_service), item(g.center)
    assert graph.reaches(service.pk, center.pk)
    assert not graph.reaches(center.pk, service.pk)
    link(item(g.server2), item(g.switch))
    link(item(g.switch), item(g.server2))  # a cycle of network links: no end without UNION
    assert not graph.reaches(item(g.switch).pk, service.pk)
    # network links are ignored when looking for a dependency cycle
    assert not graph.reaches(item(g.switch).pk, item(g.rack2).pk)
    assert graph.reaches(item(g.switch).pk, item(g.rack2).pk, ignoring="")


def test_an_opd_sees_its_own_items_and_counts_the_rest(graph_world):
    g = graph_world.g
    health = graph_world.users["agency_operator"]  # Dinas Kesehatan
    tree = graph.affected_by(item(g.rack1), health)
    assert named(tree) == {"vm-simpus": 2, "SIMPUS": 3, "Sistem Rahasia": 3, "Layanan SIMPUS": 4}
    assert tree.hidden_count == 4 and tree.total == 8
    vm = next(n for n in tree.nodes if n.item.name == "vm-simpus")
    assert vm.parent_id is None and vm.level == 0  # its host is hidden: it hangs from the root
    school = graph_world.other_agency_operator  # Dinas Pendidikan
    deps = graph.depends_on(item(g.school_service), school)
    assert named(deps) == {"Dapodik Lokal": 1, "vm-dapodik": 2}
    assert deps.hidden_count == 7
    assert "SIMPUS" not in str([n.item.name for n in deps.nodes])


def test_classified_systems_are_counted_not_named(graph_world):
    g = graph_world.g
    rack = item(g.rack1)
    for role, sees_secret in [("datacenter", False), ("helpdesk", False), ("gcio", True), ("auditor", True)]:
        tree = graph.affected_by(rack, graph_world.users[role])
        assert ("Sistem Rahasia" in named(tree)) is sees_secret, role
        assert tree.hidden_count == (0 if sees_secret else 1) and tree.total == 8
    assert graph.item_for(g.simpus) == item(g.simpus) and graph.item_for(None) is None


def test_items_keep_their_domain_link(graph_world):
    g = graph_world.g
    assert item(g.simpus).domain_url == g.simpus.get_absolute_url()
    assert item(g.simpus_service).domain_url == g.simpus_service.get_absolute_url()
    assert item(g.rack1).icon == "bi-server" and str(item(g.rack1)) == "DC1 / Ruang Server / R01"
    assert ConfigurationItem.objects.filter(pemda=graph_world.pemda).count() == 13


def _shape(tree):
    return [
        (n.item.pk, n.item.name, n.item.agency_name, n.depth, n.relation, n.parent_id, n.level)
        for n in tree.nodes
    ], tree.hidden_count


def test_every_way_of_loading_gives_the_same_tree(graph_world, monkeypatch):
    """Large trees read the pemda's visible items at once, small ones look them up by id in chunks;
    both name the same items with their agency, and the collector paused meanwhile runs again."""
    import gc

    g = graph_world.g
    rack = item(g.rack1)
    readers = [None, graph_world.users["datacenter"], graph_world.users["agency_operator"]]
    by_id = [_shape(graph.affected_by(rack, user)) for user in readers]
    assert by_id[1][0][0][2] is not None  # agency names are read too
    monkeypatch.setattr(graph, "CHUNK", 2)
    assert [_shape(graph.affected_by(rack, user)) for user in readers] == by_id
    monkeypatch.setattr(graph, "WHOLE_PEMDA", 0)
    assert [_shape(graph.affected_by(rack, user)) for user in readers] == by_id
    assert gc.isenabled()
    gc.disable()
    try:
        graph.affected_by(rack)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
