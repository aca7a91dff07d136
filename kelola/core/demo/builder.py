"""Builds the demo pemda. Idempotent: rows are looked up by natural keys before they are
created, so running it again creates nothing new."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kelola.assets import demo as assets_demo
from kelola.cmdb import demo as cmdb_demo
from kelola.connectivity import demo as connectivity_demo
from kelola.core.audit import audit_context
from kelola.core.models import Agency, Notification, Pemda, RoleAssignment, User
from kelola.core.roles import AGENCY_ROLES
from kelola.datacenter import demo as datacenter_demo
from kelola.hosting import demo as hosting_demo
from kelola.network import demo as network_demo
from kelola.organizations.models import (
    Decree,
    GoverningBody,
    Membership,
    Person,
    Position,
    SelfRelianceAssessment,
    TierOneTechnician,
)
from kelola.portfolio import demo as portfolio_demo
from kelola.proposals import demo as proposals_demo
from kelola.servicedesk import demo as servicedesk_demo

from . import data


@dataclass
class DemoResult:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, label: str, was_created: bool) -> None:
        if was_created:
            self.created[label] = self.created.get(label, 0) + 1


def _slug(short: str) -> str:
    return short.lower().replace("kec. ", "kec").replace(" ", "").replace(".", "")


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(data.FIRST_NAMES)} {rng.choice(data.LAST_NAMES)}"


def build(*, today: datetime.date | None = None) -> DemoResult:
    today = today or timezone.localdate()
    result = DemoResult()
    password_hash = make_password(data.PASSWORD)  # hashed once: Argon2 is deliberately slow
    with transaction.atomic(), audit_context(comment="demo"):
        city, created = Pemda.objects.get_or_create(
            code="36.99",
            defaults=dict(
                name="Kota Sukamaju",
                kind="kota",
                slug="kota-sukamaju",
                domain="sukamaju.go.id",
                address="Jl. Merdeka No. 1, Sukamaju",
                phone="(0254) 123456",
                email="pemkot@sukamaju.go.id",
                letter_code="Diskominfo",
            ),
        )
        result.count("pemda", created)
        agencies = _agencies(city, result)
        other, created = Pemda.objects.get_or_create(
            code="64.99",
            defaults=dict(
                name="Kabupaten Tanah Merah",
                kind="kabupaten",
                slug="kab-tanah-merah",
                timezone="Asia/Makassar",
                domain="tanahmerahkab.go.id",
                letter_code="Diskominfotik",
            ),
        )
        result.count("pemda", created)
        other_agencies = {}
        for name, short, kind in data.OTHER_PEMDA_AGENCIES:
            agency, created = Agency.objects.get_or_create(
                pemda=other,
                name=name,
                defaults=dict(
                    short_name=short,
                    kind=kind,
                    is_it_office=short == "Diskominfo",
                    email=f"{_slug(short)}@tanahmerahkab.go.id",
                ),
            )
            result.count("agency", created)
            other_agencies[short] = agency
        rng = random.Random(2026)
        people = _people(city, agencies, rng, result)
        _people(other, other_agencies, rng, result)
        _accounts(city, agencies, data.ACCOUNTS, password_hash, result)
        _accounts(other, other_agencies, data.OTHER_PEMDA_ACCOUNTS, password_hash, result)
        _superuser(password_hash, result)
        decrees = _decrees(city, agencies, today, result)
        _bodies(city, decrees, people, today, result)
        _technicians(agencies, people, today, result)
        portfolio_demo.build(city, other, random.Random(2027), result)
        servicedesk_demo.build(city, result)
        assets_demo.build(city, result)
        network_demo.build(city, result)
        datacenter_demo.build(city, result)
        connectivity_demo.build(city, result)
    # Outside the transaction above: the workflow notifies after each step's own commit.
    with audit_context(comment="demo"):
        _assessments(city, agencies, decrees, result)
        proposals_demo.build(city, result)
        servicedesk_demo.build_work_orders(city, result)
        servicedesk_demo.build_problems(city, result)
        hosting_demo.build_workflows(city, result)
        cmdb_demo.build(city, result)
    with transaction.atomic():
        _notifications(city, result)
    return result


def _agencies(pemda, result) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for name, short, kind, parent_short in data.AGENCIES:
        slug = _slug(short)
        agency, created = Agency.objects.get_or_create(
            pemda=pemda,
            name=name,
            defaults=dict(
                short_name=short,
                kind=kind,
                parent=agencies.get(parent_short),
                is_it_office=short == "Diskominfo",
                email=f"{slug}@sukamaju.go.id",
                phone=f"(0254) 2{len(agencies):04d}",
                address=f"Jl. Pemuda No. {len(agencies) + 2}, Sukamaju",
                subdomain=f"{slug}.sukamaju.go.id" if kind != "unit" else "",
                website=f"https://{slug}.sukamaju.go.id" if kind != "unit" else "",
            ),
        )
        result.count("agency", created)
        agencies[short] = agency
    return agencies


def _nip(index: int, n: int) -> str:
    """An 18-digit NIP shaped like real ones: birth date, appointment month, sex, sequence."""
    return f"19{70 + (index + n) % 25}{(n + 1):02d}{(index % 28) + 1:02d}200501{n % 2 + 1}{index:03d}"


def _people(pemda, agencies, rng, result) -> dict[str, list[Person]]:
    people: dict[str, list[Person]] = {}
    for index, (short, agency) in enumerate(agencies.items()):
        staff = list(Person.objects.filter(agency=agency).order_by("pk"))
        if not staff:
            titles = ["Kepala", "Sekretaris", "Pranata Komputer", "Analis Sistem Informasi", "Staf Pelaksana"]
            for n, title in enumerate(titles):
                staff.append(
                    Person.objects.create(
                        pemda=pemda,
                        agency=agency,
                        full_name=_person_name(rng),
                        nip=_nip(index, n),
                        rank="Pembina Utama Muda (IV/c)" if n == 0 else "Penata (III/c)",
                        is_it_staff=n in (2, 3),
                        email=f"{title.split()[0].lower()}.{_slug(short)}@{pemda.domain}",
                    )
                )
                result.count("person", True)
            Position.objects.create(
                pemda=pemda, agency=agency, title=f"Kepala {agency.short_name}", is_head=True, holder=staff[0]
            )
            Position.objects.create(
                pemda=pemda, agency=agency, title="Pranata Komputer Ahli Pertama", holder=staff[2]
            )
            result.count("position", True)
        people[short] = staff
    return people


def _accounts(pemda, agencies, accounts, password_hash, result) -> None:
    for username, role, short, full_name in accounts:
        agency = agencies[short]
        user, created = User.objects.get_or_create(
            username=username,
            defaults=dict(
                password=password_hash,
                full_name=full_name,
                pemda=pemda,
                agency=agency,
                email=f"{username}@{pemda.domain}",
            ),
        )
        result.count("user", created)
        scope_agency = agency if role in AGENCY_ROLES or role == "vendor" else None
        _assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, pemda=pemda, agency=scope_agency
        )
        result.count("role", created)
        result.accounts.append((username, role, str(scope_agency or pemda)))


def _superuser(password_hash, result) -> None:
    _user, created = User.objects.get_or_create(
        username="admin",
        defaults=dict(
            password=password_hash,
            full_name="Administrator Platform",
            is_staff=True,
            is_superuser=True,
            email="admin@kelola.local",
        ),
    )
    result.count("user", created)
    result.accounts.append(("admin", "superuser", "platform"))


def _decrees(pemda, agencies, today, result) -> dict[str, Decree]:
    year = today.year
    specs = {
        "committee": (f"100.3.3.2/{year - 1}/015/KPTS/2025", "Pembentukan Tim Pengarah SPBE Kota Sukamaju"),
        "evaluators": (f"100.3.3.2/{year}/021/KPTS", "Pembentukan Tim Evaluator Internal SPBE"),
        "smart_city": (f"100.3.3.2/{year - 1}/044/KPTS", "Pembentukan Dewan Smart City Kota Sukamaju"),
        "mandiri_dinkes": (
            f"100.3.3.2/{year}/077/KPTS",
            "Penetapan Dinas Kesehatan sebagai Perangkat Daerah Mandiri TIK",
        ),
    }
    decrees = {}
    for key, (number, subject) in specs.items():
        # Looked up by subject: the numbers carry the year the demo was first loaded.
        decree, created = Decree.objects.get_or_create(
            pemda=pemda,
            subject=subject,
            defaults=dict(
                number=number,
                kind="head_decree",
                date=datetime.date(year if str(year) in number else year - 1, 3, 15),
                decides=f"Menetapkan {subject.lower()} beserta tugas dan susunan keanggotaannya.",
                signed_by="Walikota Sukamaju",
                effective_from=datetime.date(year - 1, 1, 1),
            ),
        )
        result.count("decree", created)
        decrees[key] = decree
    return decrees


def _bodies(pemda, decrees, people, today, result) -> None:
    specs = [
        (
            "committee",
            "Tim Pengarah SPBE Kota Sukamaju",
            "committee",
            ["Setda", "Diskominfo", "Bappeda", "BPKAD"],
        ),
        ("evaluators", "Tim Evaluator Internal SPBE", "evaluators", ["Diskominfo", "Inspektorat", "Bappeda"]),
        (
            "smart_city_council",
            "Dewan Smart City Kota Sukamaju",
            "smart_city",
            ["Setda", "Bappeda", "Dishub"],
        ),
    ]
    for kind, name, decree_key, member_agencies in specs:
        body, created = GoverningBody.objects.get_or_create(
            pemda=pemda,
            name=name,
            defaults=dict(
                kind=kind,
                decree=decrees[decree_key],
                description="Mengarahkan dan memantau penerapan SPBE di lingkungan Pemerintah Kota.",
            ),
        )
        result.count("body", created)
        if created:
            roles = ["chair", "secretary"] + ["member"] * 10
            for role, short in zip(roles, member_agencies, strict=False):
                Membership.objects.create(
                    pemda=pemda,
                    body=body,
                    person=people[short][0],
                    role=role,
                    term_start=datetime.date(today.year - 1, 1, 1),
                    term_end=datetime.date(today.year + 3, 12, 31),
                )
                result.count("membership", True)


def _technicians(agencies, people, today, result) -> None:
    for short, agency in agencies.items():
        if short in data.WITHOUT_TECHNICIAN or agency.is_it_office:
            continue
        person = people[short][2]
        _row, created = TierOneTechnician.objects.get_or_create(
            agency=agency,
            person=person,
            defaults=dict(pemda=agency.pemda, since=datetime.date(today.year - 1, 7, 1)),
        )
        result.count("technician", created)


def _assessments(city, agencies, decrees, result) -> None:
    """A few Mandiri TIK assessments in different states, taken through the real workflow."""
    from kelola.organizations import services

    gcio = User.objects.get(username="gcio")
    executive = User.objects.get(username="walikota")
    evidence = dict(
        has_it_staff=True,
        it_staff_evidence="2 Pranata Komputer dan 1 Analis Sistem Informasi (SK penempatan).",
        has_built_systems=True,
        built_systems_evidence="Membangun dan mengelola aplikasi SIMPUS dan e-Posyandu.",
    )
    plan = [
        ("Dinkes", ["propose", "approve", "activate"]),
        ("RSUD", ["propose", "approve"]),
        ("Bapenda", ["propose"]),
        ("Disdukcapil", []),
    ]
    comments = {
        "propose": "Data demo: memenuhi kedua kriteria, diusulkan ke Walikota.",
        "approve": "Data demo: disetujui, SK penetapan disiapkan.",
        "activate": "Data demo: SK penetapan telah ditandatangani.",
    }
    for short, steps in plan:
        agency = agencies[short]
        if SelfRelianceAssessment.objects.filter(agency=agency).exists():
            continue
        assessment = services.assessment_start(actor=gcio, agency=agency, **evidence)
        result.count("assessment", True)
        for step in steps:
            actor = executive if step == "approve" else gcio
            decree = decrees["mandiri_dinkes"] if step == "activate" else None
            services.assessment_transition(
                assessment,
                step,
                actor=actor,
                decree=decree,
                comment=comments[step],
            )


def _notifications(city, result) -> None:
    """A few unread messages in the inbox (in-app only: the demo sends no e-mail)."""
    if Notification.objects.filter(kind="demo").exists():
        return
    without = sorted(data.WITHOUT_TECHNICIAN)
    messages = [
        (
            ["gcio", "admin.pemda"],
            "Selamat datang di Kelola",
            "Ini data demo Kota Sukamaju. Semua akun demo memakai kata sandi yang sama.",
            reverse("core:home"),
        ),
        (
            ["gcio", "helpdesk"],
            f"{len(without)} perangkat daerah belum menunjuk teknisi tier 1",
            "Belum menunjuk: " + ", ".join(without) + ".",
            reverse("organizations:technician_coverage"),
        ),
        (
            ["operator.kesehatan", "operator.pendidikan"],
            "Lengkapi data pegawai dan teknisi perangkat daerah Anda",
            "Periksa kembali daftar pegawai, jabatan, dan teknisi tier 1 sebelum evaluasi SPBE.",
            reverse("organizations:person_list"),
        ),
    ]
    for usernames, title, body, url in messages:
        for user in User.objects.filter(username__in=usernames):
            Notification.objects.create(
                recipient=user, pemda=city, kind="demo", title=title, body=body, url=url
            )
            result.count("notification", True)
