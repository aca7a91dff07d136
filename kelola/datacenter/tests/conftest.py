"""A small data center for the tests: PD-01 of pemda A with one room and two racks, a server of
Dinas Kesehatan at U10-U11 of R01, a hypervisor of the IT office at U20-U21 with a VM of Dinas
Kesehatan and one of Dinas Pendidikan; and pemda B's own data center with one server."""

import pytest

from kelola.datacenter import services


@pytest.fixture
def dc(world):
    team = world.users["datacenter"]
    world.datacenter = services.datacenter_create(
        actor=team, pemda=world.pemda, name="Pusat Data Kota Contoh", code="PD-01", power_capacity_kw=20
    )
    world.room = services.room_create(
        actor=team, pemda=world.pemda, datacenter=world.datacenter, name="Ruang 1"
    )
    world.rack = services.rack_create(
        actor=team, pemda=world.pemda, room=world.room, name="R01", max_power_watt=5000, warning_percent=80
    )
    world.spare_rack = services.rack_create(actor=team, pemda=world.pemda, room=world.room, name="R02")
    world.feed_a = services.power_feed_create(actor=team, pemda=world.pemda, rack=world.rack, name="PDU-A")
    world.feed_b = services.power_feed_create(
        actor=team, pemda=world.pemda, rack=world.rack, name="PDU-B", is_redundant=True
    )
    world.server = services.device_create(
        actor=team,
        pemda=world.pemda,
        agency=world.health,
        name="srv-simpeg-01",
        rack=world.rack,
        position=10,
        u_height=2,
        power_draw_watt=400,
        origin="colocation",
        serial_number="SN-SIMPEG-1",
        operating_system="Debian 12",
    )
    world.hypervisor = services.device_create(
        actor=team,
        pemda=world.pemda,
        agency=world.it_office,
        name="hv-01",
        rack=world.rack,
        position=20,
        u_height=2,
        power_draw_watt=500,
    )
    world.vm = services.device_create(
        actor=team, pemda=world.pemda, agency=world.health, name="vm-simpus", kind="vm", host=world.hypervisor
    )
    world.other_vm = services.device_create(
        actor=team,
        pemda=world.pemda,
        agency=world.education,
        name="vm-dapodik",
        kind="vm",
        host=world.hypervisor,
    )
    other_team = world.other_pemda_admin
    world.other_datacenter = services.datacenter_create(
        actor=other_team, pemda=world.other_pemda, name="Pusat Data Kabupaten Lain", code="PD-01"
    )
    world.other_room = services.room_create(
        actor=other_team, pemda=world.other_pemda, datacenter=world.other_datacenter, name="Ruang A"
    )
    world.other_rack = services.rack_create(
        actor=other_team, pemda=world.other_pemda, room=world.other_room, name="R01"
    )
    world.other_server = services.device_create(
        actor=other_team,
        pemda=world.other_pemda,
        agency=world.other_health,
        name="srv-lain-01",
        rack=world.other_rack,
        position=1,
    )
    return world
