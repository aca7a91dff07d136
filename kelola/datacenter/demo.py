"""Demo data center (DC-3): the city's main data center PD-01 with two server rooms of eight 42U
racks each (two power feeds per rack, the second redundant), 60 physical devices (a top-of-rack
switch per rack, two firewalls, two storage arrays, 30 hypervisors, 10 OPD colocation servers in
R08 and R16)
placed without overlaps, and 240 VMs on the hypervisors: 300 servers/VMs in all. VMs of the
OPDs are named after the demo address plan's hosts (srv-app/srv-db of each OPD) and those
addresses are linked to them; the electronic systems of an OPD run on its application VM. Rack
R08 is deliberately dense, so that the capacity warnings page has something to show.

Idempotent: rows are looked up by their natural keys (data-center code, room and rack names,
device names) before they are created."""

from __future__ import annotations

import random
from decimal import Decimal

from kelola.core.models import Agency

from .choices import DeviceKind, DeviceOrigin, DeviceStatus, FacilityKind
from .models import DataCenter, Device, PowerFeed, Rack, Room

CODE = "PD-01"
ROOMS = [("Ruang Server 1", "2"), ("Ruang Server 2", "2")]
RACKS_PER_ROOM = 8
DENSE_RACK = "R08"
#: The OPDs' colocated servers that are not in the dense rack share this one (no hypervisors).
COLOCATION_RACK = "R16"
HYPERVISORS_PER_RACK = 2
COLOCATION_SERVERS = 10
VMS_PER_HYPERVISOR = 8
#: Public hosts of the demo address plan that run as VMs of the IT office.
PUBLIC_VMS = ["web-portal", "web-layanan", "mail", "vpn"]
SYSTEMS = [
    "Ubuntu Server 22.04 LTS",
    "Ubuntu Server 24.04 LTS",
    "Debian 12",
    "Rocky Linux 9",
    "Windows Server 2022",
]


def slug_of(agency: Agency) -> str:
    """The host-name suffix the demo address plan uses for an OPD (network/demo.py)."""
    return (agency.short_name or str(agency.pk)).lower().replace(" ", "").replace(".", "")[:20]


def build(city, result, rng=None) -> None:
    rng = rng or random.Random(2036)
    it_office = Agency.objects.filter(pemda=city, is_it_office=True).first()
    opds = list(
        Agency.objects.filter(pemda=city, parent__isnull=True).exclude(is_it_office=True).order_by("name")
    )
    if it_office is None or not opds:
        return
    datacenter = _datacenter(city, it_office, result)
    racks = _racks(city, datacenter, result)
    existing = {d.name: d for d in Device.objects.filter(pemda=city)}
    physical = _physical(city, datacenter, racks, it_office, opds, existing, result)
    vms = _vms(city, datacenter, physical, it_office, opds, existing, rng, result)
    _link_addresses(city, {**physical, **vms}, opds)
    _link_systems(city, vms, opds)


def _datacenter(city, it_office, result) -> DataCenter:
    datacenter, created = DataCenter.objects.get_or_create(
        pemda=city,
        code=CODE,
        defaults=dict(
            name=f"Pusat Data Pemerintah {city.name}",
            kind=FacilityKind.MAIN,
            agency=it_office,
            meets_standard=True,
            address=it_office.address or "",
            power_capacity_kw=Decimal("60.00"),
            description="Pusat data utama, dikelola Diskominfo (PP 95/2018 Ps. 27).",
        ),
    )
    result.count("datacenter", created)
    return datacenter


