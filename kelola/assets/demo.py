"""Demo asset register (issue 5 item 11): about 3,000 ICT assets over the demo pemda's agencies
(computers, laptops, printers, network devices, servers at the IT office, UPS, storage), a few
licences with their seats, maintenance schedules (some overdue) and records.

LAN diagrams (ASSET-4): most OPDs have a current one, a few only one older than 12 months
(listed as overdue), a few none; some also filed a change report. The files are tiny PNG
images made in memory.

Idempotent: assets are recognised by their serial number, licences by agency and name, and an
OPD that already has a LAN diagram gets none."""

from __future__ import annotations

import contextlib
import datetime
import random
from decimal import Decimal

from kelola.core.errors import KelolaError
from kelola.core.models import Agency

from .choices import DEFAULT_LIFETIME, AssetCategory, AssetKind, AssetStatus, Condition, FundingSource
from .models import Asset, Licence, LicenceAssignment, MaintenanceRecord, MaintenanceSchedule, add_months

TARGET = 3000
# (category, share, [(name, brand/model, specs, cost in rupiah)])
CATALOGUE = [
    (
        AssetCategory.COMPUTER,
        45,
        [
            ("PC Desktop", "Lenovo ThinkCentre M70t", "Core i5-12400, RAM 8 GB, SSD 512 GB", 12_500_000),
            ("PC Desktop", "HP ProDesk 400 G7", "Core i5-10500, RAM 8 GB, HDD 1 TB", 11_200_000),
            ("PC All-in-One", "Asus ExpertCenter E5", "Core i5-1135G7, RAM 8 GB, SSD 256 GB", 13_900_000),
            ("PC Desktop", "Dell OptiPlex 3080", "Core i3-10100, RAM 4 GB, HDD 1 TB", 9_400_000),
        ],
    ),
    (
        AssetCategory.LAPTOP,
        20,
        [
            ("Laptop", "Lenovo ThinkPad E14", "Core i5-1235U, RAM 16 GB, SSD 512 GB", 15_800_000),
            ("Laptop", "Asus ExpertBook B1", "Core i5-1135G7, RAM 8 GB, SSD 512 GB", 12_300_000),
            ("Laptop", "Acer TravelMate P2", "Core i3-1115G4, RAM 8 GB, SSD 256 GB", 9_900_000),
        ],
    ),
    (
        AssetCategory.PRINTER,
        17,
        [
            ("Printer", "Epson L3210", "Tinta isi ulang, cetak-pindai-salin", 2_650_000),
            ("Printer", "HP LaserJet Pro M404dn", "Laser monokrom, dupleks, jaringan", 5_900_000),
            ("Pemindai dokumen", "Fujitsu fi-800R", "ADF, 40 ppm", 9_750_000),
        ],
    ),
    (
        AssetCategory.NETWORK,
        8,
        [
            ("Switch", "MikroTik CRS328-24P", "24 port PoE gigabit, 4 SFP+", 8_600_000),
            ("Access point", "Ubiquiti UniFi U6 Lite", "Wi-Fi 6, PoE", 2_350_000),
            ("Router", "MikroTik CCR2004-16G", "16 port gigabit, 2 SFP+", 9_800_000),
        ],
    ),
    (
        AssetCategory.UPS,
        6,
        [("UPS", "APC Smart-UPS 1500VA", "1500 VA / 1000 W, line interactive", 8_900_000)],
    ),
    (AssetCategory.STORAGE, 2, [("NAS", "Synology DS920+", "4 bay, 4 x 4 TB", 14_500_000)]),
    (
        AssetCategory.OTHER,
        2,
        [("Proyektor", "Epson EB-X500", "3600 lumen, XGA", 7_200_000)],
    ),
]
# Servers and the core network live at the IT office (the pemda's data center).
IT_OFFICE_EQUIPMENT = [
    (
        AssetCategory.SERVER,
        "Server aplikasi",
        "Dell PowerEdge R750",
        "2 x Xeon Silver 4314, RAM 256 GB",
        285_000_000,
    ),
    (
        AssetCategory.SERVER,
        "Server basis data",
        "HPE ProLiant DL380 Gen10",
        "2 x Xeon Gold 5218, RAM 384 GB",
        340_000_000,
    ),
    (
        AssetCategory.SERVER,
        "Server virtualisasi",
        "Lenovo ThinkSystem SR650",
        "2 x Xeon Silver 4210, RAM 192 GB",
        210_000_000,
    ),
    (AssetCategory.NETWORK, "Core switch", "Cisco Catalyst 9300-48P", "48 port PoE+, stack", 165_000_000),
    (AssetCategory.NETWORK, "Firewall", "Fortinet FortiGate 200F", "NGFW, 18 port", 198_000_000),
    (AssetCategory.STORAGE, "Storage SAN", "Dell PowerVault ME5024", "24 x 2,4 TB SAS", 420_000_000),
    (
        AssetCategory.UPS,
        "UPS ruang server",
        "APC Smart-UPS SRT 10kVA",
        "10 kVA online double conversion",
        96_000_000,
    ),
]
ROOMS = [
    "Ruang kepala",
    "Ruang sekretariat",
    "Ruang pelayanan",
    "Ruang rapat",
    "Ruang umum",
    "Ruang keuangan",
]
LICENCES = [
    # (software, vendor, type, seats, months to expiry (None = perpetual), cost)
    ("Microsoft Office 2021 Standard", "Microsoft", "per_seat", 20, None, 68_000_000),
    ("Antivirus ESET Endpoint Protection", "ESET", "subscription", 30, 1, 21_000_000),
    ("Adobe Acrobat Pro", "Adobe", "subscription", 5, 7, 17_500_000),
    ("LibreOffice", "The Document Foundation", "open_source", None, None, 0),
]


