"""Placement and capacity rules of the data-center register (DC-3), with a hypothesis property:
random placements into one rack never leave two devices on the same unit."""

from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import AuditEntry, Notification
from kelola.datacenter import services
from kelola.datacenter.models import DataCenter, Device, PowerFeed, Rack, Room

pytestmark = pytest.mark.django_db


def refusal(call) -> KelolaError:
    with pytest.raises(KelolaError) as caught:
        call()
    return caught.value


def add(world, name, **fields):
    fields.setdefault("agency", world.health)
    return services.device_create(actor=world.users["datacenter"], pemda=world.pemda, name=name, **fields)


def test_a_unit_already_taken_is_refused_with_its_owner(dc):
    before = Device.objects.count()
    error = refusal(lambda: add(dc, "srv-baru", rack=dc.rack, position=11))
    assert error.code == ErrorCode.CONFLICT
    assert str(error.message) == "Unit U11 rak R01 sudah dipakai oleh srv-simpeg-01."
    assert error.errors == {"position": [error.message]}
    error = refusal(lambda: add(dc, "srv-tinggi", rack=dc.rack, position=8, u_height=3))
    assert str(error.message) == "Unit U10 rak R01 sudah dipakai oleh srv-simpeg-01."
    assert Device.objects.count() == before
    assert AuditEntry.objects.filter(action="refused", changes__code="conflict").count() == 2
    # the units next to it are free
    assert add(dc, "srv-bawah", rack=dc.rack, position=9).top_unit == 9
    assert add(dc, "srv-atas", rack=dc.rack, position=12, u_height=4).top_unit == 15


def test_a_device_must_fit_inside_its_rack(dc):
    error = refusal(lambda: add(dc, "srv-puncak", rack=dc.rack, position=42, u_height=2))
    assert "melewati batas rak R01 (U1-U42)" in str(error.message)
    assert add(dc, "srv-puncak", rack=dc.rack, position=41, u_height=2).top_unit == 42
    error = refusal(lambda: add(dc, "srv-tanpa-rak", position=5))
    assert "hanya dapat diisi bila rak dipilih" in str(error.message)
    # unracked (in store) and racked-but-unmounted devices are allowed
    stored = add(dc, "srv-gudang", status="planned")
    assert stored.rack is None and stored.datacenter is None
    loose = add(dc, "pdu-ats", kind="other", rack=dc.rack)
    assert loose.position is None and loose.datacenter == dc.datacenter


def test_vm_rules(dc):
    error = refusal(lambda: add(dc, "vm-yatim", kind="vm"))
    assert str(error.message) == "VM harus berjalan di sebuah host (server fisik)."
    error = refusal(lambda: add(dc, "vm-di-rak", kind="vm", rack=dc.rack, position=30, host=dc.hypervisor))
    assert "VM tidak dipasang di rak" in str(error.message)
    error = refusal(lambda: add(dc, "vm-di-vm", kind="vm", host=dc.vm))
    assert str(error.message) == "Host harus server fisik; vm-simpus adalah mesin virtual (vm)."
    error = refusal(lambda: add(dc, "srv-ber-host", host=dc.hypervisor, rack=dc.rack, position=30))
    assert "Hanya VM" in str(error.message)
    assert dc.vm.datacenter == dc.datacenter and dc.vm.rack is None
    # a host with VMs stays a server, and is not deleted from under them
    error = refusal(lambda: services.device_update(dc.hypervisor, actor=dc.users["gcio"], kind="storage"))
    assert "masih menjadi host" in str(error.message)
    error = refusal(lambda: services.device_delete(dc.hypervisor, actor=dc.users["gcio"]))
    assert "masih menjadi host bagi 2 VM" in str(error.message)


def test_related_rows_must_be_of_the_same_pemda(dc):
    team = dc.users["datacenter"]
    for fields in (
        {"rack": dc.other_rack, "position": 5},
        {"kind": "vm", "host": dc.other_server},
        {"agency": dc.other_health},
        {"datacenter": dc.other_datacenter},
    ):
        error = refusal(lambda f=fields: add(dc, "srv-silang", **f))
        assert str(error.message) == "Data terkait harus dari pemda yang sama.", fields
    error = refusal(lambda: services.device_update(dc.server, actor=team, rack=dc.other_rack))
    assert "pemda yang sama" in str(error.message)
    error = refusal(lambda: services.rack_create(actor=team, pemda=dc.pemda, room=dc.other_room, name="R99"))
    assert "room" in error.errors
    assert not Device.objects.filter(name="srv-silang").exists()
    assert not Rack.objects.filter(name="R99").exists()


