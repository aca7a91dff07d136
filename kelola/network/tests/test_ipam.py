"""IPAM rules (DC-4) with examples and hypothesis properties: prefixes nest but never overlap
partly or twice; addresses stay inside their prefix; `next_free` returns the lowest free
assignable address, never one already used, and says clearly when the prefix is full; IPv6 too."""

import ipaddress
from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kelola.core.errors import ErrorCode, KelolaError
from kelola.network import services
from kelola.network.addressing import assignable_bounds
from kelola.network.models import IpAddress, Prefix, Vlan

pytestmark = pytest.mark.django_db
PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """One hypothesis example's rows are undone before the next example."""
    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def prefix(world, network, **fields):
    fields.setdefault("scope", "private")
    return services.prefix_create(
        actor=world.users["datacenter"], pemda=world.pemda, network=network, **fields
    )


def address(world, pfx, text, **fields):
    return services.address_create(actor=world.users["datacenter"], prefix=pfx, address=text, **fields)


def refusal(call) -> KelolaError:
    with pytest.raises(KelolaError) as caught:
        call()
    return caught.value


# --- examples -------------------------------------------------------------------------------


def test_prefixes_nest_and_duplicates_are_refused(world):
    big = prefix(world, "10.0.0.0/16")
    small = prefix(world, "10.0.5.0/24")
    middle = prefix(world, "10.0.0.0/20")  # inserted between: becomes small's parent
    small.refresh_from_db()
    assert small.parent == middle and middle.parent == big and big.parent is None
    assert (big.depth, middle.depth, small.depth) == (0, 1, 2)
    error = refusal(lambda: prefix(world, "10.0.5.0/24"))
    assert error.code == ErrorCode.CONFLICT and "sudah terdaftar" in error.message
    assert "bukan alamat jaringan" in refusal(lambda: prefix(world, "10.0.5.7/24")).message
    assert "bukan prefiks" in refusal(lambda: prefix(world, "10.0.999.0/24")).message
    # the same block in another pemda is another pemda's business
    other = services.prefix_create(
        actor=world.other_pemda_gcio, pemda=world.other_pemda, network="10.0.5.0/24", scope="private"
    )
    assert other.parent is None
    middle_pk = middle.pk
    services.prefix_delete(middle, actor=world.users["datacenter"])
    small.refresh_from_db()
    assert small.parent == big and small.depth == 1 and not Prefix.objects.filter(pk=middle_pk).exists()


def test_address_rules(world):
    pfx = prefix(world, "192.168.10.0/24")
    ok = address(world, pfx, " 192.168.10.5 ")
    assert ok.address == "192.168.10.5" and ok.key.endswith("c0a80a05") and len(ok.key) == 32
    assert "di luar prefiks" in refusal(lambda: address(world, pfx, "192.168.11.5")).message
    assert "sudah terdaftar" in refusal(lambda: address(world, pfx, "192.168.10.5")).message
    for edge in ("192.168.10.0", "192.168.10.255"):
        assert "broadcast" in refusal(lambda edge=edge: address(world, pfx, edge)).message
    assert "bukan alamat" in refusal(lambda: address(world, pfx, "192.168.10.500")).message
    assert "bukan IPv4" in refusal(lambda: address(world, pfx, "2001:db8::1")).message
    # /31 and /32 use every address (RFC 3021)
    link = prefix(world, "192.168.20.0/31")
    assert address(world, link, "192.168.20.0").address == "192.168.20.0"
    # an address typed into a parent is filed under the child prefix that contains it
    parent = prefix(world, "172.16.0.0/16")
    child = prefix(world, "172.16.1.0/24")
    assert address(world, parent, "172.16.1.9").prefix == child
    # a child created later takes over the parent's addresses in its block
    loose = address(world, parent, "172.16.2.9")
    later = prefix(world, "172.16.2.0/24")
    loose.refresh_from_db()
    assert loose.prefix == later
    assert IpAddress.objects.filter(pemda=world.pemda).count() == 4


