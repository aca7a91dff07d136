"""Demo proposals and spending (issue 3): 40 proposals of Kota Sukamaju in every state (a few
walked through the real workflow, with reviews, a rejection, a revision and recommendation
letters) and three years of SPBE spending, some of it budgeted twice. Idempotent: nothing is
added once the city has proposals."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from kelola.core.models import Agency, User

from . import services
from .choices import ProposalStatus, SpendingCategory
from .models import BudgetLine, Proposal

IDEAS = [
    (
        "new_app",
        "Aplikasi antrean daring puskesmas",
        "health",
        ["Ambil nomor antrean", "Panggilan antrean"],
        ["Data pasien"],
    ),
    (
        "development",
        "Pengembangan SIMPUS modul rujukan",
        "health",
        ["Rujukan elektronik"],
        ["Data pasien", "Data rujukan"],
    ),
    (
        "new_app",
        "Sistem informasi beasiswa daerah",
        "education",
        ["Pendaftaran beasiswa", "Seleksi"],
        ["Data siswa"],
    ),
    (
        "infrastructure",
        "Jaringan fiber optik kantor kecamatan",
        "communication",
        ["Konektivitas intranet"],
        [],
    ),
    (
        "hosting",
        "Hosting aplikasi perizinan di pusat data",
        "employment",
        ["Perizinan berusaha"],
        ["Data pemohon izin"],
    ),
    (
        "new_app",
        "Aplikasi pengaduan jalan rusak",
        "transport",
        ["Laporan warga", "Peta kerusakan"],
        ["Lokasi laporan"],
    ),
    (
        "new_app",
        "E-retribusi pasar",
        "employment",
        ["Pembayaran retribusi", "Rekap penerimaan"],
        ["Data pedagang"],
    ),
    (
        "development",
        "Integrasi SIAK dengan layanan kecamatan",
        "social_security",
        ["Verifikasi NIK"],
        ["Data penduduk"],
    ),
    (
        "new_app",
        "Dasbor bencana dan peringatan dini",
        "environment",
        ["Peringatan dini", "Laporan kejadian"],
        ["Data kejadian"],
    ),
    ("other", "Pelatihan keamanan informasi ASN", "communication", ["Pelatihan"], []),
]
COMPLETE = {
    "program_achievement": "Meningkatnya kualitas layanan publik",
    "program_needs": "Layanan yang cepat dan terukur",
    "terms_of_reference": "Kerangka acuan kerja terlampir",
    "needs_analysis": "Proses manual memakan waktu dan sulit dipantau",
    "benefit_analysis": "Waktu layanan turun, data terpantau pimpinan",
}
APPROVE = {
    "recommendation": "approve",
    "review_references": "Rencana Induk SPBE 2025-2029; Arsitektur SPBE domain aplikasi",
    "cost_analysis": "Biaya sesuai standar satuan harga daerah",
}
REJECT = {
    "recommendation": "reject",
    "review_references": "Portofolio aplikasi: fungsi serupa sudah tersedia",
    "advice": "Manfaatkan aplikasi yang sudah ada dan usulkan pengembangan modul",
}
STATES = [
    ProposalStatus.DRAFT,
    ProposalStatus.SUBMITTED,
    ProposalStatus.REVIEWED,
    ProposalStatus.APPROVED,
    ProposalStatus.REJECTED,
    ProposalStatus.WITHDRAWN,
]
#: Items an agency budgets for itself (the agency's name makes each one its own).
SPENDING = [
    ("Pemeliharaan aplikasi layanan {agency}", SpendingCategory.APPLICATION, 85_000_000),
    ("Peremajaan komputer dan printer {agency}", SpendingCategory.INFRASTRUCTURE, 60_000_000),
    ("Bimbingan teknis operator aplikasi {agency}", SpendingCategory.HUMAN_RESOURCES, 25_000_000),
    ("Sertifikat elektronik pejabat {agency}", SpendingCategory.SECURITY, 10_000_000),
]
#: Cross-OPD items that belong to the IT office (002 Ps.13) but a few agencies budget themselves.
SHARED = [
    ("Langganan internet kantor", SpendingCategory.INTERNET, 120_000_000),
    ("Sewa hosting dan nama domain", SpendingCategory.HOSTING, 15_000_000),
]


def build(city, result) -> None:
    if Proposal.objects.filter(pemda=city).exists():
        return
    rng = random.Random(2028)
    users = {u.username: u for u in User.objects.filter(pemda=city)}
    health = Agency.objects.get(pemda=city, short_name="Dinkes")
    _walked(health, users, result)
    agencies = list(Agency.objects.filter(pemda=city, is_active=True).exclude(kind="unit"))
    for index in range(32):
        _stored(rng.choice(agencies), rng, index, users, result)
    _spending(city, agencies, rng, result)


def _data(idea, year, **extra) -> dict:
    kind, title, sector, functions, data_sets = idea
    return {
        **COMPLETE,
        "kind": kind,
        "title": title,
        "fiscal_year": year,
        "sector": sector,
        "program_output": title,
        "functions": "\n".join(functions),
        "data_sets": "\n".join(data_sets),
        "cost_estimate": Decimal(150_000_000),
        **extra,
    }


def _walked(health, users, result) -> None:
    """Eight proposals of Dinas Kesehatan taken through the real workflow."""
    operator, head = users.get("operator.kesehatan"), users.get("kadis.kesehatan")
    reviewer, gcio = users.get("reviewer"), users.get("gcio")
    if not all((operator, head, reviewer, gcio)):
        return
    year = timezone.localdate().year + 1
    steps = [
        [],
        ["submit"],
        ["submit", ("recommend", APPROVE)],
        ["submit", ("recommend", APPROVE), "approve"],
        ["submit", ("recommend", REJECT), ("reject", "Duplikasi dengan SIMPUS")],
        [
            "submit",
            ("recommend", REJECT),
            ("reject", "Biaya terlalu besar"),
            "revise",
            "submit",
            ("recommend", APPROVE),
            "approve",
        ],
        ["submit", ("recommend", REJECT), ("reject", "KAK belum lengkap"), "revise"],
        [("withdraw", "Digabung dengan usulan lain")],
    ]
    actors = {
        "submit": head,
        "recommend": reviewer,
        "approve": gcio,
        "reject": gcio,
        "revise": operator,
        "withdraw": head,
    }
    for index, plan in enumerate(steps):
        idea = IDEAS[index % 2] if index < 2 else IDEAS[index % len(IDEAS)]
        proposal = services.proposal_create(
            actor=operator, agency=health, **_data(idea, year, title=f"{idea[1]} ({index + 1})")
        )
        for step in plan:
            name, extra = (step, None) if isinstance(step, str) else step
            review = extra if name == "recommend" else None
            comment = extra if isinstance(extra, str) else ""
            services.proposal_transition(proposal, name, actor=actors[name], comment=comment, review=review)
        result.count("proposal", True)


def _stored(agency, rng, index, users, result) -> None:
    """Proposals of other agencies, stored in their state (they have no demo accounts)."""
    status = STATES[index % len(STATES)]
    idea = IDEAS[index % len(IDEAS)]
    now = timezone.now()
    submitted = now - datetime.timedelta(days=rng.randint(3, 60)) if status != ProposalStatus.DRAFT else None
    reviewed = (
        submitted + datetime.timedelta(days=rng.randint(1, 10))
        if status in {ProposalStatus.REVIEWED, ProposalStatus.APPROVED, ProposalStatus.REJECTED}
        else None
    )
    review = (
        APPROVE
        if status in {ProposalStatus.REVIEWED, ProposalStatus.APPROVED}
        else REJECT
        if status == ProposalStatus.REJECTED
        else {}
    )
    Proposal.objects.create(
        pemda=agency.pemda,
        agency=agency,
        status=status,
        submitted_at=submitted,
        reviewed_at=reviewed,
        reviewed_by=users.get("reviewer") if reviewed else None,
        decided_at=reviewed + datetime.timedelta(days=2)
        if reviewed and status != ProposalStatus.REVIEWED
        else None,
        decided_by=users.get("gcio") if reviewed and status != ProposalStatus.REVIEWED else None,
        **review,
        **_data(
            idea,
            timezone.localdate().year + 1,
            title=f"{idea[1]} — {agency.short_name}",
            cost_estimate=Decimal(rng.randint(5, 90) * 10_000_000),
        ),
    )
    result.count("proposal", True)


def _spending(city, agencies, rng, result) -> None:
    this_year = timezone.localdate().year
    lines = []
    for year in (this_year - 1, this_year, this_year + 1):
        for index, agency in enumerate(agencies[:20]):
            items = rng.sample(SPENDING, 2) + ([SHARED[index % 2]] if index % 7 == 0 else [])
            for title, category, amount in items:
                title = title.format(agency=agency.short_name)
                planned = Decimal(int(amount * rng.uniform(0.6, 1.4)) // 1000 * 1000)
                realised = (
                    planned * Decimal(str(round(rng.uniform(0.7, 1.0), 2))) if year < this_year else None
                )
                lines.append(
                    BudgetLine(
                        pemda=city,
                        agency=agency,
                        fiscal_year=year,
                        title=title,
                        category=category,
                        planned_amount=planned,
                        realised_amount=realised.quantize(Decimal(1)) if realised is not None else None,
                    )
                )
    BudgetLine.objects.bulk_create(lines)
    result.created["budget_line"] = result.created.get("budget_line", 0) + len(lines)
