"""manage.py verify_audit: OK with counts, or the first broken entry of each broken chain."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kelola.core.models import AuditChainHead, AuditEntry


def _verify(*args, **options) -> tuple[str, str, bool]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", *args, stdout=out, stderr=err, **options)
    except CommandError:
        return out.getvalue(), err.getvalue(), False
    return out.getvalue(), err.getvalue(), True


def _tamper(entry, **columns) -> None:
    assignments = ", ".join(f"{column} = %s" for column in columns)
    sql = f"UPDATE core_auditentry SET {assignments} WHERE id = %s"  # noqa: S608 - test columns
    with connection.cursor() as cursor:
        cursor.execute(sql, [*columns.values(), entry.pk])


@pytest.mark.django_db
def test_ok_counts_entries_and_chains(world):
    out, _err, ok = _verify()
    chains = AuditEntry.objects.values("chain").distinct().count()
    assert ok and chains >= 3  # both pemda and the platform
    assert out.strip() == f"OK: {AuditEntry.objects.count()} entries in {chains} chains verified"

    key = f"pemda:{world.pemda.pk}"
    out, _err, ok = _verify(chain=key)
    entries = AuditEntry.objects.filter(chain=key).count()
    assert ok and out.strip() == f"OK: {entries} entries in 1 chains verified"


@pytest.mark.django_db
def test_modified_entry_is_reported_with_chain_sequence_and_id(world):
    key = f"pemda:{world.pemda.pk}"
    entry = AuditEntry.objects.filter(chain=key).order_by("sequence")[5]
    _tamper(entry, changes='{"name": ["a", "b"]}')
    out, err, ok = _verify()
    assert not ok and not out.startswith("OK")
    assert f"chain {key} at sequence {entry.sequence} (entry id {entry.pk}): content modified" in err
    # Other chains are unaffected and can be verified on their own.
    _out, _err, ok = _verify(chain=f"pemda:{world.other_pemda.pk}")
    assert ok
    _out, err, ok = _verify(chain=key)
    assert not ok and "content modified" in err


@pytest.mark.django_db
def test_broken_link_missing_and_truncated_entries_are_reported(world):
    first_key, second_key = f"pemda:{world.pemda.pk}", f"pemda:{world.other_pemda.pk}"
    entries = list(AuditEntry.objects.filter(chain=first_key).order_by("sequence"))
    _tamper(entries[2], previous_hash="f" * 64)
    other = list(AuditEntry.objects.filter(chain=second_key).order_by("sequence"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [other[-1].pk])
    _out, err, ok = _verify()
    assert not ok
    lines = err.strip().splitlines()
    assert len(lines) == 2  # one line per broken chain: its first broken entry
    assert f"chain {first_key} at sequence 3 (entry id {entries[2].pk}): link to previous entry broken" in err
    assert f"chain {second_key}" in err and "entries removed from the end" in err


@pytest.mark.django_db
def test_a_deleted_entry_in_the_middle_is_reported(world):
    key = f"pemda:{world.pemda.pk}"
    entries = list(AuditEntry.objects.filter(chain=key).order_by("sequence"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
    _out, err, ok = _verify(chain=key)
    assert not ok and "missing entry before sequence 3" in err
    assert AuditChainHead.objects.get(key=key).last_sequence == entries[-1].sequence


@pytest.mark.django_db
def test_empty_log_verifies():
    out, _err, ok = _verify()
    assert ok and out.strip() == "OK: 0 entries in 0 chains verified"