def test_next_free_lowest_skips_used_and_children_and_reports_full(world):
    actor = world.users["infrastructure"]
    pfx = prefix(world, "10.9.0.0/28")  # hosts .1 to .14
    prefix(world, "10.9.0.4/30")  # .4-.7 belong to a child
    address(world, pfx, "10.9.0.1")
    assert services.next_free(pfx, actor=actor).address == "10.9.0.2"
    assert services.next_free(pfx, actor=actor).address == "10.9.0.3"
    assert services.next_free(pfx, actor=actor).address == "10.9.0.8"
    services.address_delete(IpAddress.objects.get(address="10.9.0.2"), actor=actor)
    assert services.next_free(pfx, actor=actor).address == "10.9.0.2"  # freed space is reused first
    got = [services.next_free(pfx, actor=actor).address for _ in range(6)]
    assert got == [f"10.9.0.{n}" for n in range(9, 15)]
    error = refusal(lambda: services.next_free(pfx, actor=actor))
    assert error.code == ErrorCode.CONFLICT and "penuh" in error.message
    usage = services.utilisation(pfx)
    assert usage["percent"] == 100.0


def test_ipv6_prefixes_and_allocation(world):
    actor = world.users["datacenter"]
    site = prefix(world, "2001:db8::/48", scope="public")
    lan = prefix(world, "2001:db8:0:1::/64")
    assert lan.parent == site and lan.family == 6
    assert address(world, lan, "2001:DB8:0:1::10").address == "2001:db8:0:1::10"
    first = services.next_free(lan, actor=actor)
    assert first.address == "2001:db8:0:1::"  # every IPv6 address is assignable
    assert services.next_free(site, actor=actor).address == "2001:db8::"
    top = prefix(world, "2001:db8:ffff:ffff:ffff:ffff:ffff:fffe/127")
    assert [services.next_free(top, actor=actor).address for _ in range(2)] == [
        "2001:db8:ffff:ffff:ffff:ffff:ffff:fffe",
        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
    ]
    assert "penuh" in refusal(lambda: services.next_free(top, actor=actor)).message
    assert "di luar prefiks" in refusal(lambda: address(world, lan, "2001:db8:0:2::1")).message


def test_vlan_ids_are_unique_and_in_range(world):
    actor = world.users["datacenter"]
    services.vlan_create(actor=actor, pemda=world.pemda, vid=10, name="Dinkes", agency=world.health)
    assert (
        "sudah dipakai"
        in refusal(lambda: services.vlan_create(actor=actor, pemda=world.pemda, vid=10, name="Lagi")).message
    )
    refusal(lambda: services.vlan_create(actor=actor, pemda=world.pemda, vid=4095, name="Terlalu besar"))
    assert Vlan.objects.filter(pemda=world.pemda).count() == 1


def test_a_prefix_with_addresses_keeps_its_network(world):
    pfx = prefix(world, "10.50.0.0/24")
    address(world, pfx, "10.50.0.9")
    error = refusal(lambda: services.prefix_update(pfx, actor=world.users["gcio"], network="10.51.0.0/24"))
    assert "tidak dapat diubah" in error.message
    empty = prefix(world, "10.52.0.0/24")
    moved = services.prefix_update(empty, actor=world.users["gcio"], network="10.52.0.0/23")
    assert moved.prefix_length == 23 and moved.end_key.endswith("0a3401ff")


# --- properties -----------------------------------------------------------------------------

#: Blocks of 10.0.0.0/16 (/16 to /26), many of them nested in or equal to one another.
blocks = st.tuples(st.integers(min_value=0, max_value=1023), st.integers(min_value=16, max_value=26)).map(
    lambda t: ipaddress.ip_network((0x0A000000 + ((t[0] << (32 - t[1])) & 0xFFFF), t[1]))
)


@PROPERTY
@given(st.lists(blocks, min_size=1, max_size=12))
def test_no_overlap_is_ever_accepted(world, networks):
    with rolled_back():
        accepted = []
        for net in networks:
            try:
                prefix(world, str(net))
                accepted.append(net)
            except KelolaError as exc:
                assert exc.code == ErrorCode.CONFLICT
                assert net in accepted  # the only possible refusal between CIDR blocks: a duplicate
        stored = list(Prefix.objects.filter(pemda=world.pemda))
        nets = [s.ip_network for s in stored]
        assert len(set(nets)) == len(nets) == len(set(accepted))
        for a in nets:
            for b in nets:
                if a != b and a.overlaps(b):
                    assert a.subnet_of(b) or b.subnet_of(a)
        for row in stored:
            containers = [n for n in nets if n != row.ip_network and row.ip_network.subnet_of(n)]
            expected = max(containers, key=lambda n: n.prefixlen) if containers else None
            assert (row.parent.ip_network if row.parent else None) == expected
            assert row.depth == len(containers)


