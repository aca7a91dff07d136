"""manage.py demo: a realistic city pemda, a second pemda, an account for every role; idempotent."""

import io

import pytest
from django.core.management import call_command

from kelola.core import audit
from kelola.core.demo import data
from kelola.core.models import Agency, AuditEntry, Notification, Pemda, RoleAssignment, User
from kelola.core.roles import AGENCY_ROLES, Role
from kelola.organizations.models import (
    Decree,
    GoverningBody,
    Membership,
    Person,
    Position,
    SelfRelianceAssessment,
    TierOneTechnician,
)

MODELS = [
    Pemda,
    Agency,
    User,
    RoleAssignment,
    Person,
    Position,
    Decree,
    GoverningBody,
    Membership,
    TierOneTechnician,
    SelfRelianceAssessment,
    Notification,
    AuditEntry,
]


def _counts() -> dict:
    return {model.__name__: model._base_manager.count() for model in MODELS}


def _accounts_table(output: str) -> str:
    return output[output.index("Kelola: ") :]


@pytest.fixture
def demo(db):
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_second_run_creates_nothing_and_prints_the_same_accounts(demo):
    counts = _counts()
    again = io.StringIO()
    call_command("demo", stdout=again)
    assert "nothing new" in again.getvalue()
    assert _counts() == counts
    assert _accounts_table(again.getvalue()) == _accounts_table(demo)
    assert audit.verify_chain() == []


def test_city_and_second_pemda(demo):
    city = Pemda.objects.get(name="Kota Sukamaju")
    assert (city.kind, city.timezone, city.domain) == ("kota", "Asia/Jakarta", "sukamaju.go.id")
    other = Pemda.objects.get(name="Kabupaten Tanah Merah")
    assert (other.kind, other.timezone) == ("kabupaten", "Asia/Makassar")
    assert Pemda.objects.count() == 2

    agencies = Agency.objects.filter(pemda=city)
    assert 38 <= agencies.count() <= 45
    assert 8 <= Agency.objects.filter(pemda=other).count() <= 12
    for pemda in (city, other):
        assert Agency.objects.filter(pemda=pemda, is_it_office=True).count() == 1
    assert agencies.get(is_it_office=True).short_name == "Diskominfo"
    for short in ("Setda", "Bappeda", "BPKAD", "Inspektorat", "Dinkes", "Disdik", "Disdukcapil", "Satpol PP"):
        assert agencies.filter(short_name=short).exists(), short
    assert agencies.filter(kind="kecamatan").count() >= 3
    units = agencies.filter(parent__isnull=False)
    assert units.filter(parent__short_name="Dinkes", name__startswith="Puskesmas").exists()
    assert all(unit.path == f"{unit.parent.path}{unit.pk}/" for unit in units)
    for agency in agencies.filter(parent__isnull=True):
        assert agency.email and agency.phone and agency.address and agency.subdomain, agency
        # Every OPD has a head and IT staff.
        assert Position.objects.filter(agency=agency, is_head=True, holder__isnull=False).exists(), agency
        assert Person.objects.filter(agency=agency, is_it_staff=True).exists(), agency


def test_governance_technicians_assessments_notifications(demo):
    city = Pemda.objects.get(name="Kota Sukamaju")
    bodies = GoverningBody.objects.filter(pemda=city)
    assert set(bodies.values_list("kind", flat=True)) >= {"committee", "evaluators", "smart_city_council"}
    for body in bodies:
        assert body.decree_id and body.decree.pemda_id == city.pk
        members = Membership.objects.filter(body=body)
        assert members.filter(role="chair").count() == 1 and members.count() >= 3
        assert all(m.term_start and m.term_end and m.is_current for m in members)

    top_level = Agency.objects.filter(pemda=city, parent__isnull=True, is_it_office=False)
    covered = set(TierOneTechnician.objects.filter(pemda=city).values_list("agency__short_name", flat=True))
    missing = set(top_level.values_list("short_name", flat=True)) - covered
    assert missing == data.WITHOUT_TECHNICIAN  # most have one, a few show the flag

    states = set(SelfRelianceAssessment.objects.filter(pemda=city).values_list("status", flat=True))
    assert {"draft", "proposed", "active"} <= states and len(states) >= 3
    assert Agency.objects.get(pemda=city, short_name="Dinkes").it_self_reliant
    assert Notification.objects.filter(recipient__username="gcio").exists()


def test_an_account_for_every_role(demo, client):
    city = Pemda.objects.get(name="Kota Sukamaju")
    held = set(RoleAssignment.objects.filter(pemda=city).values_list("role", flat=True))
    assert held == set(Role.values)
    for assignment in RoleAssignment.objects.filter(pemda=city, role__in=AGENCY_ROLES):
        assert assignment.agency and assignment.agency.pemda_id == city.pk
    assert RoleAssignment.objects.get(user__username="kadis.kesehatan").agency.short_name == "Dinkes"
    assert RoleAssignment.objects.filter(pemda__name="Kabupaten Tanah Merah", role="gcio").exists()
    assert RoleAssignment.objects.filter(pemda__name="Kabupaten Tanah Merah", role="agency_operator").exists()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff

    usernames = [a[0] for a in data.ACCOUNTS + data.OTHER_PEMDA_ACCOUNTS] + ["admin"]
    for username in usernames:
        assert f"\n{username} " in demo, username
        user = User.objects.get(username=username)
        assert user.password != data.PASSWORD and user.check_password(data.PASSWORD)
    assert data.PASSWORD in demo and "Kelola: http" in demo
    assert client.login(username="operator.kesehatan", password=data.PASSWORD)


def test_pemda_are_isolated(demo):
    city_gcio = User.objects.get(username="gcio")
    other_gcio = User.objects.get(username="gcio.tanahmerah")
    seen = set(Agency.objects.visible_to(city_gcio).values_list("pemda__name", flat=True))
    assert seen == {"Kota Sukamaju"}
    seen = set(Agency.objects.visible_to(other_gcio).values_list("pemda__name", flat=True))
    assert seen == {"Kabupaten Tanah Merah"}


def test_changes_are_audited_as_demo(demo):
    city = Pemda.objects.get(name="Kota Sukamaju")
    entries = AuditEntry.objects.filter(chain=f"pemda:{city.pk}")
    assert entries.filter(comment="demo", action="create").count() >= 40
    assert not entries.filter(comment="").exists()
    assert entries.filter(action="transition").exists()
    assert audit.verify_chain() == []