def _racks(city, datacenter, result) -> dict[str, Rack]:
    racks = {}
    number = 0
    for room_name, floor in ROOMS:
        room, created = Room.objects.get_or_create(
            datacenter=datacenter, name=room_name, defaults=dict(pemda=city, floor=floor)
        )
        result.count("datacenter_room", created)
        for _ in range(RACKS_PER_ROOM):
            number += 1
            name = f"R{number:02d}"
            rack, created = Rack.objects.get_or_create(
                room=room,
                name=name,
                defaults=dict(pemda=city, u_height=42, max_power_watt=6000, warning_percent=80),
            )
            result.count("rack", created)
            for feed, redundant in (("PDU-A", False), ("PDU-B", True)):
                _feed, created = PowerFeed.objects.get_or_create(
                    rack=rack,
                    name=feed,
                    defaults=dict(
                        pemda=city, voltage=220, amperage=32, max_utilisation=80, is_redundant=redundant
                    ),
                )
                result.count("power_feed", created)
            racks[name] = rack
    return racks


def _layout(racks, it_office, opds) -> list[dict]:
    """Every physical device with its rack and position: bottom up from U2, one unit apart; the
    top-of-rack switch at the top."""
    plan: dict[str, list[dict]] = {name: [] for name in racks}

    def add(rack, name, kind, height, watt, agency, origin, **extra):
        plan[rack].append(
            dict(
                name=name,
                kind=kind,
                u_height=height,
                power_draw_watt=watt,
                agency=agency,
                origin=origin,
                **extra,
            )
        )

    add(DENSE_RACK, "san-01", DeviceKind.STORAGE, 4, 900, it_office, DeviceOrigin.PEMDA)
    add(DENSE_RACK, "san-02", DeviceKind.STORAGE, 4, 900, it_office, DeviceOrigin.PEMDA)
    hypervisor = 0
    for rack in racks:
        for _ in range(HYPERVISORS_PER_RACK if rack != COLOCATION_RACK else 0):
            hypervisor += 1
            add(
                rack,
                f"hv-{hypervisor:02d}",
                DeviceKind.SERVER,
                2,
                450,
                it_office,
                DeviceOrigin.PEMDA,
                vcpus=64,
                memory_gb=512,
                storage_gb=4000,
                operating_system="Proxmox VE 8",
            )
    add(DENSE_RACK, "fw-01", DeviceKind.SECURITY, 1, 200, it_office, DeviceOrigin.PEMDA)
    add(DENSE_RACK, "fw-02", DeviceKind.SECURITY, 1, 200, it_office, DeviceOrigin.PEMDA)
    for index in range(COLOCATION_SERVERS):
        owner = opds[index % len(opds)]
        rack = DENSE_RACK if index < COLOCATION_SERVERS // 2 else COLOCATION_RACK
        add(
            rack,
            f"srv-{slug_of(owner)}-{index + 1:02d}",
            DeviceKind.SERVER,
            1,
            320,
            owner,
            DeviceOrigin.COLOCATION,
            vcpus=16,
            memory_gb=64,
            storage_gb=2000,
            operating_system=SYSTEMS[index % len(SYSTEMS)],
        )
    rows = []
    for rack_name, devices in plan.items():
        cursor = 2
        for device in devices:
            rows.append({**device, "rack": racks[rack_name], "position": cursor})
            cursor += device["u_height"] + 1
        switch = dict(
            name=f"sw-{rack_name.lower()}", kind=DeviceKind.NETWORK, u_height=1, power_draw_watt=150
        )
        rows.append({**switch, "agency": it_office, "origin": DeviceOrigin.PEMDA, "rack": racks[rack_name]})
        rows[-1]["position"] = racks[rack_name].u_height
    return rows


def _physical(city, datacenter, racks, it_office, opds, existing, result) -> dict[str, Device]:
    new = []
    for row in _layout(racks, it_office, opds):
        if row["name"] in existing:
            continue
        new.append(
            Device(
                pemda=city,
                datacenter=datacenter,
                status=DeviceStatus.ACTIVE,
                serial_number=f"SN-{CODE}-{len(existing) + len(new) + 1:04d}",
                **row,
            )
        )
    Device.objects.bulk_create(new)
    for _row in new:
        result.count("device", True)
    return {
        d.name: d
        for d in Device.objects.filter(pemda=city, datacenter=datacenter).exclude(kind=DeviceKind.VM)
    }


