"""Demo service catalogue (issue 4): the IT office's services with SLA targets, a few agency
services, the working calendar and this year's and next year's national holidays.
Idempotent: services are looked up by name."""

from __future__ import annotations

import holidays as national
from django.utils import timezone

from kelola.core.models import Agency
from kelola.portfolio.models import ElectronicSystem

from .choices import DEFAULT_TARGETS
from .models import Holiday, Service, ServiceLevel, WorkCalendar

# (owner short name, name, category, tier-2 team, critical, description)
#: Application services and the electronic system (internal name) of the portfolio demo each supports (the
#: tickets about them name the system: their impact panel then shows what depends on it).
SERVICE_SYSTEMS = {
    "Dukungan aplikasi Srikandi": "srikandi",
    "Dukungan Portal Sukamaju": "portal",
}

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


def build(city, result, rng=None) -> None:
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
        system_name = SERVICE_SYSTEMS.get(name)
        if created and system_name:
            service.system = ElectronicSystem.objects.filter(pemda=city, internal_name=system_name).first()
            service.save(update_fields=["system"])
        if created:
            ServiceLevel.objects.bulk_create(
                ServiceLevel(service=service, priority=p, response_minutes=r, resolution_minutes=f)
                for p, (r, f) in DEFAULT_TARGETS.items()
            )
    year = timezone.localdate().year
    for day, name in sorted(national.Indonesia(years=[year, year + 1], language="id").items()):
        _holiday, created = Holiday.objects.get_or_create(pemda=city, date=day, defaults={"name": name[:200]})
        result.count("holiday", created)
    import random

    build_tickets(city, result, rng or random.Random(2029))
    build_articles(city, result)


TICKET_TOPICS = [
    ("incident", "Internet kantor tidak tersambung", "high", "high"),
    ("incident", "Aplikasi tidak bisa dibuka", "medium", "high"),
    ("request", "Pembuatan akun e-mail pegawai baru", "low", "medium"),
    ("request", "Reset kata sandi aplikasi", "low", "high"),
    ("incident", "Printer jaringan tidak merespons", "low", "low"),
    ("request", "Pemasangan titik jaringan ruang rapat", "medium", "low"),
    ("incident", "Wifi lambat di lantai dua", "medium", "medium"),
    ("request", "Permintaan hosting aplikasi baru", "medium", "low"),
]
DEMO_TICKETS = 5000


def build_tickets(city, result, rng) -> None:
    """A year of tickets (about 5,000): most closed with their times and ratings, the recent
    ones still open at every step. Stored directly, with due times from the calendar."""
    import datetime

    from . import clock
    from .choices import PRIORITY_MATRIX
    from .choices import TicketStatus as S
    from .models import Ticket, clock_calendar

    if Ticket.objects.filter(pemda=city).exists():
        return
    calendar = clock_calendar(city)
    services = list(Service.objects.filter(pemda=city, is_active=True, available_to_all=True))
    if not services:
        return
    levels = {
        (lvl.service_id, lvl.priority): lvl for lvl in ServiceLevel.objects.filter(service__in=services)
    }
    agencies = list(Agency.objects.filter(pemda=city, is_active=True))
    now = timezone.now()
    rows, filed = [], []
    for _index in range(DEMO_TICKETS):
        kind, title, impact, urgency = rng.choice(TICKET_TOPICS)
        service = rng.choice(services)
        agency = rng.choice(agencies)
        created = now - datetime.timedelta(minutes=rng.randint(10, 365 * 24 * 60))
        priority = PRIORITY_MATRIX[(impact, urgency)]
        level = levels[(service.pk, priority)]
        response_due = clock.add(calendar, created, datetime.timedelta(minutes=level.response_minutes))
        resolution_due = clock.add(calendar, created, datetime.timedelta(minutes=level.resolution_minutes))
        age_days = (now - created).days
        status = (
            S.CLOSED
            if age_days > 3
            else rng.choice([S.NEW, S.IN_PROGRESS, S.ESCALATED, S.WAITING_USER, S.RESOLVED, S.CLOSED])
        )
        late = rng.random() < 0.05
        resolved_at = None
        if status in (S.RESOLVED, S.CLOSED):
            resolved_at = (
                resolution_due + datetime.timedelta(hours=rng.randint(1, 30))
                if late
                else created + (resolution_due - created) * rng.uniform(0.2, 0.9)
            )
        tier = 2 if status == S.ESCALATED or rng.random() < 0.3 else 1
        filed.append(created)
        rows.append(
            Ticket(
                pemda=city,
                agency=agency,
                service=service,
                system_id=service.system_id,
                kind=kind,
                channel=rng.choice(["web", "web", "phone", "walk_in", "email"]),
                title=title,
                description=f"{title} di {agency.short_name or agency.name}.",
                requester_name=f"Pegawai {agency.short_name}",
                impact=impact,
                urgency=urgency,
                priority=priority,
                status=status,
                tier=tier,
                team=service.team if tier == 2 else "",
                response_due=response_due,
                resolution_due=resolution_due,
                responded_at=created + (response_due - created) * rng.uniform(0.1, 1.3)
                if status != S.NEW
                else None,
                resolved_at=resolved_at,
                closed_at=resolved_at + datetime.timedelta(hours=rng.randint(1, 48))
                if status == S.CLOSED and resolved_at
                else None,
                resolution="Masalah ditangani." if resolved_at else "",
                rating=rng.choice([3, 4, 4, 5, 5]) if status == S.CLOSED else None,
            )
        )
    created_rows = Ticket.objects.bulk_create(rows, batch_size=1000)
    # bulk_create stamps every row "now"; the filing times are the ones drawn above.
    for ticket, when in zip(created_rows, filed, strict=True):
        ticket.created_at = ticket.updated_at = when
    Ticket.objects.bulk_update(created_rows, ["created_at", "updated_at"], batch_size=500)
    result.created["ticket"] = result.created.get("ticket", 0) + len(created_rows)


