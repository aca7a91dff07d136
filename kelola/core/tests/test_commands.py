"""Management commands: verify_audit and demo."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kelola.core import audit
from kelola.core.models import Agency, AuditEntry, Pemda, RoleAssignment, User
from kelola.core.roles import Role
from kelola.organizations.models import SelfRelianceAssessment


@pytest.mark.django_db
def test_verify_audit_ok_then_broken(world):
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert out.getvalue().startswith("OK: ")
    entry = AuditEntry.objects.filter(chain=f"pemda:{world.pemda.pk}").order_by("sequence")[5]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET changes = %s WHERE id = %s", ['{"name": ["a", "b"]}', entry.pk]
        )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit", stdout=io.StringIO(), stderr=err)
    assert f"sequence {entry.sequence}" in err.getvalue() and "content modified" in err.getvalue()


@pytest.mark.django_db
def test_demo_is_complete_and_idempotent(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    first = io.StringIO()
    call_command("demo", stdout=first)
    counts = (Pemda.objects.count(), Agency.objects.count(), User.objects.count(), AuditEntry.objects.count())
    second = io.StringIO()
    call_command("demo", stdout=second)
    assert "nothing new" in second.getvalue()
    assert (
        Pemda.objects.count(),
        Agency.objects.count(),
        User.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    city = Pemda.objects.get(name="Kota Sukamaju")
    assert 38 <= Agency.objects.filter(pemda=city).count() <= 45
    assert Agency.objects.filter(pemda=city, is_it_office=True).count() == 1
    held = set(RoleAssignment.objects.filter(pemda=city).values_list("role", flat=True))
    assert held == set(Role.values)
    assert SelfRelianceAssessment.objects.filter(status="active").exists()
    assert Agency.objects.get(pemda=city, short_name="Dinkes").it_self_reliant
    assert audit.verify_chain() == []
    for username in ("gcio", "operator.kesehatan", "walikota", "admin"):
        assert username in first.getvalue()
