"""Manual relations: who records them and the rules they must meet."""

import pytest

from kelola.cmdb import services
from kelola.cmdb.models import Relation
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import AuditEntry

from .test_sync import item

pytestmark = pytest.mark.django_db


def refusal(callable_, **kwargs):
    with pytest.raises(KelolaError) as exc:
        callable_(**kwargs)
    return exc.value


def test_the_team_records_a_network_link_and_a_dependency(graph_world):
    g = graph_world.g
    actor = graph_world.users["datacenter"]
    link = services.relation_create(
        actor=actor, source=item(g.server1), target=item(g.switch), kind="connected_to", note="port 1"
    )
    assert (link.origin, link.pemda_id, link.note) == ("manual", graph_world.pemda.pk, "port 1")
    assert AuditEntry.objects.filter(action="create", object_id=str(link.pk), actor=actor).exists()
    ring = services.relation_create(
        actor=graph_world.users["infrastructure"],
        source=item(g.server2),
        target=item(g.switch),
        kind="connected_to",
        both_ways=True,
    )
    assert Relation.objects.filter(
        source=item(g.switch), target=item(g.server2), kind="connected_to"
    ).exists()
    dep = services.relation_create(
        actor=actor, source=item(g.simpus), target=item(g.server2), kind="depends_on", note="backup"
    )
    updated = services.relation_update(dep, actor=actor, note="cadangan harian")
    assert updated.note == "cadangan harian"
    services.relation_delete(ring, actor=actor)
    assert not Relation.objects.filter(pk=ring.pk).exists()


def test_rules_of_manual_relations(graph_world):
    g = graph_world.g
    actor = graph_world.users["datacenter"]
    create = services.relation_create
    server, switch = item(g.server1), item(g.switch)
    derived_kind = refusal(create, actor=actor, source=server, target=switch, kind="runs_on")
    assert "otomatis" in derived_kind.message and "kind" in derived_kind.errors
    self_loop = refusal(create, actor=actor, source=server, target=server, kind="connected_to")
    assert "dirinya sendiri" in self_loop.message
    not_devices = refusal(create, actor=actor, source=item(g.simpus), target=switch, kind="connected_to")
    assert "dua server/perangkat" in not_devices.message
    other = refusal(create, actor=actor, source=server, target=item(g.other_server), kind="connected_to")
    assert other.code == ErrorCode.NOT_FOUND  # another pemda's item is not even seen
    duplicate_of_derived = refusal(
        create, actor=actor, source=item(g.simpus_service), target=item(g.simpus), kind="depends_on"
    )
    assert (
        duplicate_of_derived.code == ErrorCode.CONFLICT and "sudah tercatat" in duplicate_of_derived.message
    )
    # the rack already (indirectly) hosts SIMPUS: SIMPUS may not become a dependency of the rack
    cycle = refusal(
        create, actor=actor, source=item(g.rack1), target=item(g.simpus_service), kind="depends_on"
    )
    assert cycle.code == ErrorCode.CONFLICT and "melingkar" in cycle.message
    one_way = refusal(
        create, actor=actor, source=item(g.simpus), target=switch, kind="depends_on", both_ways=True
    )
    assert "dua arah" in one_way.message
    assert not Relation.objects.filter(origin="manual").exists()  # nothing half written
    refused = AuditEntry.objects.filter(action="refused", actor=actor)
    assert refused.count() == 7


def test_cycles_are_allowed_for_network_links_only(graph_world):
    g = graph_world.g
    actor = graph_world.users["datacenter"]
    server, switch = item(g.server1), item(g.switch)
    services.relation_create(actor=actor, source=server, target=switch, kind="connected_to")
    services.relation_create(actor=actor, source=switch, target=server, kind="connected_to")
    services.relation_create(actor=actor, source=item(g.simpus), target=item(g.server2), kind="depends_on")
    back = refusal(
        services.relation_create,
        actor=actor,
        source=item(g.server2),
        target=item(g.simpus),
        kind="depends_on",
    )
    assert "melingkar" in back.message
    # derived relations count too: Dapodik already integrates with SIMPUS
    refusal(
        services.relation_create,
        actor=actor,
        source=item(g.simpus),
        target=item(g.dapodik),
        kind="depends_on",
    )
    link = Relation.objects.get(source=server, target=switch)
    changed = refusal(services.relation_update, relation=link, actor=actor, kind="runs_on")
    assert "otomatis" in changed.message
    link = services.relation_update(link, actor=actor, kind="depends_on")
    assert link.kind == "depends_on"


def test_only_the_data_center_and_infrastructure_teams(graph_world):
    g = graph_world.g
    for role in ["gcio", "pemda_admin", "helpdesk", "it_support", "auditor", "agency_it_officer", "vendor"]:
        error = refusal(
            services.relation_create,
            actor=graph_world.users[role],
            source=item(g.server1),
            target=item(g.switch),
            kind="connected_to",
        )
        assert error.code in {ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND}, role
    other = refusal(
        services.relation_create,
        actor=graph_world.other_pemda_admin,
        source=item(g.server1),
        target=item(g.switch),
        kind="connected_to",
    )
    assert other.code == ErrorCode.FORBIDDEN
    # the team never sees a classified system, so cannot tie anything to it
    hidden = refusal(
        services.relation_create,
        actor=graph_world.users["datacenter"],
        source=item(g.secret),
        target=item(g.server2),
        kind="depends_on",
    )
    assert hidden.code == ErrorCode.NOT_FOUND


def test_derived_relations_are_not_changed_here(graph_world):
    g = graph_world.g
    derived = Relation.objects.get(source=item(g.vm_health), kind="hosted_on")
    for call in (services.relation_delete, services.relation_update):
        error = refusal(call, relation=derived, actor=graph_world.users["datacenter"])
        assert error.code == ErrorCode.FORBIDDEN and "register asalnya" in error.message
    assert Relation.objects.filter(pk=derived.pk).exists()
    manual = services.relation_create(
        actor=graph_world.users["datacenter"],
        source=item(g.server1),
        target=item(g.switch),
        kind="connected_to",
    )
    error = refusal(services.relation_delete, relation=manual, actor=graph_world.users["gcio"])
    assert error.code == ErrorCode.FORBIDDEN and Relation.objects.filter(pk=manual.pk).exists()
