"""A small but complete world for tests: two pemda, several agencies, one user per role.

Every domain's tests use it, so that refusal cases (another agency, another pemda, a missing
role, a classified record) are always at hand (STYLE practice 11).
"""

from __future__ import annotations

from types import SimpleNamespace

from kelola.core.models import Agency, Pemda, RoleAssignment, User
from kelola.core.roles import AGENCY_ROLES, Role

PASSWORD = "Kelola-Test-2026!"  # noqa: S105 - test accounts only


def make_user(username: str, *, pemda=None, agency=None, roles=(), full_name="") -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.go.id",
        full_name=full_name or username.replace("_", " ").title(),
        pemda=pemda,
        agency=agency,
    )
    for role in roles:
        RoleAssignment.objects.create(
            user=user,
            role=role,
            pemda=pemda,
            agency=agency if role in AGENCY_ROLES or role == Role.VENDOR else None,
        )
    return user


def build_world() -> SimpleNamespace:
    """Pemda A (Kota Contoh) with the IT office, Dinas Kesehatan (+ a sub-unit), Dinas Pendidikan;
    pemda B (Kabupaten Lain) with its own Dinas Kesehatan. Users are named after their role;
    agency roles sit in Dinas Kesehatan of pemda A."""
    pemda = Pemda.objects.create(name="Kota Contoh", kind="kota", code="35.73", slug="kota-contoh")
    other_pemda = Pemda.objects.create(name="Kabupaten Lain", kind="kabupaten", code="35.07", slug="kab-lain")
    it_office = Agency.objects.create(
        pemda=pemda, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo", is_it_office=True
    )
    health = Agency.objects.create(pemda=pemda, name="Dinas Kesehatan", short_name="Dinkes")
    clinic = Agency.objects.create(pemda=pemda, name="Puskesmas Kendalkerep", parent=health, kind="unit")
    education = Agency.objects.create(pemda=pemda, name="Dinas Pendidikan", short_name="Disdik")
    other_it_office = Agency.objects.create(
        pemda=other_pemda, name="Dinas Kominfo Kabupaten Lain", short_name="Diskominfo", is_it_office=True
    )
    other_health = Agency.objects.create(pemda=other_pemda, name="Dinas Kesehatan", short_name="Dinkes")

    world = SimpleNamespace(
        pemda=pemda,
        other_pemda=other_pemda,
        it_office=it_office,
        health=health,
        clinic=clinic,
        education=education,
        other_it_office=other_it_office,
        other_health=other_health,
        users={},
    )
    for role in Role:
        agency = health if role in AGENCY_ROLES or role == Role.VENDOR else it_office
        world.users[role.value] = make_user(role.value, pemda=pemda, agency=agency, roles=[role])
    world.other_agency_operator = make_user(
        "other_agency_operator", pemda=pemda, agency=education, roles=[Role.AGENCY_OPERATOR]
    )
    world.other_agency_head = make_user(
        "other_agency_head", pemda=pemda, agency=education, roles=[Role.AGENCY_HEAD]
    )
    world.other_pemda_gcio = make_user(
        "other_pemda_gcio", pemda=other_pemda, agency=other_it_office, roles=[Role.GCIO]
    )
    world.other_pemda_admin = make_user(
        "other_pemda_admin", pemda=other_pemda, agency=other_it_office, roles=[Role.PEMDA_ADMIN]
    )
    world.other_pemda_operator = make_user(
        "other_pemda_operator", pemda=other_pemda, agency=other_health, roles=[Role.AGENCY_OPERATOR]
    )
    world.no_role = make_user("no_role", pemda=pemda, agency=health)
    world.superuser = User.objects.create_superuser("platform_admin", "admin@example.go.id", PASSWORD)
    return world


def user(world, role: str) -> User:
    return world.users[role]