def _vm_names(it_office, opds) -> list[tuple[str, Agency, str]]:
    """(name, owner, origin): each OPD's application and database VM first, the public hosts,
    then more VMs of the OPDs until the hypervisors are full."""
    names = []
    for opd in opds:
        names.append((f"srv-app-{slug_of(opd)}", opd, DeviceOrigin.VPS))
        names.append((f"srv-db-{slug_of(opd)}", opd, DeviceOrigin.VPS))
    names.extend((name, it_office, DeviceOrigin.PEMDA) for name in PUBLIC_VMS)
    origins = [DeviceOrigin.HOSTING, DeviceOrigin.VPS, DeviceOrigin.BACKUP]
    index = 0
    hypervisors = HYPERVISORS_PER_RACK * (len(ROOMS) * RACKS_PER_ROOM - 1)
    while len(names) < hypervisors * VMS_PER_HYPERVISOR:
        opd = opds[index % len(opds)]
        names.append((f"vm-{slug_of(opd)}-{index // len(opds) + 1:02d}", opd, origins[index % len(origins)]))
        index += 1
    return names


def _vms(city, datacenter, physical, it_office, opds, existing, rng, result) -> dict[str, Device]:
    hosts = sorted((d for d in physical.values() if d.name.startswith("hv-")), key=lambda d: d.name)
    new = []
    for index, (name, owner, origin) in enumerate(
        _vm_names(it_office, opds)[: len(hosts) * VMS_PER_HYPERVISOR]
    ):
        if name in existing:
            continue
        status = DeviceStatus.PLANNED if index % 37 == 36 else DeviceStatus.ACTIVE
        new.append(
            Device(
                pemda=city,
                agency=owner,
                name=name,
                kind=DeviceKind.VM,
                status=status,
                origin=origin,
                datacenter=datacenter,
                host=hosts[index % len(hosts)],
                vcpus=rng.choice([2, 4, 4, 8]),
                memory_gb=rng.choice([4, 8, 8, 16, 32]),
                storage_gb=rng.choice([80, 100, 200, 500]),
                operating_system=rng.choice(SYSTEMS),
                description="Basis data" if name.startswith("srv-db-") else "",
            )
        )
    Device.objects.bulk_create(new)
    for _row in new:
        result.count("device", True)
    return {d.name: d for d in Device.objects.filter(pemda=city, kind=DeviceKind.VM)}


def _link_addresses(city, devices: dict[str, Device], opds) -> None:
    """The demo address plan's hosts (srv-app.<opd>, srv-db.<opd>, the public servers and the
    firewall) are these devices."""
    from kelola.network.models import IpAddress

    wanted = {}
    for opd in opds:
        for role in ("app", "db"):
            wanted[f"srv-{role}.{slug_of(opd)}"] = f"srv-{role}-{slug_of(opd)}"
    wanted.update({name: name for name in [*PUBLIC_VMS, "fw-01"]})
    addresses = list(
        IpAddress.objects.filter(pemda=city, device__isnull=True, assigned_to__in=list(wanted)).only(
            "pk", "assigned_to"
        )
    )
    linked = []
    for ip in addresses:
        device = devices.get(wanted[ip.assigned_to])
        if device is not None:
            ip.device = device
            linked.append(ip)
    IpAddress.objects.bulk_update(linked, ["device"])


def _link_systems(city, vms: dict[str, Device], opds) -> None:
    """Each OPD's electronic systems run on its application VM."""
    from kelola.portfolio.models import ElectronicSystem

    through = Device.systems.through
    by_agency = {opd.pk: vms.get(f"srv-app-{slug_of(opd)}") for opd in opds}
    linked = set(through.objects.filter(device__pemda=city).values_list("device_id", "electronicsystem_id"))
    rows = []
    for system_id, agency_id in ElectronicSystem.objects.filter(pemda=city).values_list("pk", "agency_id"):
        device = by_agency.get(agency_id)
        if device is not None and (device.pk, system_id) not in linked:
            rows.append(through(device_id=device.pk, electronicsystem_id=system_id))
    through.objects.bulk_create(rows)