def build(city, result, rng=None) -> None:
    rng = rng or random.Random(2028)
    today = datetime.date.today()
    agencies = list(Agency.objects.filter(pemda=city).order_by("pk"))
    if not agencies:
        return
    existing = set(Asset.objects.filter(pemda=city).values_list("serial_number", flat=True))
    assets = _assets(city, agencies, existing, rng, today)
    Asset.objects.bulk_create(assets, batch_size=1000)
    for _asset in assets:
        result.count("asset", True)
    stored = list(Asset.objects.filter(pemda=city, serial_number__startswith="SKM").order_by("pk"))
    _licences(city, agencies, stored, result, today)
    _maintenance(city, stored, result, rng, today)
    _lan_diagrams(city, result, today)


def _assets(city, agencies, existing, rng, today) -> list[Asset]:
    from kelola.organizations.models import Person

    people: dict[int, list[int]] = {}
    for pk, agency_id in Person.objects.filter(pemda=city).values_list("pk", "agency_id"):
        people.setdefault(agency_id, []).append(pk)
    weights = [share for _c, share, _m in CATALOGUE]
    it_office = next((a for a in agencies if a.is_it_office), agencies[0])
    rows = []
    per_agency = TARGET // len(agencies)
    for index, agency in enumerate(agencies):
        # Larger agencies have more equipment; the IT office holds the servers.
        count = int(per_agency * rng.uniform(0.6, 1.4))
        for n in range(count):
            category, models = rng.choices([(c, m) for c, _s, m in CATALOGUE], weights=weights)[0]
            rows.append(_asset(city, agency, index, n, category, rng.choice(models), people, rng, today))
    for n, (category, name, brand, spec, cost) in enumerate(IT_OFFICE_EQUIPMENT * 6):
        numbered = f"{name} {n // len(IT_OFFICE_EQUIPMENT) + 1:02d}"
        rows.append(
            _asset(city, it_office, 99, 9000 + n, category, (numbered, brand, spec, cost), people, rng, today)
        )
    return [row for row in rows if row.serial_number not in existing]


