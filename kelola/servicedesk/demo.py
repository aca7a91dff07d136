"""Demo service catalogue (issue 4): the IT office's services with SLA targets, a few agency
services, the working calendar and this year's and next year's national holidays.
Idempotent: services are looked up by name."""

from __future__ import annotations

import holidays as national
from django.utils import timezone

from kelola.core.models import Agency

from .choices import DEFAULT_TARGETS
from .models import Holiday, Service, ServiceLevel, WorkCalendar

# (owner short name, name, category, tier-2 team, critical, description)
CATALOGUE = [
    (
        "Diskominfo",
        "Pembuatan dan pemulihan akun e-mail dinas",
        "account",
        "helpdesk",
        False,
        "Akun e-mail @sukamaju.go.id",
    ),
    (
        "Diskominfo",
        "Gangguan jaringan internet kantor",
        "network",
        "infrastructure",
        True,
        "Internet dan intranet OPD",
    ),
    (
        "Diskominfo",
        "Pemasangan titik jaringan baru",
        "network",
        "infrastructure",
        False,
        "Survei dan pemasangan titik LAN",
    ),
    (
        "Diskominfo",
        "Hosting dan kolokasi aplikasi",
        "hosting",
        "datacenter",
        False,
        "Penempatan aplikasi di pusat data",
    ),
    (
        "Diskominfo",
        "Permintaan alamat IP publik",
        "hosting",
        "datacenter",
        False,
        "Alokasi IP publik dan lokal",
    ),
    ("Diskominfo", "Dukungan aplikasi Srikandi", "application", "it_support", True, "Persuratan elektronik"),
    (
        "Diskominfo",
        "Dukungan Portal Sukamaju",
        "application",
        "it_support",
        False,
        "Portal resmi pemerintah kota",
    ),
    (
        "Diskominfo",
        "Perbaikan perangkat komputer",
        "hardware",
        "it_support",
        False,
        "Komputer, printer, pemindai",
    ),
    (
        "Diskominfo",
        "Internet sementara untuk acara",
        "network",
        "infrastructure",
        False,
        "Intranet/internet kegiatan",
    ),
    ("Disdukcapil", "Dukungan aplikasi SIAK", "application", "it_support", True, "Administrasi kependudukan"),
    ("Dinkes", "Dukungan aplikasi SIMPUS", "application", "it_support", False, "Sistem informasi puskesmas"),
    (
        "BPKAD",
        "Dukungan aplikasi SIPD Keuangan",
        "application",
        "it_support",
        True,
        "Penatausahaan keuangan daerah",
    ),
]


def build(city, result) -> None:
    WorkCalendar.objects.get_or_create(pemda=city)
    agencies = {a.short_name: a for a in Agency.objects.filter(pemda=city)}
    for short, name, category, team, critical, description in CATALOGUE:
        agency = agencies.get(short)
        if agency is None:
            continue
        service, created = Service.objects.get_or_create(
            pemda=city,
            name=name,
            defaults=dict(
                agency=agency,
                category=category,
                team=team,
                critical=critical,
                critical_proposed=critical,
                description=description,
                availability_target=99.5 if critical else 98,
            ),
        )
        result.count("service", created)
        if created:
            ServiceLevel.objects.bulk_create(
                ServiceLevel(service=service, priority=p, response_minutes=r, resolution_minutes=f)
                for p, (r, f) in DEFAULT_TARGETS.items()
            )
    year = timezone.localdate().year
    for day, name in sorted(national.Indonesia(years=[year, year + 1], language="id").items()):
        _holiday, created = Holiday.objects.get_or_create(pemda=city, date=day, defaults={"name": name[:200]})
        result.count("holiday", created)
