"""Demo problems and availability (DESK-5, DESK-6) for a pemda that already has its services and
tickets (see demo.py): six problems at every step with their recurring incidents linked,
six months of outages of the critical services (one of which falls short repeatedly), and the
steering committee's warning letter for it. Idempotent: skipped when the pemda has problems."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from . import availability as avail
from . import problems as desk_problems
from .choices import OutageSource, TicketKind
from .models import Outage, Problem, Service, Ticket

# (title, description, status, root cause, workaround, change reference)
PROBLEMS = [
    (
        "Internet kantor putus setiap pagi",
        "Beberapa OPD melaporkan internet tidak tersambung antara pukul 07.30 dan 08.30.",
        "known_error",
        "Sesi PPPoE router distribusi habis bersamaan saat jam masuk kantor.",
        "Help desk menyalakan ulang sesi PPPoE dari NOC; pengguna menunggu 5 menit.",
        "",
    ),
    (
        "Aplikasi Srikandi lambat saat unggah lampiran",
        "Unggah berkas lebih dari 5 MB gagal atau memakan waktu lama.",
        "resolved",
        "Batas ukuran unggahan pada reverse proxy terlalu kecil.",
        "Kompres berkas sebelum diunggah.",
        "Perubahan konfigurasi reverse proxy CHG-2026-031",
    ),
    (
        "Wifi lantai dua sering terputus",
        "Koneksi wifi di lantai dua gedung utama terputus berkala.",
        "investigating",
        "",
        "",
        "",
    ),
    (
        "Printer jaringan tidak dikenali setelah pembaruan",
        "Printer jaringan hilang dari daftar perangkat setelah pembaruan sistem operasi.",
        "closed",
        "Driver printer lama tidak kompatibel dengan pembaruan.",
        "Tambahkan printer secara manual melalui alamat IP.",
        "Distribusi driver baru melalui GPO CHG-2026-018",
    ),
    (
        "Aplikasi tidak bisa dibuka dari luar jaringan pemda",
        "Pengguna di luar kantor tidak dapat membuka aplikasi tertentu.",
        "open",
        "",
        "",
        "",
    ),
    (
        "Sertifikat TLS portal kedaluwarsa tanpa peringatan",
        "Portal menampilkan peringatan keamanan di peramban.",
        "known_error",
        "Pembaruan otomatis sertifikat gagal karena port 80 tertutup.",
        "Perpanjang sertifikat secara manual setiap 60 hari.",
        "",
    ),
]
#: The steps that take a problem from "open" to each state.
PATHS = {
    "open": [],
    "investigating": ["investigate"],
    "known_error": ["investigate", "record_known_error"],
    "resolved": ["investigate", "record_known_error", "resolve"],
    "closed": ["investigate", "record_known_error", "resolve", "close"],
}


def build(pemda, actor, rng=None) -> dict[str, int]:
    """Add the demo problems, outages and warning letter; `actor` is a GCIO (or platform
    administrator) of the pemda. Returns what was created."""
    rng = rng or random.Random(2030)
    created = {"problem": 0, "outage": 0, "letter": 0}
    if Problem.objects.filter(pemda=pemda).exists():
        return created
    services = list(Service.objects.filter(pemda=pemda, is_active=True).order_by("-critical", "name"))
    if not services:
        return created
    _build_problems(pemda, actor, services, rng, created)
    _build_outages(pemda, actor, [s for s in services if s.critical], rng, created)
    return created


def _build_problems(pemda, actor, services, rng, created) -> None:
    used: set[int] = set()
    for index, (title, description, state, cause, workaround, change) in enumerate(PROBLEMS):
        service = services[index % len(services)]
        incidents = list(
            Ticket.objects.filter(
                pemda=pemda, service=service, kind=TicketKind.INCIDENT, problem__isnull=True
            )
            .exclude(pk__in=used)
            .order_by("-created_at")
            .values_list("pk", flat=True)[: rng.randint(3, 8)]
        )
        used.update(incidents)
        problem = desk_problems.problem_create(
            actor=actor, pemda=pemda, title=title, description=description, service=service
        )
        if incidents:
            desk_problems.link_incidents(problem, incidents, actor=actor)
        for step in PATHS[state]:
            desk_problems.problem_transition(
                problem,
                step,
                actor=actor,
                root_cause=cause or None,
                workaround=workaround or None,
                change_reference=change or None,
            )
        created["problem"] += 1


def _build_outages(pemda, actor, critical, rng, created) -> None:
    """Short outages for every critical service over the last six months; the first critical
    service is down for hours in two of the last three complete months (and gets the letter)."""
    if not critical:
        return
    now = timezone.now()
    today = timezone.localdate()
    months = avail.previous_months(today.year, today.month, 7)[:-1]  # six complete months
    for position, service in enumerate(critical):
        for year, month in months:
            start, end = avail.month_bounds(pemda, year, month)
            for _n in range(rng.randint(1, 3)):
                began = start + datetime.timedelta(
                    minutes=rng.randint(0, int((end - start).total_seconds() // 60) - 60)
                )
                _outage(actor, service, began, datetime.timedelta(minutes=rng.randint(5, 40)), created)
            if position == 0 and (year, month) in (months[-1], months[-3]):
                began = start + datetime.timedelta(days=10, hours=8)
                _outage(actor, service, began, datetime.timedelta(hours=rng.randint(6, 9)), created)
    ongoing_start = now - datetime.timedelta(minutes=25)
    if len(critical) > 1 and ongoing_start >= avail.month_bounds(pemda, today.year, today.month)[0]:
        avail.outage_record(
            actor=actor,
            service=critical[1],
            started_at=ongoing_start,
            source=OutageSource.DETECTED,
            description="Pemantauan: HTTP 502 dari server aplikasi.",
        )
        created["outage"] += 1
    year, month = months[-1]
    row = avail.monthly_review(pemda, year, month, services=[critical[0]])[0]
    if row.repeated and row.letter is None:
        from kelola.core.queries import users_with_roles
        from kelola.core.roles import Role

        signer = users_with_roles(pemda.pk, {Role.COMMITTEE}).first() or actor
        avail.issue_warning_letter(critical[0], signer, year, month)
        created["letter"] += 1


def _outage(actor, service, began, length, created) -> Outage:
    outage = avail.outage_record(
        actor=actor,
        service=service,
        started_at=began,
        ended_at=began + length,
        source=OutageSource.DETECTED if length < datetime.timedelta(minutes=30) else OutageSource.ENTERED,
        description="Gangguan tercatat." if length < datetime.timedelta(hours=1) else "Server aplikasi mati.",
    )
    created["outage"] += 1
    return outage