def _asset(city, agency, index, n, category, model, people, rng, today) -> Asset:
    name, brand, spec, cost = model
    years_old = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9])
    acquired = today - datetime.timedelta(days=int(years_old * 365 + rng.randint(0, 364)))
    lifetime = DEFAULT_LIFETIME[category]
    age = (today - acquired).days / 365.25
    condition = Condition.GOOD
    if age > lifetime + 2 and rng.random() < 0.5:
        condition = Condition.HEAVY_DAMAGE
    elif age > lifetime and rng.random() < 0.4:
        condition = Condition.LIGHT_DAMAGE
    status = AssetStatus.IN_USE
    roll = rng.random()
    repairs = rng.choice([0, 0, 0, 0, 1, 1, 2, 3]) if age > 2 else 0
    disposal_date, disposal_reason = None, ""
    if condition == Condition.HEAVY_DAMAGE and roll < 0.35:
        status, disposal_date = AssetStatus.DISPOSED, today - datetime.timedelta(days=rng.randint(10, 400))
        disposal_reason = "Rusak berat, tidak ekonomis diperbaiki; diusulkan penghapusan BMD."
    elif roll < 0.03:
        status, repairs = AssetStatus.IN_REPAIR, repairs + 1
    elif years_old == 0 and roll < 0.15:
        status = AssetStatus.PROCURED
    elif years_old == 0 and roll < 0.2:
        status, acquired = AssetStatus.PLANNED, None
    room = (
        rng.choice(ROOMS) if category not in (AssetCategory.SERVER, AssetCategory.STORAGE) else "Ruang server"
    )
    if category == AssetCategory.NETWORK and agency.is_it_office and n >= 9000:
        room = "Ruang server"
    staff = people.get(agency.pk) or []
    custodian = (
        rng.choice(staff) if staff and category in (AssetCategory.COMPUTER, AssetCategory.LAPTOP) else None
    )
    price = Decimal(cost) * Decimal(str(round(rng.uniform(0.9, 1.1), 2)))
    return Asset(
        pemda=city,
        agency=agency,
        kind=AssetKind.HARDWARE,
        category=category,
        name=f"{name} {agency.short_name or agency.name} {n + 1:03d}" if n < 9000 else name,
        brand_model=brand,
        specs=spec,
        serial_number=f"SKM{index:02d}{n:05d}",
        acquisition_date=acquired,
        acquisition_cost=price.quantize(Decimal("1000")),
        funding_source=rng.choices(
            [FundingSource.APBD, FundingSource.DAK, FundingSource.APBN, FundingSource.GRANT],
            weights=[80, 10, 6, 4],
        )[0],
        condition=condition,
        location=f"{room}, {agency.short_name or agency.name}",
        custodian_id=custodian,
        status=status,
        expected_lifetime_years=DEFAULT_LIFETIME[category],
        repair_count=repairs,
        disposal_date=disposal_date,
        disposal_reason=disposal_reason,
    )


def _licences(city, agencies, assets, result, today) -> None:
    from kelola.core.models import RoleAssignment

    from . import services

    computers: dict[int, list[Asset]] = {}
    for asset in assets:
        if (
            asset.category in (AssetCategory.COMPUTER, AssetCategory.LAPTOP)
            and asset.status == AssetStatus.IN_USE
        ):
            computers.setdefault(asset.agency_id, []).append(asset)
    owners = [a for a in agencies if a.is_it_office] + [
        a for a in agencies if a.short_name in ("Dinkes", "BPKAD")
    ]
    full = None
    for agency in owners[:3]:
        for software, vendor, kind, seats, months, cost in LICENCES:
            licence, created = Licence.objects.get_or_create(
                pemda=city,
                agency=agency,
                software_name=software,
                defaults=dict(
                    vendor=vendor,
                    licence_type=kind,
                    seats=seats,
                    expiry_date=add_months(today, months) if months else None,
                    cost=Decimal(cost),
                ),
            )
            result.count("licence", created)
            if not created:
                continue
            pool = computers.get(agency.pk, [])
            take = min(len(pool), seats if seats else 10)
            LicenceAssignment.objects.bulk_create(
                LicenceAssignment(pemda=city, agency=agency, licence=licence, asset=a, assigned_on=today)
                for a in pool[:take]
            )
            for _n in range(take):
                result.count("licence_assignment", True)
            if seats and take == seats and full is None:
                full = (licence, pool[take] if len(pool) > take else None)
    # One over-use attempt: the service refuses it and nothing is stored.
    grant = RoleAssignment.objects.filter(pemda=city, role="gcio").select_related("user").first()
    if full is not None and full[1] is not None and grant is not None:
        with contextlib.suppress(KelolaError):
            services.licence_assign(full[0], actor=grant.user, asset=full[1])