def test_the_data_center_follows_the_rack_and_the_host(dc):
    team = dc.users["datacenter"]
    other_dc = services.datacenter_create(
        actor=team, pemda=dc.pemda, name="DRC", code="DRC-01", kind="backup"
    )
    room = services.room_create(actor=team, pemda=dc.pemda, datacenter=other_dc, name="Ruang DRC")
    rack = services.rack_create(actor=team, pemda=dc.pemda, room=room, name="D01")
    moved = services.device_place(dc.hypervisor, actor=team, rack=rack, position=1)
    assert moved.datacenter == other_dc and (moved.rack, moved.position) == (rack, 1)
    dc.vm.refresh_from_db()
    assert dc.vm.datacenter == other_dc
    # a room moved to another data center takes its racks' devices along
    services.room_update(room, actor=team, datacenter=dc.datacenter)
    dc.vm.refresh_from_db()
    assert dc.vm.datacenter == dc.datacenter
    out = services.device_place(dc.server, actor=team, rack=None, position=None)
    assert out.rack is None and out.position is None
    assert AuditEntry.objects.filter(object_id=str(dc.server.pk), comment="Penempatan perangkat").exists()


def test_facilities_with_devices_are_not_deleted(dc):
    team = dc.users["datacenter"]
    error = refusal(lambda: services.rack_delete(dc.rack, actor=team))
    assert str(error.message) == (
        "Rak R01 masih berisi 2 perangkat; pindahkan atau hapus perangkatnya dahulu."
    )
    error = refusal(lambda: services.room_delete(dc.room, actor=team))
    assert "Ruang Ruang 1 masih berisi 2 perangkat" in str(error.message)
    error = refusal(lambda: services.datacenter_delete(dc.datacenter, actor=team))
    assert "Pusat data Pusat Data Kota Contoh masih berisi 4 perangkat" in str(error.message)
    services.rack_delete(dc.spare_rack, actor=team)
    assert not Rack.objects.filter(pk=dc.spare_rack.pk).exists()
    for device in (dc.vm, dc.other_vm, dc.hypervisor, dc.server):
        services.device_delete(device, actor=team)
    error = refusal(lambda: services.datacenter_delete(dc.datacenter, actor=team))
    assert "masih memiliki 1 ruang" in str(error.message)
    services.rack_delete(dc.rack, actor=team)
    assert not PowerFeed.objects.filter(rack_id=dc.rack.pk).exists()
    services.room_delete(dc.room, actor=team)
    services.datacenter_delete(dc.datacenter, actor=team)
    assert not DataCenter.objects.filter(pk=dc.datacenter.pk).exists()
    assert not Room.objects.filter(pk=dc.room.pk).exists()


def test_power_above_the_rack_maximum_is_refused(dc):
    # R01: 5000 W maximum, 900 W drawn
    error = refusal(
        lambda: add(dc, "san-01", kind="storage", rack=dc.rack, position=30, power_draw_watt=4200)
    )
    assert str(error.message) == "Daya rak R01 akan menjadi 5100 W, melebihi batas 5000 W."
    error = refusal(lambda: services.device_update(dc.server, actor=dc.users["gcio"], power_draw_watt=4600))
    assert "melebihi batas 5000 W" in str(error.message)
    dc.server.refresh_from_db()
    assert dc.server.power_draw_watt == 400
    # the limit cannot be lowered under what is drawn, nor the rack shrunk under its devices
    error = refusal(lambda: services.rack_update(dc.rack, actor=dc.users["gcio"], max_power_watt=800))
    assert "batas daya tidak dapat diturunkan" in str(error.message)
    error = refusal(lambda: services.rack_update(dc.rack, actor=dc.users["gcio"], u_height=20))
    assert "sampai U21" in str(error.message)
    assert services.rack_update(dc.rack, actor=dc.users["gcio"], u_height=24).u_height == 24


