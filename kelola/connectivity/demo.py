"""Demo connectivity data: a few connection-point and event requests in different states, the
pemda's two links, a needs analysis and an allocation for every OPD, and twelve months of daily
usage in which two OPDs exceed their allocation and two barely use it. Idempotent (rows are
looked up by natural keys) and written in bulk, so it stays fast."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from kelola.core.models import Agency, User

from .bandwidth import recommend
from .choices import ConnectionStatus, EventStatus, UsageSource
from .models import (
    BandwidthAllocation,
    BandwidthCapacity,
    BandwidthNeed,
    BandwidthUsage,
    ConnectionPointRequest,
    EventNetworkRequest,
)

ALLOCATION_STEPS = (Decimal(10), Decimal(20), Decimal(30))
#: index of the OPD → (average ratio, peak ratio): over use by average and by peak, under use twice.
PATTERNS = {0: (0.93, 1.05), 1: (0.08, 0.2), 2: (0.6, 1.02), 3: (0.1, 0.25)}
USAGE_MONTHS = 12


def build(city, result, rng=None) -> None:
    rng = rng or random.Random(2028)
    today = timezone.localdate()
    agencies = list(
        Agency.objects.filter(pemda=city, parent__isnull=True, is_active=True)
        .exclude(is_it_office=True)
        .order_by("name")
    )
    if not agencies:
        return
    requesters = {a.pk: User.objects.filter(agency=a).first() for a in agencies[:6]}
    _connection_requests(city, agencies, requesters, today, result)
    _events(city, agencies, requesters, today, result)
    start = (today.replace(day=1) - datetime.timedelta(days=365)).replace(day=1)
    link = _capacities(city, start, result)
    _needs_and_allocations(city, agencies, link, start, today, result)
    _usage(city, agencies, start, today, rng, result)


def _connection_requests(city, agencies, requesters, today, result) -> None:
    rows = [
        (0, "Gedung A lantai 2", "Ruang rapat", 4, ConnectionStatus.SUBMITTED, {}),
        (
            1,
            "Gedung utama",
            "Ruang pelayanan",
            6,
            ConnectionStatus.SURVEYED,
            dict(
                survey_location="Dinding timur ruang pelayanan, dekat loket 1-6",
                survey_points=6,
                survey_devices="Switch 8 port, kabel UTP Cat6 40 m, 6 face plate",
            ),
        ),
        (
            2,
            "Gedung B",
            "Ruang arsip",
            2,
            ConnectionStatus.RECOMMENDED,
            dict(
                survey_location="Meja arsip",
                survey_points=2,
                survey_devices="Kabel UTP 20 m",
                recommendation="Tarik dari switch lantai 1; tidak perlu switch tambahan.",
            ),
        ),
        (
            3,
            "Kantor kecamatan",
            "Ruang kepala",
            1,
            ConnectionStatus.COMPLETED,
            dict(
                survey_location="Meja kepala",
                survey_points=1,
                survey_devices="Kabel UTP 10 m",
                recommendation="Satu titik dari switch ruang staf.",
                analysis="Port switch tersedia; disetujui.",
                installation_report="Terpasang dan terkoneksi, uji ping ke gateway berhasil.",
                installed_at=timezone.now() - datetime.timedelta(days=20),
                closed_at=timezone.now() - datetime.timedelta(days=19),
            ),
        ),
        (
            4,
            "Gudang",
            "",
            10,
            ConnectionStatus.REJECTED,
            dict(decision_reason="Gudang akan direnovasi tahun depan; ajukan kembali setelah renovasi."),
        ),
    ]
    for index, building, room, points, status, extra in rows:
        agency = agencies[index % len(agencies)]
        _row, created = ConnectionPointRequest.objects.get_or_create(
            pemda=city,
            agency=agency,
            building=building,
            room=room,
            defaults=dict(
                points=points,
                purpose=f"Penambahan {points} titik koneksi untuk {room or building}",
                status=status,
                requested_by=requesters.get(agency.pk),
                **extra,
            ),
        )
        result.count("connection_request", created)


def _events(city, agencies, requesters, today, result) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    rows = [
        (0, "Musrenbang Kota", "Aula Balai Kota", 14, 150, 120, EventStatus.SUBMITTED, {}),
        (
            1,
            "Pelatihan SPBE untuk operator OPD",
            "Lab komputer Diskominfo",
            7,
            40,
            45,
            EventStatus.APPROVED,
            dict(recommendation="Satu access point tambahan; 45 alamat dari jaringan lokal."),
        ),
        (
            2,
            "Pameran inovasi daerah",
            "Alun-alun kota",
            -30,
            300,
            100,
            EventStatus.CLOSED,
            dict(
                recommendation="Tiga access point luar ruang; internet 50 Mbps.",
                reserved_addresses="10.36.250.10-10.36.250.109",
                setup_report="Terpasang H-1, uji koneksi berhasil di ketiga stan.",
                dismantled_at=now - datetime.timedelta(days=28),
            ),
        ),
        (
            3,
            "Rapat koordinasi luar kantor",
            "Hotel Sukamaju",
            10,
            60,
            30,
            EventStatus.REJECTED,
            dict(decision_reason="Hotel menyediakan internet sendiri; jaringan intranet tidak diperlukan."),
        ),
    ]
    for index, name, venue, offset_days, participants, addresses, status, extra in rows:
        agency = agencies[index % len(agencies)]
        start = now + datetime.timedelta(days=offset_days)
        _row, created = EventNetworkRequest.objects.get_or_create(
            pemda=city,
            agency=agency,
            name=name,
            defaults=dict(
                venue=venue,
                start_at=start,
                end_at=start + datetime.timedelta(hours=8),
                participants=participants,
                addresses_needed=addresses,
                needs_internet=True,
                needs_intranet=index % 2 == 1,
                bandwidth_mbps=Decimal(50),
                status=status,
                requested_by=requesters.get(agency.pk),
                **extra,
            ),
        )
        result.count("event_request", created)


def _capacities(city, start, result) -> BandwidthCapacity:
    main, created = BandwidthCapacity.objects.get_or_create(
        pemda=city,
        name="Jalur utama pusat data",
        defaults=dict(provider="PT Telekomunikasi Contoh", capacity_mbps=Decimal(1000), valid_from=start),
    )
    result.count("bandwidth_capacity", created)
    _backup, created = BandwidthCapacity.objects.get_or_create(
        pemda=city,
        name="Jalur cadangan",
        defaults=dict(provider="PT Jaringan Contoh", capacity_mbps=Decimal(200), valid_from=start),
    )
    result.count("bandwidth_capacity", created)
    return main


def _needs_and_allocations(city, agencies, link, start, today, result) -> None:
    existing_needs = set(
        BandwidthNeed.objects.filter(pemda=city, year=today.year).values_list("agency_id", flat=True)
    )
    allocated = set(BandwidthAllocation.objects.filter(pemda=city).values_list("agency_id", flat=True))
    needs, allocations = [], []
    for index, agency in enumerate(agencies):
        committed = ALLOCATION_STEPS[index % len(ALLOCATION_STEPS)]
        users, systems = 15 + (index * 7) % 60, index % 5
        if agency.pk not in existing_needs:
            needs.append(
                BandwidthNeed(
                    pemda=city,
                    agency=agency,
                    year=today.year,
                    staff_users=users,
                    systems_in_use=systems,
                    current_mbps=committed,
                    requested_mbps=committed + 10,
                    justification="Rapat daring dan layanan publik berbasis web bertambah.",
                    recommended_mbps=recommend(users, systems),
                )
            )
        if agency.pk not in allocated:
            allocations.append(
                BandwidthAllocation(
                    pemda=city, agency=agency, committed_mbps=committed, valid_from=start, link=link
                )
            )
    BandwidthNeed.objects.bulk_create(needs)
    BandwidthAllocation.objects.bulk_create(allocations)
    for _row in needs:
        result.count("bandwidth_need", True)
    for _row in allocations:
        result.count("bandwidth_allocation", True)


def _usage(city, agencies, start, today, rng, result) -> None:
    if BandwidthUsage.objects.filter(pemda=city).exists():
        return
    allocations = dict(
        BandwidthAllocation.objects.filter(pemda=city).values_list("agency_id", "committed_mbps")
    )
    rows = []
    day = start
    while day < today:
        for index, agency in enumerate(agencies):
            committed = float(allocations.get(agency.pk) or 10)
            average_ratio, peak_ratio = PATTERNS.get(index, (0.45, 0.8))
            weekend = 0.4 if day.weekday() >= 5 else 1.0
            average = committed * average_ratio * weekend * rng.uniform(0.95, 1.05)
            peak = max(average, committed * peak_ratio * rng.uniform(0.97, 1.03))
            rows.append(
                BandwidthUsage(
                    pemda=city,
                    agency=agency,
                    period=day,
                    avg_mbps=Decimal(f"{average:.2f}"),
                    peak_mbps=Decimal(f"{peak:.2f}"),
                    source=UsageSource.SNMP,
                )
            )
        day += datetime.timedelta(days=1)
    BandwidthUsage.objects.bulk_create(rows, batch_size=2000)
    result.count("bandwidth_usage", bool(rows))
