"""The audit chain: every change recorded with before/after, tampering detected."""

import pytest
from django.db import connection

from kelola.core import audit
from kelola.core.models import Agency, AuditEntry


@pytest.mark.django_db
class TestAuditChain:
    def test_create_update_delete_are_recorded_with_actor(self, world):
        gcio = world.users["gcio"]
        with audit.audit_context(actor=gcio, comment="uji"):
            agency = Agency.objects.create(pemda=world.pemda, name="Badan Baru")
            agency.name = "Badan Baru Sekali"
            agency.save()
            agency_pk = agency.pk
            agency.delete()
        entries = AuditEntry.objects.filter(object_id=str(agency_pk), content_type__model="agency").order_by(
            "sequence"
        )
        assert [e.action for e in entries] == ["create", "update", "delete"]
        assert entries[1].changes["name"] == ["Badan Baru", "Badan Baru Sekali"]
        assert all(e.actor_id == gcio.pk and e.comment == "uji" for e in entries)
        assert audit.verify_chain() == []

    def test_entries_are_append_only(self, world):
        entry = AuditEntry.objects.first()
        entry.comment = "ubah"
        with pytest.raises(RuntimeError):
            entry.save()
        with pytest.raises(RuntimeError):
            entry.delete()

    def test_modified_entry_is_detected(self, world, capsys):
        entry = AuditEntry.objects.filter(chain=f"pemda:{world.pemda.pk}").order_by("sequence")[3]
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_auditentry SET object_repr = %s WHERE id = %s", ["dipalsukan", entry.pk]
            )
        problems = audit.verify_chain()
        assert len(problems) == 1
        assert problems[0].sequence == entry.sequence
        assert problems[0].reason == "content modified"

    def test_removed_entry_is_detected(self, world):
        chain = f"pemda:{world.pemda.pk}"
        entry = AuditEntry.objects.filter(chain=chain).order_by("sequence")[2]
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
        problems = audit.verify_chain(chain)
        assert problems and problems[0].sequence == entry.sequence + 1

    def test_entries_removed_from_the_end_are_detected(self, world):
        from kelola.core.models import AuditChainHead

        chain = f"pemda:{world.pemda.pk}"
        head = AuditChainHead.objects.get(key=chain)
        last = AuditEntry.objects.filter(chain=chain).order_by("-sequence").first()
        assert (head.last_sequence, head.last_hash) == (last.sequence, last.entry_hash)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [last.pk])
        problems = audit.verify_chain(chain)
        assert problems and problems[0].reason == "entries removed from the end"

    def test_refused_attempts_are_logged_outside_the_rolled_back_change(self, world):
        from kelola.core.errors import KelolaError
        from kelola.core.services import update_row

        with pytest.raises(KelolaError):
            update_row(world.education, actor=world.users["agency_head"], name="Dinas Diambil Alih")
        world.education.refresh_from_db()
        assert world.education.name == "Dinas Pendidikan"
        refused = AuditEntry.objects.get(action="refused", actor=world.users["agency_head"])
        assert refused.changes["action"] == "change" and refused.changes["code"] == "forbidden"
