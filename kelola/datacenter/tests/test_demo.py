"""The demo data center: 300 servers/VMs placed without overlaps, addresses and systems linked,
one rack at its warning threshold; a second run creates nothing."""

import time

import pytest

from kelola.core.demo.builder import DemoResult
from kelola.core.models import Agency
from kelola.datacenter import demo, services
from kelola.datacenter.models import DataCenter, Device, PowerFeed, Rack, Room
from kelola.network import demo as network_demo
from kelola.network.models import IpAddress

pytestmark = pytest.mark.django_db


def test_demo_data_center_is_complete_and_idempotent(world):
    Agency.objects.create(pemda=world.pemda, name="Badan Penanggulangan Bencana Daerah", short_name="BPBD")
    network_demo.build(world.pemda, DemoResult())
    first = DemoResult()
    started = time.monotonic()
    demo.build(world.pemda, first)
    elapsed = time.monotonic() - started
    assert elapsed < 10
    assert first.created["datacenter"] == 1 and first.created["datacenter_room"] == 2
    assert first.created["rack"] == 16 and first.created["power_feed"] == 32
    assert first.created["device"] == 300
    datacenter = DataCenter.objects.get(pemda=world.pemda, code="PD-01")
    assert datacenter.name == "Pusat Data Pemerintah Kota Contoh"
    devices = Device.objects.filter(pemda=world.pemda)
    assert devices.filter(kind="vm").count() == 240 and devices.exclude(kind="vm").count() == 60
    assert set(devices.values_list("origin", flat=True)) >= {"pemda", "colocation", "vps", "hosting"}
    assert not devices.filter(kind="vm", host__isnull=True).exists()
    assert not devices.filter(kind="vm").exclude(host__kind="server").exists()
    for rack in Rack.objects.filter(pemda=world.pemda):
        units = [u for d in rack.devices.all() for u in range(d.position, d.top_unit + 1)]
        assert len(units) == len(set(units)) and max(units) <= rack.u_height
        assert not services.rack_usage(rack)["over_power"]
    warned = services.capacity_warnings(world.pemda.pk)
    assert [w["object"].name for w in warned] == ["R08"]
    linked = IpAddress.objects.filter(pemda=world.pemda, device__isnull=False)
    assert linked.filter(assigned_to="srv-app.dinkes", device__name="srv-app-dinkes").exists()
    assert linked.filter(assigned_to="fw-01", device__name="fw-01").exists()
    again = DemoResult()
    demo.build(world.pemda, again)
    assert again.created == {}
    assert Device.objects.filter(pemda=world.pemda).count() == 300
    assert Room.objects.filter(pemda=world.pemda).count() == 2
    assert PowerFeed.objects.filter(pemda=world.pemda).count() == 32
    assert linked.count() == IpAddress.objects.filter(pemda=world.pemda, device__isnull=False).count()
