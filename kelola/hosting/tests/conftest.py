import pytest

from kelola.datacenter.choices import DeviceKind
from kelola.datacenter.models import DataCenter, Device, Rack, Room
from kelola.network import services as network
from kelola.portfolio.models import ElectronicSystem


def make_system(agency, internal_name, **extra) -> ElectronicSystem:
    values = {
        "internal_name": internal_name,
        "external_name": "Sistem Informasi Puskesmas",
        "description": "Rekam medis elektronik puskesmas",
        "app_kind": "specific",
        "status": "production",
        "url": "https://simpus.example.go.id",
    }
    values.update(extra)
    return ElectronicSystem.objects.create(pemda=agency.pemda, agency=agency, **values)


@pytest.fixture
def hub(world):
    """The world plus the pemda's data center (a rack, a host server), two prefixes and a
    system of Dinas Kesehatan; the other pemda has a system too."""
    ns = world
    ns.datacenter = DataCenter.objects.create(pemda=world.pemda, name="Pusat Data Kota", code="PD1")
    room = Room.objects.create(pemda=world.pemda, datacenter=ns.datacenter, name="Ruang Server")
    ns.rack = Rack.objects.create(pemda=world.pemda, room=room, name="R01", u_height=42, max_power_watt=8000)
    ns.host = Device.objects.create(
        pemda=world.pemda,
        agency=world.it_office,
        name="host-01",
        kind=DeviceKind.SERVER,
        datacenter=ns.datacenter,
        rack=ns.rack,
        position=1,
        u_height=2,
        power_draw_watt=500,
    )
    actor = world.users["datacenter"]
    ns.public = network.prefix_create(
        actor=actor, pemda=world.pemda, network="203.0.113.0/28", scope="public"
    )
    ns.lan = network.prefix_create(actor=actor, pemda=world.pemda, network="10.50.0.0/24", scope="private")
    ns.system = make_system(world.health, "simpus")
    ns.school_system = make_system(world.education, "dapodik")
    ns.other_system = make_system(world.other_health, "simpus-lain")
    return ns