@PROPERTY
@given(
    family=st.sampled_from([4, 6]),
    used=st.sets(st.integers(min_value=0, max_value=63)),
    operations=st.lists(st.one_of(st.just("allocate"), st.integers(min_value=0, max_value=63)), max_size=40),
)
def test_next_free_is_the_lowest_free_and_never_doubles(world, family, used, operations):
    """Model: the set of used hosts. "allocate" must return min(assignable - used) (or refuse
    when none is left); an integer frees that host if it is used."""
    actor = world.users["datacenter"]
    with rolled_back():
        net = ipaddress.ip_network("10.77.0.0/26" if family == 4 else "2001:db8:77::/122")
        pfx = prefix(world, str(net))
        first, last = assignable_bounds(net)
        assignable = set(range(first, last + 1))
        taken = set()
        for offset in sorted(used):
            value = int(net.network_address) + offset
            if value in assignable:
                address(world, pfx, str(ipaddress.ip_address(value)))
                taken.add(value)
        for operation in operations:
            if operation == "allocate":
                free = assignable - taken
                if not free:
                    assert "penuh" in refusal(lambda: services.next_free(pfx, actor=actor)).message
                    continue
                got = int(ipaddress.ip_address(services.next_free(pfx, actor=actor).address))
                assert got == min(free)
                taken.add(got)
            else:
                value = int(net.network_address) + operation
                row = IpAddress.objects.filter(pemda=world.pemda, key=f"{value:032x}").first()
                if row is not None:
                    services.address_delete(row, actor=actor)
                    taken.discard(value)
        stored = list(IpAddress.objects.filter(pemda=world.pemda).values_list("address", flat=True))
        assert len(stored) == len(set(stored))
        assert {int(ipaddress.ip_address(a)) for a in stored} == taken


def test_many_used_addresses_are_paged_through(world, monkeypatch):
    """The gap search reads used keys a page at a time; a run longer than a page still finds
    the first gap after it."""
    monkeypatch.setattr(services, "PAGE", 7)
    pfx = prefix(world, "10.60.0.0/24")
    for host in [*range(1, 30), *range(31, 40)]:
        address(world, pfx, f"10.60.0.{host}")
    Prefix.objects.filter(pk=pfx.pk).update(free_from="")  # as after a bulk import
    pfx.refresh_from_db()
    assert services.first_free(pfx) == int(ipaddress.ip_address("10.60.0.30"))
    assert services.next_free(pfx, actor=world.users["gcio"]).address == "10.60.0.30"
    assert services.next_free(pfx, actor=world.users["gcio"]).address == "10.60.0.40"


def test_demo_address_plan_is_idempotent(world):
    from kelola.core.demo.builder import DemoResult
    from kelola.network import demo
    from kelola.network.models import AddressRequest

    first = DemoResult()
    demo.build(world.pemda, first)
    assert first.created["ip_prefix"] == 2 + 2  # public, private, one /24 per top-level OPD
    assert first.created["ip_request"] == 2
    assert AddressRequest.objects.get(status="approved").addresses.count() == 4
    lan = Prefix.objects.get(pemda=world.pemda, network="10.36.1.0/24")
    assert lan.parent.network == "10.36.0.0/16" and lan.vlan is not None
    # allocation after the bulk import starts at the first gap
    assert services.next_free(lan, actor=world.users["datacenter"]).address == "10.36.1.3"
    again = DemoResult()
    demo.build(world.pemda, again)
    assert again.created == {}


def test_an_address_belongs_to_a_device_of_its_own_pemda(world):
    from kelola.datacenter.models import Device

    pfx = prefix(world, "10.9.0.0/24")
    ours = Device.objects.create(pemda=world.pemda, agency=world.it_office, name="srv-01")
    theirs = Device.objects.create(pemda=world.other_pemda, agency=world.other_it_office, name="srv-02")
    ip = address(world, pfx, "10.9.0.5", device=ours)
    assert list(ours.ip_addresses.all()) == [ip]
    assert "pemda yang sama" in refusal(lambda: address(world, pfx, "10.9.0.6", device=theirs)).message
    staff = world.users["datacenter"]
    assert "pemda yang sama" in refusal(lambda: services.next_free(pfx, actor=staff, device=theirs)).message
    refused = refusal(lambda: services.address_update(ip, actor=staff, device=theirs))
    assert "pemda yang sama" in refused.message
    assert not IpAddress.objects.filter(device=theirs).exists()