ARTICLES = [
    (
        "Wifi kantor tidak tersambung",
        "Jaringan",
        "staff",
        "Periksa lampu router dan access point; nyalakan ulang. Bila tetap mati, buat tiket "
        "layanan Gangguan jaringan internet kantor.",
    ),
    (
        "Lupa kata sandi e-mail dinas",
        "Akun",
        "staff",
        "Gunakan menu lupa kata sandi; bila nomor HP tidak terdaftar, minta reset melalui tiket.",
    ),
    (
        "Cara mengajukan layanan TI",
        "Umum",
        "public",
        "Pegawai perangkat daerah mengajukan tiket melalui Kelola; permintaan biasa dilampiri "
        "surat kepala perangkat daerah.",
    ),
    (
        "Pemeriksaan server sebelum kolokasi",
        "Pusat data",
        "it_staff",
        "Periksa rak, daya, kondisi server dan legalitas perangkat lunak sebelum penempatan.",
    ),
    (
        "Printer jaringan tidak merespons",
        "Perangkat keras",
        "staff",
        "Pastikan printer menyala dan tersambung kabel LAN; cetak halaman konfigurasi.",
    ),
]


def build_articles(city, result) -> None:
    from .knowledge import _search_text
    from .models import Article

    for title, category, audience, body in ARTICLES:
        article, created = Article.objects.get_or_create(
            pemda=city,
            title=title,
            defaults={
                "category": category,
                "audience": audience,
                "status": "published",
                "body": body,
            },
        )
        if created:
            Article.objects.filter(pk=article.pk).update(search_text=_search_text(article))
        result.count("article", created)


#: Demo work orders: (procedure, steps as (step, username, data)).
WORK_ORDER_PATHS = [
    ("request", [("accept", "itsupport", {}), ("return", "itsupport", {"report": "Akun dibuat dan diuji."})]),
    ("complaint", [("accept", "itsupport", {})]),
    ("complaint", []),
    (
        "app_fault_support",
        [
            ("accept", "itsupport", {}),
            (
                "pass_on",
                "itsupport",
                {"to_team": "datacenter", "app_location": "datacenter", "comment": "Di VM 12"},
            ),
            ("accept", "datacenter", {}),
        ],
    ),
    (
        "app_fault_support",
        [
            ("accept", "itsupport", {}),
            (
                "refer_to_developer",
                "itsupport",
                {"app_location": "elsewhere", "report": "Aplikasi di server vendor; hubungi pengembang."},
            ),
        ],
    ),
    (
        "app_fault_datacenter",
        [
            ("accept", "datacenter", {}),
            (
                "pass_on",
                "datacenter",
                {
                    "to_team": "infrastructure",
                    "app_location": "datacenter",
                    "fault_kind": "network",
                    "comment": "Koneksi ke OPD putus",
                },
            ),
        ],
    ),
    (
        "app_fault_datacenter",
        [
            ("accept", "datacenter", {}),
            (
                "return",
                "datacenter",
                {
                    "app_location": "datacenter",
                    "fault_kind": "application",
                    "report": "Layanan dimulai ulang.",
                },
            ),
            ("close", "helpdesk", {}),
        ],
    ),
    ("request", [("cancel", "helpdesk", {"comment": "Dibatalkan pemohon"})]),
]


def build_work_orders(city, result) -> None:
    """Work orders along every procedure, issued and moved through the real services."""
    from kelola.core.models import User

    from .choices import TicketStatus as S
    from .models import Ticket, WorkOrder
    from .workorders import workorder_issue, workorder_transition

    if WorkOrder.objects.filter(pemda=city).exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in=["helpdesk", "itsupport", "datacenter"])}
    if len(users) < 3:
        return
    candidates = Ticket.objects.filter(pemda=city, tier=2, status__in=[S.NEW, S.ESCALATED, S.IN_PROGRESS])
    candidates = candidates.order_by("-created_at")[: len(WORK_ORDER_PATHS)]
    for ticket, (procedure, steps) in zip(candidates, WORK_ORDER_PATHS, strict=False):
        order = workorder_issue(
            actor=users["helpdesk"],
            ticket=ticket,
            procedure=procedure,
            instructions=f"Tindak lanjuti: {ticket.title}",
        )
        for name, username, data in steps:
            order = workorder_transition(order, name, actor=users[username], **data)
        result.count("work_order", True)


def build_problems(city, result) -> None:
    """Problems with recurring incidents, outages of the critical services, a warning letter."""
    from kelola.core.models import User

    from . import demo_problems

    gcio = User.objects.filter(username="gcio").first()
    if gcio is None:
        return
    for label, count in demo_problems.build(city, gcio).items():
        if count:
            result.created[label] = result.created.get(label, 0) + count