def test_usage_and_the_warning_is_sent_once_per_crossing(dc):
    team = dc.users["datacenter"]
    usage = services.rack_usage(dc.rack)
    assert usage["units_used"] == 4 and usage["units_free"] == 38 and usage["units_percent"] == 9.5
    assert (usage["power_drawn_watt"], usage["power_percent"]) == (900, 18.0)
    # PDU-A 220 V x 16 A x 80 % = 2816 W; PDU-B is the redundant path and does not count
    assert usage["feed_capacity_watt"] == 2816 and usage["feed_percent"] == 32.0
    assert not usage["warning"] and services.capacity_warnings(dc.pemda.pk) == []
    big = add(dc, "san-01", kind="storage", rack=dc.rack, position=30, u_height=4, power_draw_watt=1500)
    usage = services.rack_usage(dc.rack)
    assert usage["power_warning"] and usage["feed_percent"] == 85.2 and not usage["units_warning"]
    notices = Notification.objects.filter(kind="datacenter_capacity")
    assert list(notices.values_list("recipient__username", flat=True)) == ["datacenter"]
    assert notices.get().title == "Rak R01 mencapai ambang kapasitas 80%"
    add(dc, "srv-kecil", rack=dc.rack, position=40, power_draw_watt=50)
    assert notices.count() == 1  # still over: not told again
    warnings = services.capacity_warnings(dc.pemda.pk)
    assert [w["object"] for w in warnings] == [dc.rack]
    assert any("ambang 80%" in reason for reason in warnings[0]["reasons"])
    services.device_delete(big, actor=team)
    assert Rack.objects.get(pk=dc.rack.pk).warning_notified_at is None
    again = add(dc, "san-02", kind="storage", rack=dc.spare_rack, u_height=4, power_draw_watt=1500)
    assert notices.count() == 1
    services.device_place(again, actor=team, rack=dc.rack, position=30)
    assert notices.count() == 2  # a new crossing
    # a data center drawing more than its capacity is listed too
    services.datacenter_update(dc.datacenter, actor=team, power_capacity_kw=2)
    kinds = [w["kind"] for w in services.capacity_warnings(dc.pemda.pk)]
    assert kinds == ["datacenter", "rack"]


def test_units_warning_on_a_full_rack(dc):
    team = dc.users["datacenter"]
    small = services.rack_create(actor=team, pemda=dc.pemda, room=dc.room, name="R03", u_height=10)
    add(dc, "srv-a", rack=small, position=1, u_height=4)
    assert not services.rack_usage(small)["warning"]
    add(dc, "srv-b", rack=small, position=5, u_height=4)
    usage = services.rack_usage(small)
    assert usage["units_warning"] and usage["units_percent"] == 80.0 and not usage["power_warning"]
    elevation = services.elevation(small)
    rows = {row["unit"]: row for row in elevation["units"]}
    assert [row["unit"] for row in elevation["units"]] == list(range(10, 0, -1))
    assert rows[8]["device"].name == "srv-b" and rows[8]["span"] == 4 and rows[5]["occupied"]
    assert rows[5]["device"] is None and not rows[9]["occupied"]


# --- property -------------------------------------------------------------------------------


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


placements = st.lists(
    st.tuples(st.integers(min_value=-1, max_value=14), st.integers(min_value=1, max_value=4)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(placements)
def test_random_placements_never_share_a_unit(dc, attempts):
    """Model: the set of taken units of a 12U rack. A placement is accepted exactly when its
    units are inside the rack and all free."""
    team = dc.users["datacenter"]
    with rolled_back():
        rack = services.rack_create(actor=team, pemda=dc.pemda, room=dc.room, name="P01", u_height=12)
        taken: set[int] = set()
        for index, (position, height) in enumerate(attempts):
            units = set(range(position, position + height))
            fits = position >= 1 and position + height - 1 <= 12 and not units & taken
            try:
                add(dc, f"p-{index}", rack=rack, position=position, u_height=height)
            except KelolaError:
                assert not fits
            else:
                assert fits
                taken |= units
        stored = [
            unit
            for device in Device.objects.filter(rack=rack)
            for unit in range(device.position, device.top_unit + 1)
        ]
        assert len(stored) == len(set(stored)) == len(taken)
        assert services.rack_usage(rack)["units_used"] == len(taken)