def _maintenance(city, assets, result, rng, today) -> None:
    if MaintenanceSchedule.objects.filter(pemda=city).exists():
        return
    tasks = {
        AssetCategory.SERVER: ("Pemeriksaan fisik, firmware dan log server", 3),
        AssetCategory.NETWORK: ("Pemeriksaan konfigurasi dan pembaruan firmware", 6),
        AssetCategory.UPS: ("Uji baterai dan beban UPS", 6),
        AssetCategory.STORAGE: ("Pemeriksaan kesehatan disk", 3),
        AssetCategory.COMPUTER: ("Pembersihan dan pemeriksaan PC", 12),
    }
    schedules, records = [], []
    for asset in assets:
        if asset.status in (AssetStatus.DISPOSED, AssetStatus.PLANNED) or asset.category not in tasks:
            continue
        if asset.category == AssetCategory.COMPUTER and rng.random() > 0.2:
            continue
        task, months = tasks[asset.category]
        last = today - datetime.timedelta(days=rng.randint(20, months * 30 + 60))
        schedules.append(
            MaintenanceSchedule(
                pemda=city,
                agency_id=asset.agency_id,
                asset=asset,
                task=task,
                interval_months=months,
                next_due=add_months(last, months),
            )
        )
        records.append(
            MaintenanceRecord(
                pemda=city,
                agency_id=asset.agency_id,
                asset=asset,
                date=last,
                work=task,
                cost=Decimal(rng.choice([0, 150_000, 350_000, 750_000])),
                performed_by=rng.choice(
                    ["Tim Infrastruktur Diskominfo", "Teknisi OPD", "CV Mitra Teknologi"]
                ),
            )
        )
    MaintenanceSchedule.objects.bulk_create(schedules, batch_size=1000)
    MaintenanceRecord.objects.bulk_create(records, batch_size=1000)
    for _s in schedules:
        result.count("maintenance_schedule", True)


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A valid, tiny grey PNG image (for demo diagrams and tests)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x80" * width for _row in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


LAN_CHANGES = [
    "Penambahan switch 24 port di lantai 2 dan pemindahan access point ruang pelayanan.",
    "Penggantian router utama dan penambahan VLAN untuk CCTV.",
    "Penarikan kabel fiber optik ke gedung arsip dan penambahan 2 access point.",
]


def _lan_diagrams(city, result, today) -> None:
    import hashlib

    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile

    from kelola.core.choices import Classification
    from kelola.core.models import Document, DocumentKind
    from kelola.core.queries import users_with_roles
    from kelola.core.roles import AGENCY_MANAGERS

    from .choices import LanReportKind
    from .models import LanDiagram
    from .queries import lan_required_agencies

    filed = set(LanDiagram.objects.filter(pemda=city).values_list("agency_id", flat=True))
    content_type = ContentType.objects.get_for_model(LanDiagram)
    content = tiny_png()
    digest = hashlib.sha256(content).hexdigest()
    agencies = lan_required_agencies(Agency.objects.filter(pemda=city)).order_by("pk")
    for index, agency in enumerate(agencies):
        if agency.pk in filed or index % 9 == 8:  # every ninth OPD never filed one
            continue
        uploader = users_with_roles(city.pk, AGENCY_MANAGERS, agency_id=agency.pk).first()
        if index % 7 == 3:  # a few only have a diagram older than the period
            filings = [(LanReportKind.YEARLY, add_months(today, -13 - index % 6), "")]
        else:
            yearly = add_months(today, -(1 + index % 10))
            filings = [(LanReportKind.YEARLY, yearly, "")]
            if index % 4 == 1:  # and some reported a change since
                change = yearly + datetime.timedelta(days=max(1, (today - yearly).days // 2))
                filings.append((LanReportKind.CHANGE, change, LAN_CHANGES[index % len(LAN_CHANGES)]))
        for kind, effective, summary in filings:
            name = f"diagram-lan-{agency.short_name or agency.pk}-{effective:%Y%m%d}.png".replace(" ", "-")
            document = Document(
                pemda=city,
                agency=agency,
                title=f"Diagram LAN {agency.name} per {effective:%d-%m-%Y}",
                kind=DocumentKind.DIAGRAM,
                classification=Classification.EXEMPT,
                description=summary,
                original_name=name,
                mime_type="image/png",
                size=len(content),
                sha256=digest,
                uploaded_by=uploader,
            )
            document.file.save(name, ContentFile(content), save=False)
            document.save()
            diagram = LanDiagram.objects.create(
                pemda=city,
                agency=agency,
                report_kind=kind,
                effective_date=effective,
                change_summary=summary,
                document=document,
                uploaded_by=uploader,
            )
            uploaded = datetime.datetime.combine(effective, datetime.time(9), tzinfo=datetime.UTC)
            LanDiagram.objects.filter(pk=diagram.pk).update(created_at=uploaded)
            Document.objects.filter(pk=document.pk).update(
                target_type=content_type, target_id=str(diagram.pk), created_at=uploaded
            )
            result.count("lan_diagram", True)
