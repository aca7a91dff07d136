"""A small configuration world: data center → rooms → racks → servers → VMs → systems → services,
with a core switch, a portfolio integration link, a "dikecualikan" system and the other pemda's
own data center. Rows are written with the ORM, so the sync receivers build the graph."""

from types import SimpleNamespace

import pytest

from kelola.datacenter.models import DataCenter, Device, Rack, Room
from kelola.portfolio.models import ElectronicSystem, SystemLink
from kelola.servicedesk.models import Service


def make_system(agency, internal_name, external_name, **extra):
    return ElectronicSystem.objects.create(
        pemda=agency.pemda,
        agency=agency,
        internal_name=internal_name,
        external_name=external_name,
        description="-",
        app_kind="specific",
        **extra,
    )


def make_service(agency, name, system=None):
    return Service.objects.create(
        pemda=agency.pemda, agency=agency, name=name, description="-", category="application", system=system
    )


def make_device(agency, name, kind="server", **extra):
    return Device.objects.create(pemda=agency.pemda, agency=agency, name=name, kind=kind, **extra)


def make_site(pemda, code, agency=None):
    center = DataCenter.objects.create(pemda=pemda, name=f"Pusat Data {code}", code=code, agency=agency)
    room = Room.objects.create(pemda=pemda, datacenter=center, name="Ruang Server")
    return center, room


@pytest.fixture
def graph_world(world):
    w = world
    g = SimpleNamespace()
    g.center, g.room = make_site(w.pemda, "DC1")
    g.rack1 = Rack.objects.create(pemda=w.pemda, room=g.room, name="R01")
    g.rack2 = Rack.objects.create(pemda=w.pemda, room=g.room, name="R02")
    g.switch = make_device(w.it_office, "sw-core", "network", rack=g.rack1, datacenter=g.center)
    g.server1 = make_device(w.it_office, "srv-01", rack=g.rack1, datacenter=g.center)
    g.server2 = make_device(w.it_office, "srv-02", rack=g.rack2, datacenter=g.center)
    g.vm_health = make_device(w.health, "vm-simpus", "vm", host=g.server1, datacenter=g.center)
    g.vm_school = make_device(w.education, "vm-dapodik", "vm", host=g.server2, datacenter=g.center)
    g.simpus = make_system(w.health, "simpus", "SIMPUS")
    g.dapodik = make_system(w.education, "dapodik", "Dapodik Lokal")
    g.secret = make_system(w.health, "rahasia", "Sistem Rahasia", classification="exempt")
    g.vm_health.systems.add(g.simpus, g.secret)
    g.vm_school.systems.add(g.dapodik)
    SystemLink.objects.create(system=g.dapodik, kind="exchanges_with", target_system=g.simpus)
    g.simpus_service = make_service(w.health, "Layanan SIMPUS", g.simpus)
    g.school_service = make_service(w.education, "Layanan Dapodik", g.dapodik)
    g.other_center, g.other_room = make_site(w.other_pemda, "DCX")
    g.other_rack = Rack.objects.create(pemda=w.other_pemda, room=g.other_room, name="RX")
    g.other_server = make_device(w.other_health, "srv-lain", rack=g.other_rack, datacenter=g.other_center)
    w.g = g
    return w
